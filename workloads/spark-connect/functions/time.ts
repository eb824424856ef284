import { define } from "./define.ts";

/** Current time of day at the start of the query, with an optional precision. */
export const current_time = define("current_time", ["int?"]);
/** The start of the bucket of the given interval width a timestamp falls in. */
export const time_bucket = define("time_bucket", ["column", "col", "column?"]);
/** Difference between two times in a unit. */
export const time_diff = define("time_diff", ["col", "col", "col"]);
/** A time of day from microseconds since midnight. */
export const time_from_micros = define("time_from_micros", ["col"]);
/** A time of day from milliseconds since midnight. */
export const time_from_millis = define("time_from_millis", ["col"]);
/** A time of day from seconds since midnight. */
export const time_from_seconds = define("time_from_seconds", ["col"]);
/** Microseconds since midnight of a time of day. */
export const time_to_micros = define("time_to_micros", ["col"]);
/** Milliseconds since midnight of a time of day. */
export const time_to_millis = define("time_to_millis", ["col"]);
/** Seconds since midnight of a time of day. */
export const time_to_seconds = define("time_to_seconds", ["col"]);
/** A time of day truncated to a unit. */
export const time_trunc = define("time_trunc", ["col", "col"]);
/** A time of day parsed from a string (with an optional format). */
export const to_time = define("to_time", ["col", "col?"]);
/** As to_time, but null instead of failing. */
export const try_to_time = define("try_to_time", ["col", "col?"]);
/** A time of day from hour, minute and second columns. */
export const make_time = define("make_time", ["col", "col", "col"]);
