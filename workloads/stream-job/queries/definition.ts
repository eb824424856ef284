import type { SparkSession, StreamingQuery, StreamingQueryProgress } from "../../spark-connect/index.ts";
import type { StreamJobConfig } from "../config.ts";

/** One of the job's streaming queries: its name (also its checkpoint folder) and how to start it. */
export interface QueryDefinition {
  name: string;
  /** What the query's sink holds, for status output. */
  sink: string;
  start(session: SparkSession, config: StreamJobConfig): Promise<StreamingQuery>;
  /** For a query that writes dead letters: how many one of its batches wrote, read from its progress. */
  deadLettersIn?(progress: StreamingQueryProgress): number;
  /**
   * Whether it runs in real-time mode under `config`: one long-running task per partition of
   * `logs`, holding its task slot for as long as the query runs (`task-slots.ts` checks the
   * server has them).
   */
  runsInRealTime?(config: StreamJobConfig): boolean;
}

/** Checkpoints live under one root, a folder per query; plain string joining keeps s3a:// URIs intact. */
export function checkpointLocation(config: StreamJobConfig, queryName: string): string {
  return `${config.checkpointPath.replace(/\/+$/, "")}/${queryName}`;
}

export function lakeLocation(config: StreamJobConfig, table: string): string {
  return `${config.lakePath.replace(/\/+$/, "")}/${table}`;
}
