import { type Column, type ColumnOrName, callFunction, toColumn, toColumnOrLiteral } from "../column.ts";

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
