import { type Column, type ColumnOrName, callFunction, lit, toColumn } from "../column.ts";
import { define } from "./define.ts";

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
  // PySpark leaves a null default out; the server's default is null too.
  return defaultValue === null || defaultValue === undefined
    ? callFunction("lag", toColumn(column), lit(offset))
    : callFunction("lag", toColumn(column), lit(offset), lit(defaultValue));
}
export function lead(column: ColumnOrName, offset = 1, defaultValue: unknown = null): Column {
  // PySpark leaves a null default out; the server's default is null too.
  return defaultValue === null || defaultValue === undefined
    ? callFunction("lead", toColumn(column), lit(offset))
    : callFunction("lead", toColumn(column), lit(offset), lit(defaultValue));
}

/** Cumulative distribution of the row within its window partition. */
export const cume_dist = define("cume_dist", []);
/** The bucket number (1..n) of the row when its window partition is split into n groups. */
export const ntile = define("ntile", ["int"]);
/** Relative rank of the row within its window partition, in [0, 1]. */
export const percent_rank = define("percent_rank", []);
/** The value at the offset-th row of the window frame (optionally skipping nulls). */
export const nth_value = define("nth_value", ["col", "int", ["bool", false]]);
