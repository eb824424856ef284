/**
 * The per-service signals the alert rules read (`stream_job_service_error_rate{service}`,
 * `stream_job_service_latency_p95_seconds{service}`), from the job's own metrics topic: each
 * service's latest complete window, summed over its level × status-class groups.
 */
import type { WindowMetricRecord } from "../output-records.ts";

/** The fields of a `log-metrics` record the signals read. */
export type MetricGroup = Pick<
  WindowMetricRecord,
  | "window_start"
  | "window_end"
  | "service"
  | "level"
  | "status_class"
  | "requests"
  | "server_errors"
  | "latency_p50_ms"
  | "latency_p95_ms"
  | "latency_p99_ms"
>;

export interface ServiceSignal {
  service: string;
  windowStart: string;
  requests: number;
  serverErrors: number;
  /** Share of 5xx among the window's requests. */
  errorRate: number;
  /** The service's p95 latency, estimated from its groups' quantiles (see `mixtureQuantile`); NaN without requests. */
  latencyP95Ms: number;
}

type Quantiles = { requests: number; p50: number; p95: number; p99: number };

/**
 * A group's latency CDF, linear between its known quantiles: (0 ms, 0), (p50, 0.5), (p95, 0.95),
 * (p99, 0.99), and 1 at p99 plus its p95–p99 gap.
 */
function groupCdf(group: Quantiles, x: number): number {
  const points: [number, number][] = [
    [0, 0],
    [group.p50, 0.5],
    [group.p95, 0.95],
    [group.p99, 0.99],
    [group.p99 + Math.max(group.p99 - group.p95, 1e-9), 1],
  ];
  if (x <= 0) return 0;
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as [number, number];
    const [x0, y0] = points[i - 1] as [number, number];
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return 1;
}

/**
 * Quantile `q` of the mixture of groups, weighted by their requests. Percentiles of groups do
 * not add up, so this is an estimate: exact for a service with one group of requests, and
 * always between the lowest and the highest of its groups' own `q` quantiles' neighbours.
 */
export function mixtureQuantile(groups: readonly Quantiles[], q: number): number {
  const total = groups.reduce((sum, group) => sum + group.requests, 0);
  if (total === 0) return Number.NaN;
  const cdf = (x: number) =>
    groups.reduce((sum, group) => sum + group.requests * groupCdf(group, x), 0) / total;
  let low = 0;
  let high = Math.max(...groups.map((group) => group.p99 + Math.max(group.p99 - group.p95, 1e-9)));
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (cdf(middle) < q) low = middle;
    else high = middle;
  }
  return high;
}

/** The groups of a `log-metrics` topic's newest windows, as its keyed upserts leave them, summed per service. */
export class ServiceSignals {
  private readonly groups = new Map<string, MetricGroup>();
  private newestWindowStart = "";

  /** @param windowsKept the newest windows kept; older ones are forgotten (the anomaly baseline needs no more). */
  constructor(private readonly windowsKept = 64) {}

  /** Takes one record of the topic (the newest value of its group wins). */
  update(group: MetricGroup): void {
    const key = `${group.window_start}|${group.service}|${group.level}|${group.status_class}`;
    this.groups.set(key, group);
    if (group.window_start > this.newestWindowStart) {
      this.newestWindowStart = group.window_start;
      const starts = [...new Set([...this.groups.values()].map((known) => known.window_start))].sort();
      const oldestKept = starts.at(-this.windowsKept) ?? "";
      for (const [known, value] of this.groups)
        if (value.window_start < oldestKept) this.groups.delete(known);
    }
  }

  /**
   * Every complete window of every service, oldest first: a window is complete once it ended by
   * the time the newest window seen began (the job moves on to a window when events of it
   * arrive; late events within the watermark may still update the one before, whose next record
   * replaces it here).
   */
  completeWindows(): ServiceSignal[] {
    const byWindow = new Map<string, MetricGroup[]>();
    for (const group of this.groups.values()) {
      if (group.window_end > this.newestWindowStart) continue;
      const key = `${group.window_start}|${group.service}`;
      byWindow.set(key, [...(byWindow.get(key) ?? []), group]);
    }
    return [...byWindow.keys()].sort().map((key) => {
      const [windowStart, service] = key.split("|") as [string, string];
      return summarize(service, windowStart, byWindow.get(key) ?? []);
    });
  }

  /** Per service, its newest complete window, by service name. */
  latest(): ServiceSignal[] {
    const newest = new Map<string, ServiceSignal>();
    for (const signal of this.completeWindows()) newest.set(signal.service, signal);
    return [...newest.values()].sort((a, b) => a.service.localeCompare(b.service));
  }
}

function summarize(service: string, windowStart: string, groups: readonly MetricGroup[]): ServiceSignal {
  const requests = groups.reduce((sum, group) => sum + group.requests, 0);
  const serverErrors = groups.reduce((sum, group) => sum + group.server_errors, 0);
  const withLatency = groups
    .filter((group) => group.requests > 0 && typeof group.latency_p95_ms === "number")
    .map((group) => ({
      requests: group.requests,
      p50: group.latency_p50_ms ?? (group.latency_p95_ms as number),
      p95: group.latency_p95_ms as number,
      p99: group.latency_p99_ms ?? (group.latency_p95_ms as number),
    }));
  return {
    service,
    windowStart,
    requests,
    serverErrors,
    errorRate: requests === 0 ? 0 : serverErrors / requests,
    latencyP95Ms: mixtureQuantile(withLatency, 0.95),
  };
}
