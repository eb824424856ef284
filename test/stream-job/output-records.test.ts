import { describe, expect, it } from "vitest";
import { SERVICE_CATALOG_FIELDS } from "../../workloads/contract/log-event.ts";
import { OutputRecordError, parseOutputRecord } from "../../workloads/stream-job/output-records.ts";

// Records as Spark's to_json writes them: null fields are left out.
const metric = {
  window_start: "2026-01-01T00:00:00.000Z",
  window_end: "2026-01-01T00:01:00.000Z",
  service: "checkout",
  level: "INFO",
  status_class: "none",
  events: 12,
  requests: 0,
  server_errors: 0,
  error_logs: 0,
  owner_team: "commerce",
  tier: 1,
  latency_slo_p95_ms: 300,
  error_budget: 0.001,
};

describe("the stream job's output records", () => {
  it("parse a metric whose null fields Spark left out", () => {
    const parsed = parseOutputRecord("metrics", Buffer.from(JSON.stringify(metric)));
    expect(parsed).toEqual(metric);
    expect(parsed.latency_p95_ms).toBeUndefined();
  });

  it("carry the service catalog's fields, typed from the catalog's own field list", () => {
    const catalogNames = SERVICE_CATALOG_FIELDS.map((field) => field.name).filter(
      (name) => name !== "service",
    );
    const parsed = parseOutputRecord("metrics", JSON.stringify(metric));
    for (const name of catalogNames) expect(parsed).toHaveProperty(name);
    expect(() => parseOutputRecord("metrics", JSON.stringify({ ...metric, tier: "gold" }))).toThrow(/tier:/);
  });

  it("refuse a record that is not what the job writes, naming each field", () => {
    const { events: _events, ...withoutEvents } = metric;
    expect(() => parseOutputRecord("metrics", JSON.stringify(withoutEvents))).toThrow(OutputRecordError);
    expect(() => parseOutputRecord("metrics", JSON.stringify(withoutEvents))).toThrow(/events:/);
    expect(() =>
      parseOutputRecord(
        "alerts",
        JSON.stringify({ kind: "disk-full", service: "checkout", window_start: "x", window_end: "y" }),
      ),
    ).toThrow(/alerts record does not match the stream job's output: kind: .*; value:/);
    expect(() => parseOutputRecord("deadLetters", "{not json")).toThrow(/deadLetters record is not JSON/);
  });

  it("parse a dead letter of a null value, which has no raw text", () => {
    const letter = {
      reason: "null value",
      raw_truncated: false,
      topic: "logs",
      partition: 0,
      offset: 7,
      kafka_timestamp: "2026-01-01T00:00:00.000Z",
      detected_at: "2026-01-01T00:00:01.000Z",
    };
    expect(parseOutputRecord("deadLetters", JSON.stringify(letter))).toEqual(letter);
  });
});
