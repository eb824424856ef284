import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";

export function array(...columns: ColumnOrName[]): Column {
  return callFunction("array", ...columns);
}
/** A struct of the columns, named after them (or their aliases). */
export function struct(...columns: ColumnOrName[]): Column {
  return callFunction("struct", ...columns);
}
/** A map from alternating key and value columns. */
export function create_map(...keysAndValues: ColumnOrName[]): Column {
  return callFunction("map", ...keysAndValues);
}
export function named_struct(...namesAndValues: ColumnOrName[]): Column {
  return callFunction("named_struct", ...namesAndValues);
}
export function explode(column: ColumnOrName): Column {
  return callFunction("explode", column);
}
export function explode_outer(column: ColumnOrName): Column {
  return callFunction("explode_outer", column);
}
export function posexplode(column: ColumnOrName): Column {
  return callFunction("posexplode", column);
}
export function size(column: ColumnOrName): Column {
  return callFunction("size", column);
}
export function array_contains(column: ColumnOrName, value: unknown): Column {
  return callFunction("array_contains", column, lit(value));
}
export function array_distinct(column: ColumnOrName): Column {
  return callFunction("array_distinct", column);
}
/** The array's elements joined by a delimiter; nulls are skipped unless a replacement is given. */
export function array_join(column: ColumnOrName, delimiter: string, nullReplacement?: string): Column {
  return nullReplacement === undefined
    ? callFunction("array_join", column, lit(delimiter))
    : callFunction("array_join", column, lit(delimiter), lit(nullReplacement));
}
export function sort_array(column: ColumnOrName, asc = true): Column {
  return callFunction("sort_array", column, lit(asc));
}
export function element_at(column: ColumnOrName, extraction: unknown): Column {
  return callFunction("element_at", column, lit(extraction));
}
export function map_keys(column: ColumnOrName): Column {
  return callFunction("map_keys", column);
}
export function map_values(column: ColumnOrName): Column {
  return callFunction("map_values", column);
}
export function flatten(column: ColumnOrName): Column {
  return callFunction("flatten", column);
}
export function slice(column: ColumnOrName, start: number, length: number): Column {
  return callFunction("slice", column, lit(start), lit(length));
}
