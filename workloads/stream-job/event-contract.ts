/**
 * The log event contract (`workloads/contract/log-event.ts`) in Spark's terms: the schema
 * the raw JSON is parsed with, the typing of a text line's fields (`queries/formats`), and the
 * SQL that names every way a record breaks the contract, for every format alike. All are
 * derived from the contract's field list, so the producer and the job cannot drift.
 */
import { HTTP_FIELDS, LOG_EVENT_FIELDS, type LogEventField } from "../contract/log-event.ts";
import { notTextFormatReason } from "./queries/formats/index.ts";
import { isoUtc, regex, sqlString } from "./queries/formats/sql.ts";

const sparkTypes: Record<LogEventField["type"], string> = {
  // Parsed as text, then checked against the contract's exact format before conversion.
  timestamp: "STRING",
  string: "STRING",
  integer: "INT",
  long: "BIGINT",
  double: "DOUBLE",
};

/** The column `from_json` writes the raw record to when a field has the wrong type. */
export const corruptRecordColumn = "_corrupt_record";

/** DDL of the parse schema: every contract field, plus the corrupt-record column. */
export function eventParseSchemaDdl(): string {
  const fields = LOG_EVENT_FIELDS.map((field) => `\`${field.name}\` ${sparkTypes[field.type]}`);
  return [...fields, `\`${corruptRecordColumn}\` STRING`].join(", ");
}

/** `from_json` options: closed, strict JSON (no NaN/Infinity tokens, which JSON does not have). */
export const eventParseOptions: Record<string, string> = {
  mode: "PERMISSIVE",
  columnNameOfCorruptRecord: corruptRecordColumn,
  allowNonNumericNumbers: "false",
};

/** The exact serialized form of `timestamp`: ISO-8601, UTC, milliseconds. */
export const eventTimestampPattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$";
export const eventTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

/** The column holding a record's `timestamp` as a TIMESTAMP (NULL when it does not parse), what the lake and the windows use. */
export const eventTimeColumn = "event_time";

/**
 * SQL over `e`: the event's time, parsed once per record, before the checks: the timestamp check
 * reads it, and a valid event keeps it.
 */
export const eventTimeExpression = `try_to_timestamp(e.timestamp, ${sqlString(eventTimestampFormat)})`;

export { sqlString };

function sqlList(values: readonly (string | number)[]): string {
  return values.map((value) => (typeof value === "number" ? String(value) : sqlString(value))).join(", ");
}

/** The column the checks read a record's top-level keys from (NULL unless it is a JSON object or a parsed line). */
export const recordKeysColumn = "record_keys";

/**
 * Computed once per record, before the checks: JSON parsing is the costly part of them. A text
 * line's keys are those of its `fields` map.
 */
export const recordKeysExpression =
  "CASE WHEN log_format = 'json' THEN json_object_keys(raw) ELSE map_keys(fields) END";

/**
 * SQL over `text_fields` (a text line's `array<struct<k, v>>`): the line's fields as a map,
 * NULL when a field appears twice (a map cannot hold both, and which one is meant is unknown).
 * The keys are read as `text_fields.k`, not with a lambda: see `contractBrokenExpression`.
 */
export const fieldsMapExpression =
  "CASE WHEN size(array_distinct(text_fields.k)) = size(text_fields) THEN map_from_entries(text_fields) END";

/**
 * SQL over `text_fields.k`: the keys a text line gives more than once, each once, in the order of
 * their first appearance. Keys hold no blank, so a regular expression over the keys joined by
 * blanks finds each one that appears again later (a lambda over the array would do the same).
 */
const duplicatedKeys = `array_distinct(regexp_extract_all(concat(' ', array_join(text_fields.k, ' '), ' '), ${regex(String.raw`(?<= )([^ ]+)(?= (?:[^ ]+ )*\1 )`)}, 1))`;

/** SQL over `fields`: a text line's fields typed as `from_json` types a JSON record's. */
export function textEventExpression(): string {
  const typed = LOG_EVENT_FIELDS.map((field) => {
    const text = `fields[${sqlString(field.name)}]`;
    let value: string;
    if (field.type === "timestamp") value = `coalesce(${isoUtc(`try_cast(${text} AS TIMESTAMP)`)}, ${text})`;
    else if (field.name === "level")
      value = `CASE upper(${text}) WHEN 'WARNING' THEN 'WARN' ELSE upper(${text}) END`;
    else if (field.type === "string") value = text;
    else value = `try_cast(${text} AS ${sparkTypes[field.type]})`;
    return `${sqlString(field.name)}, ${value}`;
  });
  return `named_struct(${[...typed, `${sqlString(corruptRecordColumn)}, CAST(NULL AS STRING)`].join(", ")})`;
}

/** SQL: the record as the contract's struct, parsed as JSON or typed from a text line's fields. */
export function eventExpression(): string {
  const options = Object.entries(eventParseOptions)
    .map(([key, value]) => `${sqlString(key)}, ${sqlString(value)}`)
    .join(", ");
  return `CASE WHEN log_format = 'json' THEN from_json(raw, ${sqlString(eventParseSchemaDdl())}, map(${options})) ELSE ${textEventExpression()} END`;
}

const typeNames: Record<LogEventField["type"], string> = {
  timestamp: "a timestamp",
  string: "a string",
  integer: "an integer",
  long: "an integer",
  double: "a number",
};

/**
 * One SQL expression per contract rule over the columns `raw` (the record as text), `e` (the
 * parsed struct), `event_time` and `record_keys`, yielding a problem description or NULL. Checks that need a
 * JSON object run only when the record is one, so a record gets the problems that explain it,
 * not a cascade; the costlier full parse runs only to tell a non-object from broken JSON.
 */
export function contractProblemExpressions(): string[] {
  const keys = recordKeysColumn;
  const isObject = `(${keys} IS NOT NULL)`;
  const fieldNames = LOG_EVENT_FIELDS.map((field) => field.name);
  // A JSON record holds every field, null or not; a text line leaves a null field out.
  const requiredFields = `CASE WHEN log_format = 'json' THEN array(${sqlList(fieldNames)}) ELSE array(${sqlList(LOG_EVENT_FIELDS.filter((field) => !field.nullable).map((field) => field.name))}) END`;
  const whenObject = (condition: string, problem: string) =>
    `CASE WHEN ${isObject} AND (${condition}) THEN ${problem} END`;

  // The keys as the producer writes them: a plain array comparison clears a valid record of both
  // key checks below, whose array_except reads every key through Spark's slow generic path.
  const keysAsWritten = `${keys} = array(${sqlList(fieldNames)})`;
  const problems = [
    "CASE WHEN raw IS NULL THEN 'null value' END",
    "CASE WHEN raw = '' THEN 'empty value' END",
    `CASE WHEN log_format = 'json' AND raw <> '' AND NOT ${isObject} THEN (CASE WHEN try_parse_json(raw) IS NULL THEN 'not UTF-8 JSON' ELSE 'not a JSON object' END) END`,
    `CASE WHEN log_format <> 'json' AND raw <> '' AND text_fields IS NULL THEN ${notTextFormatReason()} END`,
    `CASE WHEN text_fields IS NOT NULL AND fields IS NULL THEN concat('duplicate fields: ', array_join(${duplicatedKeys}, ', ')) END`,
    whenObject(
      `NOT ${keysAsWritten} AND size(array_except(${requiredFields}, ${keys})) > 0`,
      `concat('missing fields: ', array_join(array_except(${requiredFields}, ${keys}), ', '))`,
    ),
    whenObject(
      `NOT ${keysAsWritten} AND size(array_except(${keys}, array(${sqlList(fieldNames)}))) > 0`,
      `concat('unknown fields: ', array_join(array_except(${keys}, array(${sqlList(fieldNames)})), ', '))`,
    ),
    whenObject(`e.${corruptRecordColumn} IS NOT NULL`, "'field types do not match the event schema'"),
  ];
  for (const field of LOG_EVENT_FIELDS) {
    const column = `e.\`${field.name}\``;
    // A null that the raw JSON did not hold is a type error, reported above; only a real null counts here.
    if (!field.nullable) {
      problems.push(
        whenObject(
          `${column} IS NULL AND e.${corruptRecordColumn} IS NULL AND array_contains(${keys}, ${sqlString(field.name)})`,
          sqlString(`${field.name}: is null`),
        ),
      );
    }
    if (field.type !== "string" && field.type !== "timestamp") {
      // A text line's numbers are text: one that does not convert is named here.
      problems.push(
        `CASE WHEN ${column} IS NULL AND fields[${sqlString(field.name)}] IS NOT NULL THEN ${sqlString(`${field.name}: must be ${typeNames[field.type]}`)} END`,
      );
    }
    if (field.type === "timestamp") {
      problems.push(
        whenObject(
          `${column} IS NOT NULL AND (NOT regexp_like(${column}, ${sqlString(eventTimestampPattern)}) OR ${field.name === "timestamp" ? eventTimeColumn : `try_to_timestamp(${column}, ${sqlString(eventTimestampFormat)})`} IS NULL)`,
          sqlString(`${field.name}: must be an ISO-8601 UTC timestamp with ms`),
        ),
      );
    }
    if (field.values) {
      problems.push(
        whenObject(
          `${column} IS NOT NULL AND ${column} NOT IN (${sqlList(field.values)})`,
          sqlString(`${field.name}: must be one of ${field.values.join(", ")}`),
        ),
      );
    }
  }
  const httpSet = HTTP_FIELDS.map((name) => `CASE WHEN e.\`${name}\` IS NULL THEN 0 ELSE 1 END`).join(" + ");
  problems.push(
    whenObject(
      `e.${corruptRecordColumn} IS NULL AND (${httpSet}) NOT IN (0, ${HTTP_FIELDS.length})`,
      "'HTTP fields must be all set or all null'",
    ),
  );
  return problems;
}

/**
 * A record's problems as its dead-letter reason, `; `-separated (`concat_ws` skips the checks
 * that found nothing); empty for a valid event. Built only for the records that
 * `contractBrokenExpression` flags: the dead letters.
 */
export function contractReasonExpression(): string {
  return `concat_ws('; ', ${contractProblemExpressions().join(",\n  ")})`;
}

/**
 * Whether a record breaks the contract (its first problem is not NULL). Like every expression of
 * the checks and of format detection (not the text parsers), without a lambda: Spark leaves a
 * plan node holding one (a `CodegenFallback` expression) out of whole-stage code generation,
 * evaluates it row by row, and generates that node's projection again in every task.
 */
export function contractBrokenExpression(): string {
  return `coalesce(${contractProblemExpressions().join(",\n  ")}) IS NOT NULL`;
}
