import { define } from "./define.ts";

/** Bitwise AND of the bitmaps in the group. */
export const bitmap_and_agg = define("bitmap_and_agg", ["col"]);
/** Bitwise OR of the bitmaps in the group. */
export const bitmap_or_agg = define("bitmap_or_agg", ["col"]);
/** A bitmap with the bits of the group's bit positions set. */
export const bitmap_construct_agg = define("bitmap_construct_agg", ["col"]);
/** The bit position of a value within its bitmap bucket. */
export const bitmap_bit_position = define("bitmap_bit_position", ["col"]);
/** The bitmap bucket a value falls in. */
export const bitmap_bucket_number = define("bitmap_bucket_number", ["col"]);
/** Number of bits set in a bitmap. */
export const bitmap_count = define("bitmap_count", ["col"]);
/** A HyperLogLog sketch (binary) of the group's values, with an optional lgConfigK. */
export const hll_sketch_agg = define("hll_sketch_agg", ["col", "int?"]);
/** Distinct-count estimate of a HyperLogLog sketch. */
export const hll_sketch_estimate = define("hll_sketch_estimate", ["col"]);
/** The union of two HyperLogLog sketches. */
export const hll_union = define("hll_union", ["col", "col", "bool?"]);
/** The union of the group's HyperLogLog sketches. */
export const hll_union_agg = define("hll_union_agg", ["col", "bool?"]);
/** A Theta sketch of the group's values, with an optional lgNomEntries. */
export const theta_sketch_agg = define("theta_sketch_agg", ["col", "int?"]);
/** Distinct-count estimate of a Theta sketch. */
export const theta_sketch_estimate = define("theta_sketch_estimate", ["col"]);
/** The union of two Theta sketches. */
export const theta_union = define("theta_union", ["col", "col", "int?"]);
/** The union of the group's Theta sketches. */
export const theta_union_agg = define("theta_union_agg", ["col", "int?"]);
/** The intersection of two Theta sketches. */
export const theta_intersection = define("theta_intersection", ["col", "col"]);
/** The intersection of the group's Theta sketches. */
export const theta_intersection_agg = define("theta_intersection_agg", ["col"]);
/** The first Theta sketch minus the second (A-not-B). */
export const theta_difference = define("theta_difference", ["col", "col"]);
