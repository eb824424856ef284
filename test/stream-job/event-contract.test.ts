import { describe, expect, it } from "vitest";
import { LOG_EVENT_FIELDS } from "../../workloads/contract/log-event.ts";
import {
  contractBrokenExpression,
  contractProblemExpressions,
  contractReasonExpression,
  corruptRecordColumn,
  eventParseSchemaDdl,
  fieldsMapExpression,
  recordKeysExpression,
  sqlString,
} from "../../workloads/stream-job/event-contract.ts";
import {
  LOG_FORMAT_SETTINGS,
  logFormatExpression,
} from "../../workloads/stream-job/queries/formats/index.ts";

/** The Spark type each contract type is parsed as (timestamps as text, checked before conversion). */
const expectedSparkType = {
  timestamp: "STRING",
  string: "STRING",
  integer: "INT",
  long: "BIGINT",
  double: "DOUBLE",
} as const;

/** `name TYPE` pairs of a DDL schema whose names are back-quoted. */
function ddlFields(ddl: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of ddl.split(/,\s*/)) {
    const match = /^`([^`]+)` (\w+)$/.exec(part.trim());
    if (!match) throw new Error(`not a DDL field: ${part}`);
    fields.set(match[1] as string, match[2] as string);
  }
  return fields;
}

/**
 * Reads SQL text the way Spark's lexer does for what matters here: single-quoted strings with
 * backslash escapes, back-quoted names, and parentheses outside both. Returns the string
 * literals and whether every quote and parenthesis closes, in order.
 */
function scanSql(text: string): { literals: string[]; balanced: boolean } {
  const literals: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === "'") {
      let literal = "";
      i += 1;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === "\\") i += 1;
        literal += text[i] ?? "";
        i += 1;
      }
      if (i >= text.length) return { literals, balanced: false };
      literals.push(literal);
    } else if (char === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) return { literals, balanced: false };
      i = close;
    } else if (char === "(") {
      depth += 1;
    } else if (char === ")") {
      depth -= 1;
      if (depth < 0) return { literals, balanced: false };
    }
    i += 1;
  }
  return { literals, balanced: depth === 0 };
}

describe("event contract in Spark's terms", () => {
  it("parses every contract field with its Spark type, plus the corrupt-record column and nothing else", () => {
    const fields = ddlFields(eventParseSchemaDdl());
    for (const field of LOG_EVENT_FIELDS) {
      expect(fields.get(field.name), field.name).toBe(expectedSparkType[field.type]);
    }
    expect(fields.get(corruptRecordColumn)).toBe("STRING");
    expect(fields.size).toBe(LOG_EVENT_FIELDS.length + 1);
  });

  it("checks every enumerated field against exactly its values", () => {
    const expressions = contractProblemExpressions();
    for (const field of LOG_EVENT_FIELDS.filter((f) => f.values)) {
      const check = expressions.find((e) => e.includes(`e.\`${field.name}\` NOT IN (`));
      expect(check, `no value check for ${field.name}`).toBeDefined();
      const list = /NOT IN \(([^)]*)\)/.exec(check as string)?.[1] ?? "";
      const listed = list
        .split(", ")
        .map((item) => (item.startsWith("'") ? scanSql(item).literals[0] : item));
      expect(listed).toEqual(field.values?.map(String));
    }
  });

  it("checks every non-nullable field for a real null", () => {
    const expressions = contractProblemExpressions();
    for (const field of LOG_EVENT_FIELDS.filter((f) => !f.nullable)) {
      expect(
        expressions.some(
          (e) => e.includes(`e.\`${field.name}\` IS NULL`) && e.includes(`${field.name}: is null`),
        ),
        field.name,
      ).toBe(true);
    }
    for (const field of LOG_EVENT_FIELDS.filter((f) => f.nullable)) {
      expect(expressions.some((e) => e.includes(`${field.name}: is null`))).toBe(false);
    }
  });

  it("names every contract field in the missing- and unknown-field checks", () => {
    const expressions = contractProblemExpressions();
    for (const kind of ["missing fields", "unknown fields"]) {
      const check = expressions.find((e) => e.includes(kind)) as string;
      const literals = new Set(scanSql(check).literals);
      for (const field of LOG_EVENT_FIELDS)
        expect(literals.has(field.name), `${kind}: ${field.name}`).toBe(true);
    }
  });

  it("builds each check and the whole problems expression with closed quotes and parentheses", () => {
    for (const expression of contractProblemExpressions()) {
      expect(scanSql(expression).balanced, expression).toBe(true);
      expect(expression).toMatch(/^CASE WHEN .* END$/s);
    }
    const whole = contractReasonExpression();
    expect(scanSql(whole).balanced).toBe(true);
    expect(whole).toMatch(/^concat_ws\('; ', .*\)$/s);
  });

  it("detects formats, splits records and lists their problems without a lambda", () => {
    // A lambda keeps the plan node holding it out of whole-stage code generation, and every task
    // then generates that node's code again. Functions Spark rewrites into a lambda before it
    // plans (`array_compact` into `filter`) count too. The text formats' parsers keep theirs: see
    // `textFieldsExpression`.
    const withoutLiterals = (sql: string) => sql.replaceAll(/'(?:[^'\\]|\\.)*'/g, "''");
    const expressions = {
      broken: contractBrokenExpression(),
      reason: contractReasonExpression(),
      fieldsMap: fieldsMapExpression,
      recordKeys: recordKeysExpression,
      ...Object.fromEntries(
        LOG_FORMAT_SETTINGS.map((setting) => [`format ${setting}`, logFormatExpression(setting)]),
      ),
    };
    for (const [name, sql] of Object.entries(expressions)) {
      expect(scanSql(sql).balanced, name).toBe(true);
      expect(withoutLiterals(sql), name).not.toMatch(/->|\barray_compact\(/);
    }
    expect(withoutLiterals("filter(a, x -> x = '->')")).toMatch(/->/);
  });

  it("quotes SQL strings so that quotes and backslashes survive", () => {
    for (const value of ["plain", "it's", "back\\slash", "\\'", "'; DROP TABLE x; --"]) {
      const { literals, balanced } = scanSql(sqlString(value));
      expect(balanced).toBe(true);
      expect(literals).toEqual([value]);
    }
  });
});
