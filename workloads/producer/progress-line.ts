import type { ProducerProgress, ProducerSummary } from "./run-producer.ts";

const count = (value: number) => Math.round(value).toLocaleString("en-US");

/** One line: rate against target, totals, errors and incidents, for a TTY. */
export function formatProgress(progress: ProducerProgress): string {
  const { totals } = progress;
  const target = progress.targetRate === undefined ? "max" : count(progress.targetRate);
  const malformed = totals.malformed.sent > 0 ? ` | malformed ${count(totals.malformed.sent)}` : "";
  const incidents =
    progress.activeIncidents.length > 0
      ? ` | incident: ${progress.activeIncidents.map((incident) => `${incident.service} ${incident.kind}`).join(", ")}`
      : "";
  return (
    `${progress.elapsedSeconds.toFixed(0)}s | ${count(progress.rate)} ev/s (target ${target}) | ` +
    `sent ${count(totals.events.sent)} acked ${count(totals.events.acked)} failed ${count(totals.events.failed)}` +
    `${malformed}${incidents}`
  );
}

/** The final totals, a few lines for a person. */
export function formatSummary(summary: ProducerSummary): string {
  const lines = [
    `producer: ${summary.stoppedBy === "error" ? "failed" : "done"} after ${summary.elapsedSeconds.toFixed(1)} s (stopped by ${summary.stoppedBy})`,
    `  events    sent ${count(summary.events.sent)}, acked ${count(summary.events.acked)}, failed ${count(summary.events.failed)}`,
    `  rate      ${count(summary.achievedRate)} events/s, ${summary.megabytesPerSecond.toFixed(2)} MB/s into ${summary.topic}`,
  ];
  if (summary.malformed.sent > 0) {
    lines.push(
      `  malformed sent ${count(summary.malformed.sent)}, acked ${count(summary.malformed.acked)}, failed ${count(summary.malformed.failed)}`,
    );
  }
  for (const incident of summary.incidents) {
    const effect =
      incident.errorRate !== undefined
        ? `error rate ${incident.errorRate}`
        : `latency x${incident.latencyFactor}`;
    lines.push(
      `  incident  #${incident.id} ${incident.service} ${incident.kind} (${effect}) ${incident.start} .. ${incident.end}, ${count(incident.affectedEvents)} events`,
    );
  }
  if (summary.error) lines.push(`  error     ${summary.error}`);
  return lines.join("\n");
}

/** Redraws the progress line on a TTY stream once a second until stopped; clears it on stop. */
export function startProgressLine(
  stream: NodeJS.WriteStream,
  read: () => ProducerProgress,
  intervalMs = 1000,
): () => void {
  const draw = () => stream.write(`\r\x1b[2K${formatProgress(read())}`);
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stream.write("\r\x1b[2K");
  };
}
