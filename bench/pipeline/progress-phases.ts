import type { StreamingQuery, StreamingQueryProgress } from "../../workloads/spark-connect/index.ts";

/** The phases of a micro-batch the report shows, from the progress' `durationMs`, plus the state stores' commit. */
export const batchPhases = [
  "latestOffset",
  "queryPlanning",
  "walCommit",
  "addBatch",
  "commitOffsets",
  "stateCommit",
  "triggerExecution",
] as const;
export type BatchPhase = (typeof batchPhases)[number];

/** Mean milliseconds per phase over a query's batches with data, and how many batches. */
export interface PhaseSummary {
  batches: number;
  meanMs: Record<BatchPhase, number>;
}

function phasesOf(progress: StreamingQueryProgress): Record<BatchPhase, number> {
  const stateCommit = progress.stateOperators.reduce((sum, operator) => sum + operator.commitTimeMs, 0);
  return Object.fromEntries(
    batchPhases.map((phase) => [
      phase,
      phase === "stateCommit" ? stateCommit : (progress.durationMs[phase] ?? 0),
    ]),
  ) as Record<BatchPhase, number>;
}

/**
 * Reads every batch's full progress of the job's queries (the supervisor keeps only a summary),
 * keeping each batch with data that ended from `measureFrom` on, once, by query run and batch id.
 */
export class ProgressRecorder {
  private readonly queries = new Map<string, StreamingQuery>();
  private readonly batches = new Map<string, Map<string, StreamingQueryProgress>>();
  private measuringFromMs = Number.POSITIVE_INFINITY;

  readonly observe = (name: string, query: StreamingQuery): void => {
    this.queries.set(name, query);
  };

  /** Starts a new measurement: batches seen from `timeMs` on. */
  measureFrom(timeMs: number): void {
    this.measuringFromMs = timeMs;
    this.batches.clear();
  }

  async sample(): Promise<void> {
    for (const [name, query] of this.queries) {
      const recent = await query.recentProgress().catch(() => [] as StreamingQueryProgress[]);
      const seen = this.batches.get(name) ?? new Map<string, StreamingQueryProgress>();
      for (const progress of recent) {
        // A batch counts when it ended in the measured time (its timestamp is when it started).
        const endedAtMs = Date.parse(progress.timestamp) + (progress.durationMs.triggerExecution ?? 0);
        if (progress.numInputRows === 0 || endedAtMs < this.measuringFromMs) continue;
        seen.set(`${progress.runId}/${progress.batchId}`, progress);
      }
      this.batches.set(name, seen);
    }
  }

  /** Per query: mean ms per phase over the batches measured. */
  phases(): Record<string, PhaseSummary> {
    return Object.fromEntries(
      [...this.batches].map(([name, batches]) => {
        const all = [...batches.values()].map(phasesOf);
        const meanMs = Object.fromEntries(
          batchPhases.map((phase) => [
            phase,
            all.length === 0
              ? 0
              : Math.round(all.reduce((sum, phases) => sum + phases[phase], 0) / all.length),
          ]),
        ) as Record<BatchPhase, number>;
        return [name, { batches: all.length, meanMs }];
      }),
    );
  }

  /**
   * Records the measured batches moved each query's offsets over, averaged over the queries:
   * events the job handled. Offsets, not input rows: a query that scans the topic twice in one
   * plan (the merged topology's union) reports every record twice in `numInputRows`.
   */
  meanRowsPerQuery(): number {
    const totals = [...this.batches.values()].map((batches) =>
      [...batches.values()].reduce((sum, progress) => sum + recordsAdvanced(progress), 0),
    );
    return totals.length === 0 ? 0 : totals.reduce((sum, rows) => sum + rows, 0) / totals.length;
  }

  /** Per query: rows over batch time of the batches measured. */
  processedRowsPerSecond(): Record<string, number> {
    return Object.fromEntries(
      [...this.batches].map(([name, batches]) => {
        let rows = 0;
        let ms = 0;
        for (const progress of batches.values()) {
          rows += progress.numInputRows;
          ms += progress.durationMs.triggerExecution ?? progress.batchDuration;
        }
        return [name, ms > 0 ? Math.round((rows / ms) * 1000) : 0];
      }),
    );
  }
}

/**
 * Kafka offsets are `{ topic: { partition: offset } }`; a batch's records are end minus start,
 * summed (a query's first batch has no start: the benchmark's topics are new, so from 0).
 */
function recordsAdvanced(progress: StreamingQueryProgress): number {
  // Per topic partition, once: two scans of the topic may also be reported as two sources.
  const advanced = new Map<string, number>();
  for (const source of progress.sources) {
    const start = kafkaOffsets(source.startOffset);
    for (const [key, end] of kafkaOffsets(source.endOffset))
      advanced.set(key, Math.max(advanced.get(key) ?? 0, end - (start.get(key) ?? 0)));
  }
  return [...advanced.values()].reduce((sum, records) => sum + records, 0);
}

function kafkaOffsets(offsets: unknown): Map<string, number> {
  const parsed = typeof offsets === "string" ? (JSON.parse(offsets) as unknown) : offsets;
  const byPartition = new Map<string, number>();
  if (parsed === null || typeof parsed !== "object") return byPartition;
  for (const [topic, partitions] of Object.entries(parsed as Record<string, Record<string, number>>))
    for (const [partition, offset] of Object.entries(partitions))
      byPartition.set(`${topic}/${partition}`, offset);
  return byPartition;
}
