import type { SupervisorStatus } from "./supervisor/supervisor.ts";

function formatRate(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(1);
}

/** The supervisor's status as the table `stream-job status` prints. */
export function formatStatusTable(status: SupervisorStatus): string {
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
  ];
  const rows = status.queries.map((query) => {
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
  const errors = status.queries
    .filter((query) => query.lastError && query.state !== "active")
    .map((query) => `${query.name}: ${query.lastError}`);
  return [
    `Spark Connect: ${status.sparkConnect} (${status.connected ? "connected" : "disconnected"})`,
    line(header),
    ...rows.map(line),
    ...errors,
  ].join("\n");
}
