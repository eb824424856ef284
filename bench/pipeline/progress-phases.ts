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

  /** Rows the measured batches read, averaged over the queries: events the job handled. */
  meanRowsPerQuery(): number {
    const totals = [...this.batches.values()].map((batches) =>
      [...batches.values()].reduce((sum, progress) => sum + progress.numInputRows, 0),
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
