import { describe, expect, it } from "vitest";
import {
  LOG_EVENT_FIELDS,
  logEventProblems,
  logEventSparkDdl,
  SERVICE_CATALOG,
  SERVICE_CATALOG_FIELDS,
  SERVICES,
  statusClass,
} from "../../workloads/contract/log-event.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { SERVICE_PROFILES } from "../../workloads/producer/service-profiles.ts";

describe("the log event contract", () => {
  const event = createLogGenerator({ seed: 1, startTime: 0 })
    .batch(50)
    .find((candidate) => candidate.status !== null);

  it("lists the fields in the order events are serialized", () => {
    expect(Object.keys(event ?? {})).toEqual(LOG_EVENT_FIELDS.map((field) => field.name));
  });

  it("has a catalog entry and a profile for every service", () => {
    expect(SERVICE_CATALOG.map((entry) => entry.service)).toEqual([...SERVICES]);
    expect(Object.keys(SERVICE_PROFILES).sort()).toEqual([...SERVICES].sort());
    for (const entry of SERVICE_CATALOG) {
      expect(Object.keys(entry)).toEqual(SERVICE_CATALOG_FIELDS.map((field) => field.name));
      expect(entry.error_budget).toBeGreaterThan(0);
      expect(entry.error_budget).toBeLessThan(0.05);
    }
  });

  it("reports every problem of an invalid event", () => {
    expect(logEventProblems({ ...event, timestamp: "2025-01-01 00:00:00", extra: 1, status: null })).toEqual([
      "timestamp: must be an ISO-8601 UTC timestamp with ms",
      "extra: unknown field",
      "HTTP fields must be all set or all null, got only method, route, path, latency_ms, bytes, user_agent, client_ip",
    ]);
    expect(logEventProblems("text")).toEqual(["not a JSON object"]);
    expect(logEventProblems({ ...event, service: "billing", trace_id: null })).toEqual([
      `service: must be one of ${SERVICES.join(", ")}`,
      "trace_id: is null",
    ]);
  });

  it("reads as a Spark DDL schema", () => {
    expect(logEventSparkDdl()).toBe(
      "timestamp TIMESTAMP, service STRING, host STRING, pod STRING, region STRING, level STRING, message STRING, " +
        "trace_id STRING, span_id STRING, method STRING, route STRING, path STRING, status INT, latency_ms DOUBLE, " +
        "bytes BIGINT, user_agent STRING, client_ip STRING, user_id STRING",
    );
  });

  it("groups statuses by class", () => {
    expect([200, 304, 404, 503].map(statusClass)).toEqual(["2xx", "3xx", "4xx", "5xx"]);
  });
});
