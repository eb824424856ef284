import type { QueryStatus, SupervisorStatus } from "./supervisor/supervisor.ts";

function formatRate(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(1);
}

/**
 * One line per query (its state, last progress and lag, and where it writes: the job's topology
 * as it runs) under a header, each column aligned: what `stream-job status` and the local live
 * view print.
 */
export function formatQueryTable(queries: readonly QueryStatus[]): string[] {
  const header = [
    "QUERY",
    "STATE",
    "BATCH",
    "IN ROWS/S",
    "DONE ROWS/S",
    "BATCH MS",
    "LAG",
    "WATERMARK",
    "RESTARTS",
    "WRITES TO",
  ];
  const rows = queries.map((query) => {
    const progress = query.lastProgress;
    return [
      query.name,
      query.state,
      progress ? String(progress.batchId) : "-",
      formatRate(progress?.inputRowsPerSecond),
      formatRate(progress?.processedRowsPerSecond),
      progress ? String(progress.batchDurationMs) : "-",
      query.lagRecords === undefined ? "-" : String(query.lagRecords),
      progress?.watermark ?? "-",
      String(query.restarts),
      query.sink,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The supervisor's status as the table `stream-job status` prints. */
export function formatStatusTable(status: SupervisorStatus): string {
  const errors = status.queries
    .filter((query) => query.lastError && query.state !== "active")
    .map((query) => `${query.name}: ${query.lastError}`);
  return [
    `Spark Connect: ${status.sparkConnect} (${status.connected ? "connected" : "disconnected"})`,
    ...formatQueryTable(status.queries),
    ...errors,
  ].join("\n");
}
