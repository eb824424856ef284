import type { LogEvent } from "../../workloads/contract/log-event.ts";

/** One `log-metrics` group computed in JavaScript from the events sent: the test's reference. */
export interface ExpectedWindowMetric {
  events: number;
  requests: number;
  server_errors: number;
  error_logs: number;
  bytes: number | undefined;
  latencies: number[];
}

export function windowStartIso(timestamp: string, windowMs: number): string {
  const start = Math.floor(Date.parse(timestamp) / windowMs) * windowMs;
  return new Date(start).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Groups events exactly as the job's window-metrics query does, keyed like its Kafka records. */
export function expectedWindowMetrics(
  events: LogEvent[],
  windowMs = 60_000,
): Map<string, ExpectedWindowMetric> {
  const groups = new Map<string, ExpectedWindowMetric>();
  for (const event of events) {
    const statusClass = event.status === null ? "none" : `${Math.floor(event.status / 100)}xx`;
    const key = [windowStartIso(event.timestamp, windowMs), event.service, event.level, statusClass].join(
      "|",
    );
    const group = groups.get(key) ?? {
      events: 0,
      requests: 0,
      server_errors: 0,
      error_logs: 0,
      bytes: undefined,
      latencies: [],
    };
    group.events += 1;
    if (event.status !== null) group.requests += 1;
    if (event.status !== null && event.status >= 500) group.server_errors += 1;
    if (event.level === "ERROR" || event.level === "FATAL") group.error_logs += 1;
    if (event.bytes !== null) group.bytes = (group.bytes ?? 0) + event.bytes;
    if (event.latency_ms !== null) group.latencies.push(event.latency_ms);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.latencies.sort((a, b) => a - b);
  return groups;
}

/**
 * The values percentile_approx may return for percentage `p` of sorted values: with an accuracy
 * above the group's size its rank error is under one position, so the answer is one of the
 * values next to the exact rank.
 */
export function acceptablePercentile(sorted: number[], p: number): [number, number] {
  const rank = Math.ceil(p * sorted.length);
  const low = sorted[Math.max(0, rank - 2)] ?? Number.NaN;
  const high = sorted[Math.min(sorted.length - 1, rank)] ?? Number.NaN;
  return [low, high];
}
