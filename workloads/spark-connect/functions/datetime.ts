import { type Column, type ColumnOrName, callFunction, lit, toColumnOrLiteral } from "../column.ts";

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
