import { type Column, type ColumnOrName, toColumn } from "../column.ts";

/** Ascending order (nulls first) of a column, for orderBy/sort. */
export function asc(column: ColumnOrName): Column {
  return toColumn(column).asc();
}
/** Ascending order with nulls first. */
export function asc_nulls_first(column: ColumnOrName): Column {
  return toColumn(column).ascNullsFirst();
}
/** Ascending order with nulls last. */
export function asc_nulls_last(column: ColumnOrName): Column {
  return toColumn(column).ascNullsLast();
}
/** Descending order (nulls last) of a column, for orderBy/sort. */
export function desc(column: ColumnOrName): Column {
  return toColumn(column).desc();
}
/** Descending order with nulls first. */
export function desc_nulls_first(column: ColumnOrName): Column {
  return toColumn(column).descNullsFirst();
}
/** Descending order with nulls last. */
export function desc_nulls_last(column: ColumnOrName): Column {
  return toColumn(column).descNullsLast();
}
