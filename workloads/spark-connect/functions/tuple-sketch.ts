import { define } from "./define.ts";

/** A Tuple sketch of keys with double summaries (mode sum, min, max or alwaysone; default sum). */
export const tuple_sketch_agg_double = define("tuple_sketch_agg_double", [
  "col",
  "col",
  ["int", 12],
  ["str", "sum"],
]);
/** The union of the group's Tuple sketches with double summaries. */
export const tuple_union_agg_double = define("tuple_union_agg_double", ["col", ["int", 12], ["str", "sum"]]);
/** The intersection of the group's Tuple sketches with double summaries. */
export const tuple_intersection_agg_double = define("tuple_intersection_agg_double", ["col", "str?"]);
/** Distinct-key estimate of a Tuple sketch with double summaries. */
export const tuple_sketch_estimate_double = define("tuple_sketch_estimate_double", ["col"]);
/** The aggregated double summary of a Tuple sketch. */
export const tuple_sketch_summary_double = define("tuple_sketch_summary_double", ["col", "str?"]);
/** The Theta value of a Tuple sketch with double summaries. */
export const tuple_sketch_theta_double = define("tuple_sketch_theta_double", ["col"]);
/** The union of two Tuple sketches with double summaries. */
export const tuple_union_double = define("tuple_union_double", ["col", "col", ["int", 12], ["str", "sum"]]);
/** The intersection of two Tuple sketches with double summaries. */
export const tuple_intersection_double = define("tuple_intersection_double", ["col", "col", "str?"]);
/** The first Tuple sketch with double summaries minus the second. */
export const tuple_difference_double = define("tuple_difference_double", ["col", "col"]);
/** The union of a Tuple sketch with double summaries and a Theta sketch. */
export const tuple_union_theta_double = define("tuple_union_theta_double", [
  "col",
  "col",
  ["int", 12],
  ["str", "sum"],
]);
/** The intersection of a Tuple sketch with double summaries and a Theta sketch. */
export const tuple_intersection_theta_double = define("tuple_intersection_theta_double", [
  "col",
  "col",
  "str?",
]);
/** A Tuple sketch with double summaries minus a Theta sketch. */
export const tuple_difference_theta_double = define("tuple_difference_theta_double", ["col", "col"]);
/** A Tuple sketch of keys with integer summaries (mode sum, min, max or alwaysone; default sum). */
export const tuple_sketch_agg_integer = define("tuple_sketch_agg_integer", [
  "col",
  "col",
  ["int", 12],
  ["str", "sum"],
]);
/** The union of the group's Tuple sketches with integer summaries. */
export const tuple_union_agg_integer = define("tuple_union_agg_integer", [
  "col",
  ["int", 12],
  ["str", "sum"],
]);
/** The intersection of the group's Tuple sketches with integer summaries. */
export const tuple_intersection_agg_integer = define("tuple_intersection_agg_integer", ["col", "str?"]);
/** Distinct-key estimate of a Tuple sketch with integer summaries. */
export const tuple_sketch_estimate_integer = define("tuple_sketch_estimate_integer", ["col"]);
/** The aggregated integer summary of a Tuple sketch. */
export const tuple_sketch_summary_integer = define("tuple_sketch_summary_integer", ["col", "str?"]);
/** The Theta value of a Tuple sketch with integer summaries. */
export const tuple_sketch_theta_integer = define("tuple_sketch_theta_integer", ["col"]);
/** The union of two Tuple sketches with integer summaries. */
export const tuple_union_integer = define("tuple_union_integer", ["col", "col", ["int", 12], ["str", "sum"]]);
/** The intersection of two Tuple sketches with integer summaries. */
export const tuple_intersection_integer = define("tuple_intersection_integer", ["col", "col", "str?"]);
/** The first Tuple sketch with integer summaries minus the second. */
export const tuple_difference_integer = define("tuple_difference_integer", ["col", "col"]);
/** The union of a Tuple sketch with integer summaries and a Theta sketch. */
export const tuple_union_theta_integer = define("tuple_union_theta_integer", [
  "col",
  "col",
  ["int", 12],
  ["str", "sum"],
]);
/** The intersection of a Tuple sketch with integer summaries and a Theta sketch. */
export const tuple_intersection_theta_integer = define("tuple_intersection_theta_integer", [
  "col",
  "col",
  "str?",
]);
/** A Tuple sketch with integer summaries minus a Theta sketch. */
export const tuple_difference_theta_integer = define("tuple_difference_theta_integer", ["col", "col"]);
