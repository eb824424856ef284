import type { ProducerHandle } from "../producer/index.ts";
import { formatQueryTable } from "../stream-job/status-table.ts";
import type { SupervisorStatus } from "../stream-job/supervisor/supervisor.ts";
import type { PipelineFeed } from "./pipeline-feed.ts";

export interface LiveViewState {
  elapsedSeconds: number;
  producer: ProducerHandle | undefined;
  job: SupervisorStatus;
  /** The stream job's HTTP address (/metrics, /status). */
  jobUrl: string;
  deadLetters: number;
  feed: PipelineFeed;
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits }) : "-";

/** The terminal page `npm start` redraws every second. */
export function renderLiveView(state: LiveViewState): string {
  const lines: string[] = [];
  const minutes = Math.floor(state.elapsedSeconds / 60);
  const seconds = String(Math.floor(state.elapsedSeconds % 60)).padStart(2, "0");
  lines.push(
    `log analytics pipeline, local runtime: up ${minutes}:${seconds}   (Ctrl-C stops everything)`,
    "",
  );

  if (state.producer) {
    const progress = state.producer.progress();
    const { events, malformed } = progress.totals;
    const incidents = progress.activeIncidents.map((incident) => `${incident.service} ${incident.kind}`);
    lines.push(
      `producer    ${number(progress.rate)} events/s   acked ${number(events.acked)}   failed ${number(events.failed + malformed.failed)}` +
        (incidents.length ? `   incident now: ${incidents.join(", ")}` : ""),
    );
  } else {
    lines.push("producer    off (--no-producer): feed the logs topic from elsewhere");
  }
  lines.push(
    `stream job  ${state.jobUrl}/metrics   dead letters ${number(state.deadLetters)}   Spark Connect ${state.job.connected ? "connected" : "DISCONNECTED"}`,
    "",
  );

  lines.push(...formatQueryTable(state.job.queries));
  const window = state.feed.latestWindow();
  lines.push("");
  if (window) {
    lines.push(`latest window ${window.windowStart}: top services`);
    lines.push("service            requests   5xx rate   p95 ms (worst group)");
    for (const service of window.services.slice(0, 6)) {
      lines.push(
        `${service.service.padEnd(18)} ${number(service.requests).padStart(8)}   ${(service.errorRate * 100).toFixed(2).padStart(6)}%   ${number(service.worstP95Ms).padStart(8)}`,
      );
    }
  } else {
    lines.push("latest window: waiting for the first window metrics…");
  }

  const alerts = state.feed.alerts();
  lines.push("", `alerts (${alerts.length})`);
  for (const alert of alerts.slice(-5)) {
    lines.push(
      `  ${alert.window_start}  ${alert.service.padEnd(16)} ${alert.kind.padEnd(18)} ${number(alert.value, 3)} > ${number(alert.threshold, 3)} over ${alert.requests} requests` +
        (alert.basis === "anomaly"
          ? `   (baseline ${number(alert.baseline_mean ?? Number.NaN, 3)}, z ${number(alert.zscore ?? Number.NaN, 1)})`
          : ""),
    );
  }
  return lines.join("\n");
}
