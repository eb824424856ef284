import { describe, expect, it } from "vitest";
import {
  HOSTILE_KINDS,
  HUGE_MESSAGE_BYTES,
  hostileRecords,
} from "../../workloads/producer/hostile-records.ts";

describe("hostileRecords", () => {
  const at = Date.parse("2025-06-01T00:00:00.000Z");
  const records = hostileRecords(at);
  const byKind = Object.fromEntries(records.map((record) => [record.kind, record]));

  it("has one record of each kind", () => {
    expect(records.map((record) => record.kind)).toEqual([...HOSTILE_KINDS]);
  });

  it("says what is wrong with each, and only the null key and huge value are valid events", () => {
    const valid = records.filter((record) => record.problems.length === 0).map((record) => record.kind);
    expect(valid.sort()).toEqual(["huge-value", "null-key"]);
    expect(byKind["missing-fields"]?.problems).toEqual(["timestamp: missing", "level: missing"]);
    expect(byKind["wrong-types"]?.problems).toEqual([
      "status: must be an integer",
      "latency_ms: must be a finite number",
      "bytes: must be an integer",
    ]);
    expect(byKind["unknown-level"]?.problems).toEqual([
      "level: must be one of DEBUG, INFO, WARN, ERROR, FATAL",
    ]);
    expect(byKind["invalid-json"]?.problems[0]).toMatch(/^not UTF-8 JSON/);
    expect(byKind.binary?.problems[0]).toMatch(/^not UTF-8 JSON/);
    expect(byKind.empty?.problems).toEqual(["empty value"]);
    expect(byKind["null-value"]?.value).toBeNull();
  });

  it("keys by service except the null-key record, and stamps events at the given time", () => {
    expect(byKind["null-key"]?.key).toBeNull();
    expect(
      records.filter((record) => record.kind !== "null-key").every((record) => record.key !== null),
    ).toBe(true);
    expect(JSON.parse(byKind["null-key"]?.value?.toString() ?? "").timestamp).toBe(
      "2025-06-01T00:00:00.000Z",
    );
    expect(byKind["huge-value"]?.value?.length).toBeGreaterThan(HUGE_MESSAGE_BYTES);
  });
});
