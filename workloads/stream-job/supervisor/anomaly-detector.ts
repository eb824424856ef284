/**
 * Anomaly alerts on the job's metrics stream: each service's latest complete window judged
 * against that service's own recent windows (a sliding baseline of mean and standard deviation
 * of error rate and p95), the same idea as the Prometheus anomaly rules, one window at a time.
 * Spark cannot hold this state without a window of windows (append mode, waiting for the
 * watermark) or code running on the server, so the job computes it from the metrics topic it
 * already follows (`service-signals-feed.ts`).
 */
import { catalogEntry, SERVICE_CATALOG, type ServiceName } from "../../contract/log-event.ts";
import type { AlertRecord } from "../output-records.ts";
import type { ServiceSignal } from "./service-signals.ts";

export interface AnomalySettings {
  /** Windows of a service's history its baseline spans. */
  baselineWindows: number;
  /** The newest windows left out of the baseline, so an incident under way does not raise its own baseline. */
  gapWindows: number;
  /** Windows of history a service needs before it is judged at all. */
  minWindows: number;
  /** Standard deviations above the baseline mean that make an anomaly. */
  zScore: number;
  /** A window with fewer requests than this raises nothing. */
  minRequests: number;
  /** Floors that keep quiet services from paging (the Prometheus rules read the defaults of these). */
  errorRateStddevFloor: number;
  errorRateFloor: number;
  latencyStddevFloorMs: number;
}

export const anomalySignals = ["error-rate", "latency"] as const;
export type AnomalySignal = (typeof anomalySignals)[number];

/**
 * An anomaly alert as the job writes it to the alerts topic (`output-records.ts`, less
 * `raised_at`, stamped when written): the SLO alerts' fields plus `basis` and the evidence.
 */
export type AnomalyAlert = Omit<AlertRecord, "raised_at"> &
  Required<
    Pick<
      AlertRecord,
      "basis" | "baseline_mean" | "baseline_stddev" | "deviation_used" | "zscore" | "baseline_windows"
    >
  >;

/** Mean and (population) standard deviation. */
function meanAndStddev(values: readonly number[]): { mean: number; stddev: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, stddev: Math.sqrt(variance) };
}

const windowMs = (iso: string) => Date.parse(iso);

/** Each service's recent windows and the alerts its newest ones raise. */
export class AnomalyDetector {
  /** Per service, its windows' signals by window start (a later record of a window replaces it). */
  private readonly history = new Map<string, Map<string, ServiceSignal>>();

  constructor(
    private readonly settings: AnomalySettings,
    private readonly windowLengthMs: number,
  ) {}

  /**
   * Takes a service's complete window and returns the anomalies it raises against the windows
   * from `baselineWindows + gapWindows` to `gapWindows + 1` windows before it (by event time,
   * so the answer does not depend on the order windows arrive in).
   */
  observe(signal: ServiceSignal): AnomalyAlert[] {
    const windows = this.history.get(signal.service) ?? new Map<string, ServiceSignal>();
    this.history.set(signal.service, windows);
    windows.set(signal.windowStart, signal);
    const { baselineWindows, gapWindows, minWindows } = this.settings;
    const start = windowMs(signal.windowStart);
    const newestBaseline = start - (gapWindows + 1) * this.windowLengthMs;
    const oldestBaseline = newestBaseline - (baselineWindows - 1) * this.windowLengthMs;
    const baseline = [...windows.values()].filter((window) => {
      const at = windowMs(window.windowStart);
      return at >= oldestBaseline && at <= newestBaseline;
    });
    for (const [windowStart] of windows)
      if (windowMs(windowStart) < oldestBaseline) windows.delete(windowStart);
    if (baseline.length < minWindows || signal.requests < this.settings.minRequests) return [];
    const alerts: AnomalyAlert[] = [];
    const errorRate = this.judge(
      signal,
      "error-rate",
      signal.errorRate,
      baseline.map((window) => window.errorRate),
      this.settings.errorRateStddevFloor,
    );
    if (errorRate && signal.errorRate >= this.settings.errorRateFloor) alerts.push(errorRate);
    const latencies = baseline.map((window) => window.latencyP95Ms).filter(Number.isFinite);
    if (Number.isFinite(signal.latencyP95Ms) && latencies.length >= minWindows) {
      const latency = this.judge(
        signal,
        "latency",
        signal.latencyP95Ms,
        latencies,
        this.settings.latencyStddevFloorMs,
      );
      if (latency) alerts.push(latency);
    }
    return alerts;
  }

  private judge(
    signal: ServiceSignal,
    kind: AnomalySignal,
    value: number,
    history: readonly number[],
    stddevFloor: number,
  ): AnomalyAlert | undefined {
    const { mean, stddev } = meanAndStddev(history);
    const deviation = Math.max(stddev, stddevFloor);
    const zscore = (value - mean) / deviation;
    if (zscore <= this.settings.zScore) return undefined;
    const known = SERVICE_CATALOG.some((entry) => entry.service === signal.service);
    const catalog = known ? catalogEntry(signal.service as ServiceName) : undefined;
    return {
      kind: `${kind}-anomaly`,
      basis: "anomaly",
      service: signal.service,
      window_start: signal.windowStart,
      window_end: new Date(windowMs(signal.windowStart) + this.windowLengthMs).toISOString(),
      value,
      threshold: mean + this.settings.zScore * deviation,
      requests: signal.requests,
      server_errors: signal.serverErrors,
      error_rate: signal.errorRate,
      ...(Number.isFinite(signal.latencyP95Ms) ? { latency_p95_ms: signal.latencyP95Ms } : {}),
      baseline_mean: mean,
      baseline_stddev: stddev,
      deviation_used: deviation,
      zscore,
      baseline_windows: history.length,
      ...(catalog
        ? {
            owner_team: catalog.owner_team,
            tier: catalog.tier,
            latency_slo_p95_ms: catalog.latency_slo_p95_ms,
            error_budget: catalog.error_budget,
          }
        : {}),
    };
  }
}
