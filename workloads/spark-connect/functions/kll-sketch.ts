import { define } from "./define.ts";

/** A KLL quantiles sketch of the group's bigint values, with an optional k. */
export const kll_sketch_agg_bigint = define("kll_sketch_agg_bigint", ["col", "int?"]);
/** The merge of the group's bigint KLL sketches, with an optional k. */
export const kll_merge_agg_bigint = define("kll_merge_agg_bigint", ["col", "int?"]);
/** Number of values in a bigint KLL sketch. */
export const kll_sketch_get_n_bigint = define("kll_sketch_get_n_bigint", ["col"]);
/** The value at a rank (0..1, or an array of ranks) of a bigint KLL sketch. */
export const kll_sketch_get_quantile_bigint = define("kll_sketch_get_quantile_bigint", ["col", "col"]);
/** The rank (0..1) of a value (or an array of values) in a bigint KLL sketch. */
export const kll_sketch_get_rank_bigint = define("kll_sketch_get_rank_bigint", ["col", "col"]);
/** The merge of two bigint KLL sketches. */
export const kll_sketch_merge_bigint = define("kll_sketch_merge_bigint", ["col", "col"]);
/** A summary of a bigint KLL sketch as text. */
export const kll_sketch_to_string_bigint = define("kll_sketch_to_string_bigint", ["col"]);
/** A KLL quantiles sketch of the group's double values, with an optional k. */
export const kll_sketch_agg_double = define("kll_sketch_agg_double", ["col", "int?"]);
/** The merge of the group's double KLL sketches, with an optional k. */
export const kll_merge_agg_double = define("kll_merge_agg_double", ["col", "int?"]);
/** Number of values in a double KLL sketch. */
export const kll_sketch_get_n_double = define("kll_sketch_get_n_double", ["col"]);
/** The value at a rank (0..1, or an array of ranks) of a double KLL sketch. */
export const kll_sketch_get_quantile_double = define("kll_sketch_get_quantile_double", ["col", "col"]);
/** The rank (0..1) of a value (or an array of values) in a double KLL sketch. */
export const kll_sketch_get_rank_double = define("kll_sketch_get_rank_double", ["col", "col"]);
/** The merge of two double KLL sketches. */
export const kll_sketch_merge_double = define("kll_sketch_merge_double", ["col", "col"]);
/** A summary of a double KLL sketch as text. */
export const kll_sketch_to_string_double = define("kll_sketch_to_string_double", ["col"]);
/** A KLL quantiles sketch of the group's float values, with an optional k. */
export const kll_sketch_agg_float = define("kll_sketch_agg_float", ["col", "int?"]);
/** The merge of the group's float KLL sketches, with an optional k. */
export const kll_merge_agg_float = define("kll_merge_agg_float", ["col", "int?"]);
/** Number of values in a float KLL sketch. */
export const kll_sketch_get_n_float = define("kll_sketch_get_n_float", ["col"]);
/** The value at a rank (0..1, or an array of ranks) of a float KLL sketch. */
export const kll_sketch_get_quantile_float = define("kll_sketch_get_quantile_float", ["col", "col"]);
/** The rank (0..1) of a value (or an array of values) in a float KLL sketch. */
export const kll_sketch_get_rank_float = define("kll_sketch_get_rank_float", ["col", "col"]);
/** The merge of two float KLL sketches. */
export const kll_sketch_merge_float = define("kll_sketch_merge_float", ["col", "col"]);
/** A summary of a float KLL sketch as text. */
export const kll_sketch_to_string_float = define("kll_sketch_to_string_float", ["col"]);
