import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../workloads/contract/log-event.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import {
  type MetricGroup,
  mixtureQuantile,
  ServiceSignals,
} from "../../workloads/stream-job/supervisor/service-signals.ts";
import { acceptablePercentile, expectedWindowMetrics } from "./expected-metrics.ts";

/** The `log-metrics` records of events, as the job writes them (percentiles at their exact ranks). */
function metricRecords(events: LogEvent[]): MetricGroup[] {
  return [...expectedWindowMetrics(events)].map(([key, metric]) => {
    const [windowStart, service, level, statusClass] = key.split("|") as [string, string, string, string];
    const at = (p: number) => (acceptablePercentile(metric.latencies, p)[0] as number) || undefined;
    return {
      window_start: windowStart,
      window_end: new Date(Date.parse(windowStart) + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      service,
      level,
      status_class: statusClass,
      requests: metric.requests,
      server_errors: metric.server_errors,
      ...(metric.latencies.length
        ? { latency_p50_ms: at(0.5), latency_p95_ms: at(0.95), latency_p99_ms: at(0.99) }
        : {}),
    };
  });
}

const exactP95 = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1] as number;
};

describe("per-service signals from the metrics topic", () => {
  const events = createLogGenerator({
    seed: 3,
    startTime: "2026-03-01T10:00:00.000Z",
    rate: 200,
    incidents: [{ service: "checkout", kind: "error-spike", startAfterMs: 120_000, durationMs: 300_000 }],
  }).batch(60_000);
  const windowOf = (event: LogEvent) => `${event.timestamp.slice(0, 16)}:00Z`;

  it("reports each service's newest complete window: its exact error rate and an estimated p95", () => {
    const signals = new ServiceSignals();
    for (const record of metricRecords(events)) signals.update(record);
    const windows = [...new Set(events.map(windowOf))].sort();
    // The newest window has begun, so the one before it is the newest complete one.
    const complete = windows.at(-2) as string;
    const latest = signals.latest();
    expect(latest.map((signal) => signal.windowStart)).toEqual(latest.map(() => complete));
    for (const signal of latest) {
      const requests = events.filter(
        (event) => event.service === signal.service && windowOf(event) === complete && event.status !== null,
      );
      expect(signal.requests).toBe(requests.length);
      expect(signal.errorRate).toBe(
        requests.filter((event) => (event.status ?? 0) >= 500).length / requests.length,
      );
      const exact = exactP95(requests.map((event) => event.latency_ms as number));
      // Percentiles of groups do not add up; the estimate stays within 15 % of the true p95 here.
      expect(Math.abs(signal.latencyP95Ms - exact) / exact, signal.service).toBeLessThan(0.15);
    }
    expect(latest.find((signal) => signal.service === "checkout")?.errorRate).toBeGreaterThan(0.1);
  });

  it("replaces a group's value with its newer record and forgets windows beyond those it keeps", () => {
    const signals = new ServiceSignals(2);
    const group = (windowStart: string, serverErrors: number): MetricGroup => ({
      window_start: `2026-03-01T10:${windowStart}:00Z`,
      window_end: `2026-03-01T10:${String(Number(windowStart) + 1).padStart(2, "0")}:00Z`,
      service: "cart",
      level: "INFO",
      status_class: "2xx",
      requests: 10,
      server_errors: serverErrors,
      latency_p50_ms: 10,
      latency_p95_ms: 20,
      latency_p99_ms: 30,
    });
    signals.update(group("00", 1));
    expect(signals.latest()).toEqual([]);
    signals.update(group("01", 5));
    signals.update(group("00", 2));
    expect(signals.latest()).toEqual([
      {
        service: "cart",
        windowStart: "2026-03-01T10:00:00Z",
        requests: 10,
        serverErrors: 2,
        errorRate: 0.2,
        latencyP95Ms: 20,
      },
    ]);
    signals.update(group("02", 0));
    expect(signals.latest()[0]?.errorRate).toBe(0.5);
    // Two windows kept: 10:01 (complete) and 10:02 (under way); 10:00 is forgotten.
    expect(signals.completeWindows().map((signal) => signal.windowStart)).toEqual(["2026-03-01T10:01:00Z"]);
  });

  it("estimates a single group's quantile as the group's own", () => {
    expect(mixtureQuantile([{ requests: 7, p50: 10, p95: 42, p99: 80 }], 0.95)).toBeCloseTo(42, 6);
    expect(mixtureQuantile([], 0.95)).toBeNaN();
  });
});
