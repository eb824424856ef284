import { describe, expect, it } from "vitest";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import {
  type AnomalyAlert,
  AnomalyDetector,
} from "../../workloads/stream-job/supervisor/anomaly-detector.ts";
import type { ServiceSignal } from "../../workloads/stream-job/supervisor/service-signals.ts";

const config = parseStreamJobConfig({
  sparkConnectUrl: "sc://s:1",
  kafkaBootstrap: "k:1",
  lakePath: ".",
  checkpointPath: ".",
});
const settings = { ...config.alerting.anomaly, minRequests: config.alerting.minRequests };
const minute = 60_000;
const start = Date.parse("2026-03-01T10:00:00.000Z");

/** A deterministic wobble in [-1, 1], so that histories have a spread. */
const wobble = (i: number) => Math.sin(i * 1.7) * Math.cos(i * 0.3);

/** Runs `windows` windows of one service through a fresh detector; the alerts each window raised, by index. */
function run(
  windows: number,
  signalAt: (i: number) => { errorRate: number; latencyP95Ms: number; requests?: number },
): Map<number, AnomalyAlert[]> {
  const detector = new AnomalyDetector(settings, minute);
  const raised = new Map<number, AnomalyAlert[]>();
  for (let i = 0; i < windows; i++) {
    const { errorRate, latencyP95Ms, requests = 500 } = signalAt(i);
    const signal: ServiceSignal = {
      service: "checkout",
      windowStart: new Date(start + i * minute).toISOString(),
      requests,
      serverErrors: Math.round(errorRate * requests),
      errorRate,
      latencyP95Ms,
    };
    const alerts = detector.observe(signal);
    if (alerts.length > 0) raised.set(i, alerts);
  }
  return raised;
}

const quiet = (i: number) => ({
  errorRate: 0.005 + 0.002 * wobble(i),
  latencyP95Ms: 300 + 20 * wobble(i + 5),
});

describe("stream-job anomaly alerts against each service's recent windows", () => {
  it("a quiet hour raises nothing", () => {
    expect([...run(60, quiet).keys()]).toEqual([]);
  });

  it("a staged error spike raises an error-rate anomaly from its first window, with the evidence", () => {
    const raised = run(60, (i) => (i >= 40 && i < 45 ? { ...quiet(i), errorRate: 0.3 } : quiet(i)));
    // The baseline leaves out the newest 5 windows, so the whole 5-minute spike is judged against the quiet hour.
    expect([...raised.keys()]).toEqual([40, 41, 42, 43, 44]);
    const [alert] = raised.get(40) ?? [];
    expect(alert).toMatchObject({
      kind: "error-rate-anomaly",
      basis: "anomaly",
      service: "checkout",
      window_start: "2026-03-01T10:40:00.000Z",
      window_end: "2026-03-01T10:41:00.000Z",
      value: 0.3,
      requests: 500,
      baseline_windows: 30,
      owner_team: "payments",
    });
    expect(alert?.baseline_mean).toBeCloseTo(0.005, 2);
    // The history's spread is under the floor, so the floor is the deviation used.
    expect(alert?.deviation_used).toBe(settings.errorRateStddevFloor);
    expect(alert?.zscore).toBeCloseTo((0.3 - (alert?.baseline_mean ?? 0)) / settings.errorRateStddevFloor, 6);
    expect(alert?.threshold).toBeCloseTo((alert?.baseline_mean ?? 0) + 3 * settings.errorRateStddevFloor, 9);
  });

  it("a lasting latency regression raises a latency anomaly, which fades as the new level fills the baseline", () => {
    const raised = run(60, (i) => (i >= 40 ? { ...quiet(i), latencyP95Ms: 900 } : quiet(i)));
    const windows = [...raised.keys()];
    // Windows 40-45 are judged against a baseline without the regression.
    expect(windows.slice(0, 6)).toEqual([40, 41, 42, 43, 44, 45]);
    expect(windows.at(-1)).toBeLessThan(50);
    expect(raised.get(40)?.map((alert) => alert.kind)).toEqual(["latency-anomaly"]);
  });

  it("a slow drift moves the baseline with it: no anomaly", () => {
    const raised = run(180, (i) => ({
      errorRate: 0.01 + 0.0002 * i,
      latencyP95Ms: 200 + 0.5 * i + 5 * wobble(i),
    }));
    expect([...raised.keys()]).toEqual([]);
  });

  it("the floors keep a flat service from paging on a small blip, and too few requests or windows raise nothing", () => {
    const flat = () => ({ errorRate: 0, latencyP95Ms: 100 });
    expect([...run(40, (i) => (i === 35 ? { errorRate: 0.015, latencyP95Ms: 160 } : flat())).keys()]).toEqual(
      [],
    );
    expect([
      ...run(40, (i) => (i === 35 ? { errorRate: 0.5, latencyP95Ms: 900, requests: 10 } : flat())).keys(),
    ]).toEqual([]);
    // Nine windows of history are too few to judge by.
    expect([...run(15, (i) => (i === 14 ? { errorRate: 0.5, latencyP95Ms: 900 } : flat())).keys()]).toEqual(
      [],
    );
    expect([...run(16, (i) => (i === 15 ? { errorRate: 0.5, latencyP95Ms: 900 } : flat())).keys()]).toEqual([
      15,
    ]);
  });
});
