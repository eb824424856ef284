import { type Column, type ColumnOrName, callFunction } from "../column.ts";
import { define } from "./define.ts";
import { lambda } from "./lambda.ts";

/** Each element mapped by `(x) => …` or `(x, index) => …`. */
export const transform = define("transform", ["col", "fn1or2"]);
/** The elements for which `(x) => …` or `(x, index) => …` is true. */
export const filter = define("filter", ["col", "fn1or2"]);
/** True if `(x) => …` holds for at least one element. */
export const exists = define("exists", ["col", "fn1"]);
/** True if `(x) => …` holds for every element. */
export const forall = define("forall", ["col", "fn1"]);
/** Two arrays merged element-wise by `(x, y) => …` (the shorter padded with nulls). */
export const zip_with = define("zip_with", ["col", "col", "fn2"]);
/** The map's entries for which `(key, value) => …` is true. */
export const map_filter = define("map_filter", ["col", "fn2"]);
/** Two maps merged by key with `(key, value1, value2) => …`. */
export const map_zip_with = define("map_zip_with", ["col", "col", "fn3"]);
/** The map with each key replaced by `(key, value) => …`. */
export const transform_keys = define("transform_keys", ["col", "fn2"]);
/** The map with each value replaced by `(key, value) => …`. */
export const transform_values = define("transform_values", ["col", "fn2"]);
/** Folds the array from `initialValue` with `(acc, x) => …`, then applies `finish(acc)` when given. */
export const aggregate = define("aggregate", ["col", "col", "fn2", "fn1?"]);
/** Folds the array from `initialValue` with `(acc, x) => …`; an alias of aggregate. */
export const reduce = define("reduce", ["col", "col", "fn2", "fn1?"]);

/**
 * The array sorted ascending (nulls last), or by a comparator `(a, b) => …` returning a negative,
 * zero or positive integer.
 */
export function array_sort(column: ColumnOrName, comparator?: (a: Column, b: Column) => Column): Column {
  return comparator === undefined
    ? callFunction("array_sort", column)
    : callFunction("array_sort", column, lambda(comparator));
}
