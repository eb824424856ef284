import { type Column, type ColumnOrName, callFunction, toColumn, toColumnOrLiteral } from "../column.ts";
import { define } from "./define.ts";

/** `when(cond, value).when(…).otherwise(…)`: SQL's CASE WHEN. */
export function when(condition: Column, value: unknown): Column {
  return callFunction("when", condition, toColumnOrLiteral(value));
}
export function coalesce(...columns: ColumnOrName[]): Column {
  return callFunction("coalesce", ...columns);
}
export function isnull(column: ColumnOrName): Column {
  return callFunction("isnull", column);
}
export function isnotnull(column: ColumnOrName): Column {
  return callFunction("isnotnull", column);
}
export function nanvl(a: ColumnOrName, b: ColumnOrName): Column {
  return callFunction("nanvl", a, b);
}
export function ifnull(a: ColumnOrName, b: ColumnOrName): Column {
  return callFunction("ifnull", a, b);
}
export function nullif(a: ColumnOrName, b: ColumnOrName): Column {
  return callFunction("nullif", a, b);
}
export function greatest(...columns: ColumnOrName[]): Column {
  return callFunction("greatest", ...columns);
}
export function least(...columns: ColumnOrName[]): Column {
  return callFunction("least", ...columns);
}
export function not(column: ColumnOrName): Column {
  return toColumn(column).not();
}

/** Equality that treats two nulls as equal (never null). */
export const equal_null = define("equal_null", ["col", "col"]);
/** The second value when the first is null; an alias of ifnull. */
export const nvl = define("nvl", ["col", "col"]);
/** The second value when the first is not null, else the third. */
export const nvl2 = define("nvl2", ["col", "col", "col"]);
/** Null when the value is 0, else the value. */
export const nullifzero = define("nullifzero", ["col"]);
/** 0 when the value is null, else the value. */
export const zeroifnull = define("zeroifnull", ["col"]);
/** True if the value is NaN. */
export const isnan = define("isnan", ["col"]);
