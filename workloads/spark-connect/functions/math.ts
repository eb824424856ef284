import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";
import { define } from "./define.ts";

export function abs(column: ColumnOrName): Column {
  return callFunction("abs", column);
}
export function round(column: ColumnOrName, scale = 0): Column {
  return callFunction("round", column, lit(scale));
}
export function bround(column: ColumnOrName, scale = 0): Column {
  return callFunction("bround", column, lit(scale));
}
/** Largest integer not greater than the value; with a scale, rounds down to that many decimal places. */
export function floor(column: ColumnOrName, scale?: number | Column): Column {
  return scale === undefined ? callFunction("floor", column) : callFunction("floor", column, lit(scale));
}
/** Smallest integer not less than the value; with a scale, rounds up to that many decimal places. */
export function ceil(column: ColumnOrName, scale?: number | Column): Column {
  return scale === undefined ? callFunction("ceil", column) : callFunction("ceil", column, lit(scale));
}
export function sqrt(column: ColumnOrName): Column {
  return callFunction("sqrt", column);
}
export function exp(column: ColumnOrName): Column {
  return callFunction("exp", column);
}
/** `log(col)` is the natural logarithm; `log(base, col)` the logarithm in that base, as in PySpark. */
export function log(column: ColumnOrName): Column;
export function log(base: number, column: ColumnOrName): Column;
export function log(first: ColumnOrName | number, column?: ColumnOrName): Column {
  if (column === undefined) return callFunction("ln", first as ColumnOrName);
  return callFunction("log", lit(first), column);
}
export function log10(column: ColumnOrName): Column {
  return callFunction("log10", column);
}
export function pow(base: ColumnOrName, exponent: ColumnOrName | number): Column {
  return callFunction("power", base, typeof exponent === "number" ? lit(exponent) : exponent);
}
export function pmod(dividend: ColumnOrName, divisor: ColumnOrName | number): Column {
  return callFunction("pmod", dividend, typeof divisor === "number" ? lit(divisor) : divisor);
}
export function signum(column: ColumnOrName): Column {
  return callFunction("signum", column);
}
/** Uniform random numbers in [0, 1); a seed makes them repeatable. */
export function rand(seed?: number): Column {
  return seed === undefined ? callFunction("rand") : callFunction("rand", lit(seed));
}
export function randn(seed?: number): Column {
  return seed === undefined ? callFunction("randn") : callFunction("randn", lit(seed));
}
export function hash(...columns: ColumnOrName[]): Column {
  return callFunction("hash", ...columns);
}
export function xxhash64(...columns: ColumnOrName[]): Column {
  return callFunction("xxhash64", ...columns);
}
export function monotonically_increasing_id(): Column {
  return callFunction("monotonically_increasing_id");
}
export function spark_partition_id(): Column {
  return callFunction("spark_partition_id");
}

/** Inverse cosine, in radians. */
export const acos = define("acos", ["col"]);
/** Inverse hyperbolic cosine. */
export const acosh = define("acosh", ["col"]);
/** Inverse sine, in radians. */
export const asin = define("asin", ["col"]);
/** Inverse hyperbolic sine. */
export const asinh = define("asinh", ["col"]);
/** Inverse tangent, in radians. */
export const atan = define("atan", ["col"]);
/** The angle in radians between the positive x-axis and the point (col2, col1). */
export const atan2 = define("atan2", ["colOrNumber", "colOrNumber"]);
/** Inverse hyperbolic tangent. */
export const atanh = define("atanh", ["col"]);
/** The binary representation of a long as a string. */
export const bin = define("bin", ["col"]);
/** Cube root. */
export const cbrt = define("cbrt", ["col"]);
/** Smallest integer not less than the value (with an optional scale); an alias of ceil. */
export const ceiling = define("ceiling", ["col", "int?"]);
/** Converts a number in a string from one base to another. */
export const conv = define("conv", ["col", "int", "int"]);
/** Cosine of an angle in radians. */
export const cos = define("cos", ["col"]);
/** Hyperbolic cosine. */
export const cosh = define("cosh", ["col"]);
/** Cotangent of an angle in radians. */
export const cot = define("cot", ["col"]);
/** Cosecant of an angle in radians. */
export const csc = define("csc", ["col"]);
/** Radians to degrees. */
export const degrees = define("degrees", ["col"]);
/** Euler's number. */
export const e = define("e", []);
/** exp(x) - 1. */
export const expm1 = define("expm1", ["col"]);
/** Factorial of a value in 0..20 (null otherwise). */
export const factorial = define("factorial", ["col"]);
/** Hexadecimal of a number, string or binary. */
export const hex = define("hex", ["col"]);
/** sqrt(a^2 + b^2) without intermediate overflow. */
export const hypot = define("hypot", ["colOrNumber", "colOrNumber"]);
/** Natural logarithm. */
export const ln = define("ln", ["col"]);
/** Natural logarithm of (1 + x). */
export const log1p = define("log1p", ["col"]);
/** Base-2 logarithm. */
export const log2 = define("log2", ["col"]);
/** The negated value; an alias of negative. */
export const negate = define("negative", ["col"]);
/** The negated value. */
export const negative = define("negative", ["col"]);
/** The number pi. */
export const pi = define("pi", []);
/** The value itself (unary plus). */
export const positive = define("positive", ["col"]);
/** The first value raised to the power of the second. */
export const power = define("power", ["colOrNumber", "colOrNumber"]);
/** Degrees to radians. */
export const radians = define("radians", ["col"]);
/** The double closest to the value that is a mathematical integer. */
export const rint = define("rint", ["col"]);
/** Secant of an angle in radians. */
export const sec = define("sec", ["col"]);
/** The sign of the value (-1.0, 0.0 or 1.0); an alias of signum. */
export const sign = define("sign", ["col"]);
/** Sine of an angle in radians. */
export const sin = define("sin", ["col"]);
/** Hyperbolic sine. */
export const sinh = define("sinh", ["col"]);
/** Tangent of an angle in radians. */
export const tan = define("tan", ["col"]);
/** Hyperbolic tangent. */
export const tanh = define("tanh", ["col"]);
/** Binary from a hexadecimal string. */
export const unhex = define("unhex", ["col"]);
/** The bucket number of a value in an equi-width histogram of numBucket buckets over [min, max]. */
export const width_bucket = define("width_bucket", ["col", "col", "col", "colOrNumber"]);
/** Sum that is null instead of failing on overflow. */
export const try_add = define("try_add", ["col", "col"]);
/** Division that is null instead of failing on a zero divisor. */
export const try_divide = define("try_divide", ["col", "col"]);
/** Remainder that is null instead of failing on a zero divisor. */
export const try_mod = define("try_mod", ["col", "col"]);
/** Product that is null instead of failing on overflow. */
export const try_multiply = define("try_multiply", ["col", "col"]);
/** Difference that is null instead of failing on overflow. */
export const try_subtract = define("try_subtract", ["col", "col"]);
/** Random values uniformly distributed in [min, max); a seed makes them repeatable. */
export const uniform = define("uniform", ["num", "num", "int?"]);
/** Random strings of the given length from 0-9, a-z and A-Z; a seed makes them repeatable. */
export const randstr = define("randstr", ["int", "int?"]);
