/**
 * The text formats the stream job reads beside JSON, and how a record's format is found: from
 * the job's configuration (one format per topic) or, with `auto`, from the record's first bytes.
 * Each format's parser turns a line into the contract's fields as text (`array<struct<k, v>>`),
 * which `event-contract.ts` types and checks the same way for every format.
 */
import { apacheFormat } from "./apache.ts";
import { logfmtFormat } from "./logfmt.ts";
import { regex, sqlString } from "./sql.ts";
import { syslogFormat, syslogRfc3164Format } from "./syslog.ts";

export interface TextFormat {
  name: string;
  /** What a line of the format is, for dead-letter reasons ("not …"). */
  description: string;
  /** A regular expression on the line's start that tells this format from the others. */
  detect: string;
  /** SQL: whether the whole line has the format's shape. */
  matches(raw: string): string;
  /** SQL: the line's fields, `array<struct<k: contract field name, v: text>>`. */
  fields(raw: string): string;
}

/** Tried in this order by detection: 3164 after 5424, whose start it shares; logfmt before Apache's looser access-line start. */
export const TEXT_FORMATS: readonly TextFormat[] = [
  syslogFormat,
  syslogRfc3164Format,
  logfmtFormat,
  apacheFormat,
];

export const LOG_FORMATS = ["json", ...TEXT_FORMATS.map((format) => format.name)] as const;

/** `auto` detects each record's format; any other value reads every record as that format. */
export const LOG_FORMAT_SETTINGS = ["auto", ...LOG_FORMATS] as const;
export type LogFormatSetting = (typeof LOG_FORMAT_SETTINGS)[number];

/**
 * SQL: the format a record is read as. Detection looks at the line's start only: a JSON object
 * starts with `{`, and a record no text format claims is read as JSON, so broken records get
 * the JSON contract's reasons, as they did when the job read JSON only.
 */
export function logFormatExpression(setting: LogFormatSetting, raw = "raw"): string {
  if (setting !== "auto") return sqlString(setting);
  const cases = TEXT_FORMATS.map(
    (format) => `WHEN regexp_like(${raw}, ${regex(format.detect)}) THEN ${sqlString(format.name)}`,
  );
  return `CASE WHEN startswith(${raw}, '{') THEN 'json' ${cases.join(" ")} ELSE 'json' END`;
}

/** SQL over `log_format` and `raw`: the fields of a text line of its format, NULL for JSON or a line of another shape. */
export function textFieldsExpression(setting: LogFormatSetting, raw = "raw"): string {
  const formats = TEXT_FORMATS.filter((format) => setting === "auto" || setting === format.name);
  if (formats.length === 0) return "CAST(NULL AS ARRAY<STRUCT<k: STRING, v: STRING>>)";
  const cases = formats.map(
    (format) =>
      `WHEN log_format = ${sqlString(format.name)} AND ${format.matches(raw)} THEN ${format.fields(raw)}`,
  );
  return `CASE ${cases.join(" ")} END`;
}

/** SQL over `log_format`: the reason a line of a text format does not parse. */
export function notTextFormatReason(): string {
  const cases = TEXT_FORMATS.map(
    (format) => `WHEN ${sqlString(format.name)} THEN ${sqlString(`not ${format.description}`)}`,
  );
  return `CASE log_format ${cases.join(" ")} END`;
}
