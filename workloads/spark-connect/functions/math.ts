import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";

export function abs(column: ColumnOrName): Column {
  return callFunction("abs", column);
}
export function round(column: ColumnOrName, scale = 0): Column {
  return callFunction("round", column, lit(scale));
}
export function bround(column: ColumnOrName, scale = 0): Column {
  return callFunction("bround", column, lit(scale));
}
export function floor(column: ColumnOrName): Column {
  return callFunction("floor", column);
}
export function ceil(column: ColumnOrName): Column {
  return callFunction("ceil", column);
}
export function sqrt(column: ColumnOrName): Column {
  return callFunction("sqrt", column);
}
export function exp(column: ColumnOrName): Column {
  return callFunction("exp", column);
}
export function log(column: ColumnOrName): Column {
  return callFunction("ln", column);
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
