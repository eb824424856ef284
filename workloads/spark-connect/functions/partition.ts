import { define } from "./define.ts";

/** Partition transform: a hash bucket of the column (for DataFrameWriterV2.partitionedBy). */
export const bucket = define("bucket", ["int", "col"]);
/** Partition transform: the year of a date or timestamp. */
export const years = define("years", ["col"]);
/** Partition transform: the month of a date or timestamp. */
export const months = define("months", ["col"]);
/** Partition transform: the day of a date or timestamp. */
export const days = define("days", ["col"]);
/** Partition transform: the hour of a timestamp. */
export const hours = define("hours", ["col"]);
