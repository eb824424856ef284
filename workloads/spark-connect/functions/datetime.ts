import { type Column, type ColumnOrName, callFunction, lit, toColumnOrLiteral } from "../column.ts";
import { define } from "./define.ts";

/**
 * Tumbling or sliding event-time windows: `window(col, "1 minute")`, `window(col, "10 minutes",
 * "5 minutes")`, `window(col, "1 hour", "1 hour", "15 minutes")`. The arguments keep PySpark's
 * order: the slide comes before the start time; a start time without a slide gets a tumbling window.
 */
export function window(
  timeColumn: ColumnOrName,
  windowDuration: string,
  slideDuration?: string,
  startTime?: string,
): Column {
  if (startTime !== undefined) {
    return callFunction(
      "window",
      timeColumn,
      lit(windowDuration),
      lit(slideDuration ?? windowDuration),
      lit(startTime),
    );
  }
  if (slideDuration !== undefined)
    return callFunction("window", timeColumn, lit(windowDuration), lit(slideDuration));
  return callFunction("window", timeColumn, lit(windowDuration));
}
/** Session windows closed after `gapDuration` of inactivity (a duration string or a column of them). */
export function session_window(timeColumn: ColumnOrName, gapDuration: string | Column): Column {
  return callFunction("session_window", timeColumn, toColumnOrLiteral(gapDuration));
}
/** The event time of a window column (its end minus one microsecond). */
export function window_time(windowColumn: ColumnOrName): Column {
  return callFunction("window_time", windowColumn);
}
export function current_timestamp(): Column {
  return callFunction("current_timestamp");
}
export function current_date(): Column {
  return callFunction("current_date");
}
export function now(): Column {
  return callFunction("now");
}
/** Formats a date/timestamp with a Spark datetime pattern (`"yyyy-MM-dd"`, `"HH"`). */
export function date_format(column: ColumnOrName, format: string): Column {
  return callFunction("date_format", column, lit(format));
}
export function to_date(column: ColumnOrName, format?: string): Column {
  return format === undefined
    ? callFunction("to_date", column)
    : callFunction("to_date", column, lit(format));
}
export function to_timestamp(column: ColumnOrName, format?: string): Column {
  return format === undefined
    ? callFunction("to_timestamp", column)
    : callFunction("to_timestamp", column, lit(format));
}
export function date_trunc(format: string, column: ColumnOrName): Column {
  return callFunction("date_trunc", lit(format), column);
}
export function trunc(column: ColumnOrName, format: string): Column {
  return callFunction("trunc", column, lit(format));
}
export function year(column: ColumnOrName): Column {
  return callFunction("year", column);
}
export function month(column: ColumnOrName): Column {
  return callFunction("month", column);
}
export function dayofmonth(column: ColumnOrName): Column {
  return callFunction("dayofmonth", column);
}
export function dayofweek(column: ColumnOrName): Column {
  return callFunction("dayofweek", column);
}
export function hour(column: ColumnOrName): Column {
  return callFunction("hour", column);
}
export function minute(column: ColumnOrName): Column {
  return callFunction("minute", column);
}
export function second(column: ColumnOrName): Column {
  return callFunction("second", column);
}
export function date_add(column: ColumnOrName, days: number | Column): Column {
  return callFunction("date_add", column, toColumnOrLiteral(days));
}
export function date_sub(column: ColumnOrName, days: number | Column): Column {
  return callFunction("date_sub", column, toColumnOrLiteral(days));
}
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return callFunction("datediff", end, start);
}
export function from_unixtime(column: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return callFunction("from_unixtime", column, lit(format));
}
export function unix_timestamp(column?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return column === undefined
    ? callFunction("unix_timestamp")
    : callFunction("unix_timestamp", column, lit(format));
}
export function timestamp_seconds(column: ColumnOrName): Column {
  return callFunction("timestamp_seconds", column);
}
export function timestamp_millis(column: ColumnOrName): Column {
  return callFunction("timestamp_millis", column);
}
export function unix_millis(column: ColumnOrName): Column {
  return callFunction("unix_millis", column);
}
export function from_utc_timestamp(column: ColumnOrName, tz: string): Column {
  return callFunction("from_utc_timestamp", column, lit(tz));
}
export function to_utc_timestamp(column: ColumnOrName, tz: string): Column {
  return callFunction("to_utc_timestamp", column, lit(tz));
}

/** The date months after start. */
export const add_months = define("add_months", ["col", "colOrNumber"]);
/** Current date at the start of the query; an alias of current_date. */
export const curdate = define("curdate", []);
/** Days from start to end; an alias of datediff. */
export const date_diff = define("date_diff", ["col", "col"]);
/** The date a number of days after 1970-01-01. */
export const date_from_unix_date = define("date_from_unix_date", ["col"]);
/** A part (YEAR, MONTH, DAY, HOUR, …) of a date, timestamp or interval. */
export const date_part = define("date_part", ["str", "col"]);
/** A part of a date, timestamp or interval; an alias of date_part. */
export const datepart = define("datepart", ["str", "col"]);
/** A part of a date, timestamp or interval; an alias of date_part. */
export const extract = define("extract", ["str", "col"]);
/** The date days after start; an alias of date_add. */
export const dateadd = define("dateadd", ["col", "colOrNumber"]);
/** Day of the month. */
export const day = define("day", ["col"]);
/** Three-letter day-of-week name. */
export const dayname = define("dayname", ["col"]);
/** Day of the year. */
export const dayofyear = define("dayofyear", ["col"]);
/** Last day of the month of the date. */
export const last_day = define("last_day", ["col"]);
/** Current timestamp without time zone at the start of the query. */
export const localtimestamp = define("localtimestamp", []);
/** Three-letter month name. */
export const monthname = define("monthname", ["col"]);
/** Months between two timestamps (rounded to 8 digits unless roundOff is false). */
export const months_between = define("months_between", ["col", "col", ["bool", true]]);
/** The first date after the date that falls on the given day of week. */
export const next_day = define("next_day", ["col", "str"]);
/** Quarter of the year. */
export const quarter = define("quarter", ["col"]);
/** The timestamp plus a quantity of a unit (YEAR, MONTH, DAY, HOUR, …). */
export const timestamp_add = define("timestampadd", ["str", "col", "col"]);
/** Whole units between two timestamps. */
export const timestamp_diff = define("timestampdiff", ["str", "col", "col"]);
/** A timestamp from microseconds since the epoch. */
export const timestamp_micros = define("timestamp_micros", ["col"]);
/** Seconds since the epoch of a string parsed with an optional format. */
export const to_unix_timestamp = define("to_unix_timestamp", ["col", "col?"]);
/** As to_date, but null instead of failing. */
export const try_to_date = define("try_to_date", ["col", "str?"]);
/** Days since 1970-01-01. */
export const unix_date = define("unix_date", ["col"]);
/** Microseconds since the epoch. */
export const unix_micros = define("unix_micros", ["col"]);
/** Seconds since the epoch (truncated). */
export const unix_seconds = define("unix_seconds", ["col"]);
/** Day of the week, 0 = Monday … 6 = Sunday. */
export const weekday = define("weekday", ["col"]);
/** ISO week of the year. */
export const weekofyear = define("weekofyear", ["col"]);
/** The session time zone. */
export const current_timezone = define("current_timezone", []);
/** A timestamp with local time zone parsed with an optional format. */
export const to_timestamp_ltz = define("to_timestamp_ltz", ["col", "col?"]);
/** A timestamp without time zone parsed with an optional format. */
export const to_timestamp_ntz = define("to_timestamp_ntz", ["col", "col?"]);
/** As to_timestamp, but null instead of failing. */
export const try_to_timestamp = define("try_to_timestamp", ["col", "col?"]);

/**
 * The timestamp `sourceTs` converted from the time zone `sourceTz` (the session's when null) to
 * `targetTz`; time zones are Columns or literal strings.
 */
export function convert_timezone(
  sourceTz: string | Column | null | undefined,
  targetTz: string | Column,
  sourceTs: ColumnOrName,
): Column {
  return sourceTz === null || sourceTz === undefined
    ? callFunction("convert_timezone", toColumnOrLiteral(targetTz), sourceTs)
    : callFunction("convert_timezone", toColumnOrLiteral(sourceTz), toColumnOrLiteral(targetTz), sourceTs);
}
