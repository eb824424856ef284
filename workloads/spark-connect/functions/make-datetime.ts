import { type Column, type ColumnOrName, callFunction } from "../column.ts";
import { TypedValue } from "../literals.ts";
import { T } from "../types.ts";
import { define } from "./define.ts";

/** PySpark's default for the seconds of an interval: a DECIMAL zero, as `lit(Decimal(0))` sends. */
const zeroSeconds = new TypedValue("0", T.decimal(10, 0));

/** A date from year, month and day columns. */
export const make_date = define("make_date", ["col", "col", "col"]);
/** A timestamp with local time zone from its fields and an optional time zone. */
export const make_timestamp_ltz = define("make_timestamp_ltz", [
  "col",
  "col",
  "col",
  "col",
  "col",
  "col",
  "col?",
]);
/** As make_timestamp_ltz, but null instead of failing. */
export const try_make_timestamp_ltz = define("try_make_timestamp_ltz", [
  "col",
  "col",
  "col",
  "col",
  "col",
  "col",
  "col?",
]);
/** A day-time interval from days, hours, mins and secs (each default 0). */
export const make_dt_interval = define("make_dt_interval", [
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", zeroSeconds],
]);
/** A calendar interval from years … secs (each default 0). */
export const make_interval = define("make_interval", [
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", zeroSeconds],
]);
/** As make_interval, but null instead of failing. */
export const try_make_interval = define("try_make_interval", [
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", 0],
  ["col", zeroSeconds],
]);
/** A year-month interval from years and months (each default 0). */
export const make_ym_interval = define("make_ym_interval", [
  ["col", 0],
  ["col", 0],
]);

/** A timestamp from a date column and a time-of-day column (PySpark's keyword form `date=…, time=…`). */
export interface DateAndTime {
  date: ColumnOrName;
  time: ColumnOrName;
  timezone?: ColumnOrName;
}
type TimestampFields = [
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: ColumnOrName,
];

function timestampMaker(sparkName: string) {
  function make(...fields: TimestampFields): Column;
  function make(parts: DateAndTime): Column;
  function make(...args: TimestampFields | [DateAndTime]): Column {
    const [first] = args;
    if (typeof first === "object" && !("expr" in first)) {
      const { date, time, timezone } = first;
      return timezone === undefined
        ? callFunction(sparkName, date, time)
        : callFunction(sparkName, date, time, timezone);
    }
    return callFunction(sparkName, ...(args as ColumnOrName[]).filter((a) => a !== undefined));
  }
  return make;
}

/** A timestamp from years, months, days, hours, mins, secs (and a time zone), or from `{ date, time, timezone? }`. */
export const make_timestamp = timestampMaker("make_timestamp");
/** As make_timestamp, but null instead of failing on invalid fields. */
export const try_make_timestamp = timestampMaker("try_make_timestamp");
/** A timestamp without time zone from its fields, or from `{ date, time }`. */
export const make_timestamp_ntz = timestampMaker("make_timestamp_ntz");
/** As make_timestamp_ntz, but null instead of failing on invalid fields. */
export const try_make_timestamp_ntz = timestampMaker("try_make_timestamp_ntz");
