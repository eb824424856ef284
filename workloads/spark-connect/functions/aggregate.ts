import { type Column, type ColumnOrName, callDistinctFunction, callFunction, lit } from "../column.ts";
import { define } from "./define.ts";

/** Rows in the group; `count("*")` or `count(lit(1))` counts all rows, `count(c)` non-null values of c. */
export function count(column: ColumnOrName): Column {
  return callFunction("count", column === "*" ? lit(1) : column);
}
export function countDistinct(column: ColumnOrName, ...more: ColumnOrName[]): Column {
  return callDistinctFunction("count", column, ...more);
}
/** Rows for which the condition is true. */
export function count_if(condition: ColumnOrName): Column {
  return callFunction("count_if", condition);
}
export function sum(column: ColumnOrName): Column {
  return callFunction("sum", column);
}
/** Number of distinct non-null combinations of the columns; PySpark's name for countDistinct. */
export const count_distinct = countDistinct;
/** Sum of the distinct values; PySpark's name for sumDistinct. */
export const sum_distinct = sumDistinct;
export function sumDistinct(column: ColumnOrName): Column {
  return callDistinctFunction("sum", column);
}
export function avg(column: ColumnOrName): Column {
  return callFunction("avg", column);
}
export const mean = avg;
export function max(column: ColumnOrName): Column {
  return callFunction("max", column);
}
export function min(column: ColumnOrName): Column {
  return callFunction("min", column);
}
/** The value of `column` at the row with the largest `ordering` (or the k such values, as an array). */
export const max_by = define("max_by", ["col", "col", "int?"]);
/** The value of `column` at the row with the smallest `ordering` (or the k such values, as an array). */
export const min_by = define("min_by", ["col", "col", "int?"]);
export function first(column: ColumnOrName, ignoreNulls = false): Column {
  return callFunction("first", column, lit(ignoreNulls));
}
export function last(column: ColumnOrName, ignoreNulls = false): Column {
  return callFunction("last", column, lit(ignoreNulls));
}
/** Some value of the group (optionally a non-null one). */
export const any_value = define("any_value", ["col", "bool?"]);
export function stddev(column: ColumnOrName): Column {
  return callFunction("stddev", column);
}
export function stddev_pop(column: ColumnOrName): Column {
  return callFunction("stddev_pop", column);
}
export function variance(column: ColumnOrName): Column {
  return callFunction("variance", column);
}
export function collect_list(column: ColumnOrName): Column {
  return callFunction("collect_list", column);
}
export function collect_set(column: ColumnOrName): Column {
  return callFunction("collect_set", column);
}
/** HyperLogLog++ distinct count; `rsd` is the maximum relative standard deviation (default 0.05). */
export function approx_count_distinct(column: ColumnOrName, rsd?: number): Column {
  return rsd === undefined
    ? callFunction("approx_count_distinct", column)
    : callFunction("approx_count_distinct", column, lit(rsd));
}
/** Approximate percentile(s): `percentage` in [0, 1] or an array of them; `accuracy` defaults to 10000. */
export function percentile_approx(
  column: ColumnOrName,
  percentage: number | number[],
  accuracy = 10_000,
): Column {
  return callFunction("percentile_approx", column, lit(percentage), lit(accuracy));
}
/** Exact percentile(s) of a numeric column, each value counted `frequency` times (default 1, sent as PySpark does). */
export const percentile = define("percentile", ["col", "nums", ["int", 1]]);
export function median(column: ColumnOrName): Column {
  return callFunction("median", column);
}
export function corr(a: ColumnOrName, b: ColumnOrName): Column {
  return callFunction("corr", a, b);
}
export function bool_and(column: ColumnOrName): Column {
  return callFunction("bool_and", column);
}
export function bool_or(column: ColumnOrName): Column {
  return callFunction("bool_or", column);
}
export function grouping(column: ColumnOrName): Column {
  return callFunction("grouping", column);
}

/** Approximate percentile(s) of a numeric column; an alias of percentile_approx. */
export const approx_percentile = define("approx_percentile", ["col", "nums", ["int", 10000]]);
/** The values of the group as an array (nulls skipped). */
export const array_agg = define("array_agg", ["col"]);
/** Bitwise AND of the non-null values. */
export const bit_and = define("bit_and", ["col"]);
/** Bitwise OR of the non-null values. */
export const bit_or = define("bit_or", ["col"]);
/** Bitwise XOR of the non-null values. */
export const bit_xor = define("bit_xor", ["col"]);
/** Population covariance of two columns. */
export const covar_pop = define("covar_pop", ["col", "col"]);
/** Sample covariance of two columns. */
export const covar_samp = define("covar_samp", ["col", "col"]);
/** True if the condition holds for every row; an alias of bool_and. */
export const every = define("every", ["col"]);
/** True if the condition holds for at least one row; an alias of bool_or. */
export const some = define("some", ["col"]);
/** The first value of the group (optionally the first non-null). */
export const first_value = define("first_value", ["col", "bool?"]);
/** The last value of the group (optionally the last non-null). */
export const last_value = define("last_value", ["col", "bool?"]);
/** The grouping level of a cube or rollup row as a bit vector of the grouping columns. */
export const grouping_id = define("grouping_id", ["...col"]);
/** An approximate histogram with nBins bins, as an array of (x, y) structs. */
export const histogram_numeric = define("histogram_numeric", ["col", "int"]);
/** Excess kurtosis of the values. */
export const kurtosis = define("kurtosis", ["col"]);
/** Skewness of the values. */
export const skewness = define("skewness", ["col"]);
/** The non-null values concatenated with an optional delimiter. */
export const listagg = define("listagg", ["col", "value?"]);
/** The distinct non-null values concatenated with an optional delimiter. */
export const listagg_distinct = define("listagg", ["col", "value?"], { distinct: true });
/** The non-null values concatenated with an optional delimiter; an alias of listagg. */
export const string_agg = define("string_agg", ["col", "value?"]);
/** The distinct non-null values concatenated; an alias of listagg_distinct. */
export const string_agg_distinct = define("string_agg", ["col", "value?"], { distinct: true });
/** The most frequent value; deterministic picks the smallest among ties. */
export const mode = define("mode", ["col", ["bool", false]]);
/** Product of the values. */
export const product = define("product", ["col"]);
/** Average of the independent variable over rows where both are non-null. */
export const regr_avgx = define("regr_avgx", ["col", "col"]);
/** Average of the dependent variable over rows where both are non-null. */
export const regr_avgy = define("regr_avgy", ["col", "col"]);
/** Number of rows where both variables are non-null. */
export const regr_count = define("regr_count", ["col", "col"]);
/** Intercept of the least-squares regression line. */
export const regr_intercept = define("regr_intercept", ["col", "col"]);
/** Coefficient of determination of the regression. */
export const regr_r2 = define("regr_r2", ["col", "col"]);
/** Slope of the least-squares regression line. */
export const regr_slope = define("regr_slope", ["col", "col"]);
/** Sum of squares of the independent variable (regression). */
export const regr_sxx = define("regr_sxx", ["col", "col"]);
/** Sum of products of deviations (regression). */
export const regr_sxy = define("regr_sxy", ["col", "col"]);
/** Sum of squares of the dependent variable (regression). */
export const regr_syy = define("regr_syy", ["col", "col"]);
/** Sample standard deviation; an alias of stddev. */
export const std = define("std", ["col"]);
/** Sample standard deviation. */
export const stddev_samp = define("stddev_samp", ["col"]);
/** Average that is null instead of failing on overflow. */
export const try_avg = define("try_avg", ["col"]);
/** Sum that is null instead of failing on overflow. */
export const try_sum = define("try_sum", ["col"]);
/** Population variance. */
export const var_pop = define("var_pop", ["col"]);
/** Sample variance. */
export const var_samp = define("var_samp", ["col"]);

/**
 * A count-min sketch (binary) of the group's values with relative error `eps` and `confidence`;
 * without a seed one is drawn here, as PySpark does, since the SQL function needs one.
 */
export function count_min_sketch(
  column: ColumnOrName,
  eps: number | Column,
  confidence: number | Column,
  seed?: number | Column,
): Column {
  const drawnSeed = seed ?? Math.floor(Math.random() * 2 ** 31);
  return callFunction("count_min_sketch", column, lit(eps), lit(confidence), lit(drawnSeed));
}
