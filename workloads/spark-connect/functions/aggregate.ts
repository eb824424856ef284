import {
  type Column,
  type ColumnOrName,
  callDistinctFunction,
  callFunction,
  lit,
  toColumn,
} from "../column.ts";

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
export function max_by(column: ColumnOrName, ordering: ColumnOrName): Column {
  return callFunction("max_by", column, ordering);
}
export function min_by(column: ColumnOrName, ordering: ColumnOrName): Column {
  return callFunction("min_by", column, ordering);
}
export function first(column: ColumnOrName, ignoreNulls = false): Column {
  return callFunction("first", column, lit(ignoreNulls));
}
export function last(column: ColumnOrName, ignoreNulls = false): Column {
  return callFunction("last", column, lit(ignoreNulls));
}
export function any_value(column: ColumnOrName): Column {
  return callFunction("any_value", column);
}
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
export function percentile(column: ColumnOrName, percentage: number | number[]): Column {
  return callFunction("percentile", column, lit(percentage));
}
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

/** Window ranking functions (used with `.over(Window…)`). */
export function row_number(): Column {
  return callFunction("row_number");
}
export function rank(): Column {
  return callFunction("rank");
}
export function dense_rank(): Column {
  return callFunction("dense_rank");
}
export function lag(column: ColumnOrName, offset = 1, defaultValue: unknown = null): Column {
  return callFunction("lag", toColumn(column), lit(offset), lit(defaultValue));
}
export function lead(column: ColumnOrName, offset = 1, defaultValue: unknown = null): Column {
  return callFunction("lead", toColumn(column), lit(offset), lit(defaultValue));
}
