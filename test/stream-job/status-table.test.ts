import { describe, expect, it } from "vitest";
import { formatStatusTable } from "../../workloads/stream-job/status-table.ts";
import type { SupervisorStatus } from "../../workloads/stream-job/supervisor/supervisor.ts";

const status: SupervisorStatus = {
  connected: true,
  sparkConnect: "sc://spark-connect:15002/;token=***",
  queries: [
    {
      name: "window-metrics",
      sink: "Kafka metrics topic",
      state: "active",
      restarts: 2,
      lastError: "an old failure, since recovered",
      lagRecords: 1234,
      lastProgress: {
        batchId: 41,
        timestamp: "2026-01-01T00:00:00.000Z",
        numInputRows: 5000,
        inputRowsPerSecond: 1000.26,
        processedRowsPerSecond: Number.NaN,
        batchDurationMs: 830,
        watermark: "2026-01-01T00:00:30.000Z",
        stateRows: 12,
      },
    },
    {
      name: "lake",
      sink: "Parquet lake",
      state: "failed",
      restarts: 1,
      lastError: "[STREAM_FAILED] disk full",
      nextRestartAt: "2026-01-01T00:00:05.000Z",
    },
  ],
};

/** The table's cells, split on the two-space gutters the table puts between columns. */
function cells(line: string): string[] {
  return line.split(/ {2,}/);
}

describe("formatStatusTable", () => {
  const lines = formatStatusTable(status).split("\n");

  it("starts with the server and whether it is connected", () => {
    expect(lines[0]).toBe("Spark Connect: sc://spark-connect:15002/;token=*** (connected)");
    expect(formatStatusTable({ ...status, connected: false }).split("\n")[0]).toMatch(/\(disconnected\)$/);
  });

  it("prints one row per query with its progress, and '-' for what is unknown", () => {
    expect(cells(lines[1] as string)).toEqual([
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
    ]);
    expect(cells(lines[2] as string)).toEqual([
      "window-metrics",
      "active",
      "41",
      "1000.3",
      "-",
      "830",
      "1234",
      "2026-01-01T00:00:30.000Z",
      "2",
      "Kafka metrics topic",
    ]);
    expect(cells(lines[3] as string)).toEqual([
      "lake",
      "failed",
      "-",
      "-",
      "-",
      "-",
      "-",
      "-",
      "1",
      "Parquet lake",
    ]);
  });

  it("aligns every column under its header", () => {
    const header = lines[1] as string;
    for (const title of ["STATE", "BATCH", "LAG", "RESTARTS", "WRITES TO"]) {
      const column = header.indexOf(title);
      for (const row of lines.slice(2, 4)) expect(row[column - 1], `${title} in "${row}"`).toBe(" ");
    }
  });

  it("adds the last error only of queries that are not running", () => {
    expect(lines.slice(4)).toEqual(["lake: [STREAM_FAILED] disk full"]);
  });
});
