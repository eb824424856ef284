import { define } from "./define.ts";

/** The array with the value added at the end. */
export const array_append = define("array_append", ["col", "value"]);
/** The array without its null elements. */
export const array_compact = define("array_compact", ["col"]);
/** Elements of the first array not in the second, without duplicates. */
export const array_except = define("array_except", ["col", "col"]);
/** The array with the value inserted at a 1-based position (negative counts from the end). */
export const array_insert = define("array_insert", ["col", "colOrNumber", "value"]);
/** Elements in both arrays, without duplicates. */
export const array_intersect = define("array_intersect", ["col", "col"]);
/** Largest element of the array. */
export const array_max = define("array_max", ["col"]);
/** Smallest element of the array. */
export const array_min = define("array_min", ["col"]);
/** 1-based position of the first element equal to the value (0 if absent). */
export const array_position = define("array_position", ["col", "value"]);
/** The array with the value added at the start. */
export const array_prepend = define("array_prepend", ["col", "value"]);
/** The array without the elements equal to the value. */
export const array_remove = define("array_remove", ["col", "value"]);
/** An array holding the value count times. */
export const array_repeat = define("array_repeat", ["col", "colOrNumber"]);
/** Number of elements of the array. */
export const array_size = define("array_size", ["col"]);
/** Elements of either array, without duplicates. */
export const array_union = define("array_union", ["col", "col"]);
/** True if the arrays share a non-null element. */
export const arrays_overlap = define("arrays_overlap", ["col", "col"]);
/** An array of structs whose N-th struct holds the N-th elements of the arrays. */
export const arrays_zip = define("arrays_zip", ["...col"]);
/** Number of elements of an array or map. */
export const cardinality = define("cardinality", ["col"]);
/** The element at a 0-based index (null when out of range). */
export const get = define("get", ["col", "colOrNumber"]);
/** Explodes an array of structs into rows with the structs' fields as columns. */
export const inline = define("inline", ["col"]);
/** As inline, but an empty or null array gives one row of nulls. */
export const inline_outer = define("inline_outer", ["col"]);
/** As posexplode, but an empty or null array or map gives one row of nulls. */
export const posexplode_outer = define("posexplode_outer", ["col"]);
/** An array of values from start to stop by step (default 1 or -1). */
export const sequence = define("sequence", ["col", "col", "col?"]);
/** The array in random order; a seed makes it repeatable. */
export const shuffle = define("shuffle", ["col", "int?"]);
/** A string reversed, or an array in reverse order. */
export const reverse = define("reverse", ["col"]);
/** Element at a 1-based index or map key, null instead of failing when absent. */
export const try_element_at = define("try_element_at", ["col", "col"]);
