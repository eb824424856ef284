import { define } from "./define.ts";

/** The union of the maps. */
export const map_concat = define("map_concat", ["...col"]);
/** True if the map has the key. */
export const map_contains_key = define("map_contains_key", ["col", "value"]);
/** The map as an unordered array of key/value structs. */
export const map_entries = define("map_entries", ["col"]);
/** A map from an array of keys and an array of values. */
export const map_from_arrays = define("map_from_arrays", ["col", "col"]);
/** A map from an array of key/value structs. */
export const map_from_entries = define("map_from_entries", ["col"]);
/** A map parsed from text by pair and key/value delimiters (default "," and ":"). */
export const str_to_map = define("str_to_map", ["col", ["col", ","], ["col", ":"]]);
