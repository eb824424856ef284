/** Small SQL builders the event contract and the format parsers share. */

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** A regular expression (Java syntax) as a SQL string literal. */
export const regex = (pattern: RegExp | string) =>
  sqlString(typeof pattern === "string" ? pattern : pattern.source);

/** Group `index` of `pattern`'s match in `text`. */
export const group = (text: string, pattern: string, index: number) =>
  `regexp_extract(${text}, ${regex(pattern)}, ${index})`;

/** NULL where `value` is the format's placeholder for "nothing" (`-`). */
export const dashAsNull = (value: string) => `nullif(${value}, '-')`;

/** Undoes backslash escaping: `\"` → `"`, `\\` → `\`, `\]` → `]`. */
export const unescaped = (value: string) => `regexp_replace(${value}, '\\\\\\\\(.)', '$1')`;

/** A TIMESTAMP as the contract's text: ISO-8601 in UTC with milliseconds, whatever the session time zone. */
export const isoUtc = (timestamp: string) =>
  `date_format(to_utc_timestamp(${timestamp}, current_timezone()), ${sqlString("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")})`;

/** The first of `patterns` (Spark datetime patterns) that parses `text`, as a TIMESTAMP. */
export const parseTime = (text: string, patterns: readonly string[]) =>
  `coalesce(${patterns.map((pattern) => `try_to_timestamp(${text}, ${sqlString(pattern)})`).join(", ")})`;

/** One field of a parsed line: its contract name and the SQL of its text. */
export interface Slot {
  field: string;
  value: string;
}

/** `array<struct<k, v>>` of the slots, the form every text format's fields take. */
export const slotArray = (slots: readonly Slot[]) =>
  `array(${slots.map((slot) => `named_struct('k', ${sqlString(slot.field)}, 'v', CAST(${slot.value} AS STRING))`).join(", ")})`;
