import type { StreamJobOptions } from "../../workloads/stream-job/config.ts";

/** One configuration of the stream job measured in the ablation, beside the others. */
export interface AblationVariant {
  name: string;
  /** What differs from the new default, in a few words. */
  change: string;
  job: Partial<StreamJobOptions>;
}

/** How the job ran before this topology: a query each for metrics and alerts, Spark's defaults. */
const oldSpark = {
  shufflePartitions: 4,
  stateStore: "hdfs",
  stateChangelog: false,
  skipEmptyBatches: false,
  asyncProgressTracking: false,
  minBatchesToRetain: 100,
  progressUpdatesKept: 100,
} as const;

/**
 * The old job, the new job, and the new job with one setting turned back (or, for real-time
 * mode, on): each setting's effect, measured at the same rate in the same run.
 */
export const ablationVariants: readonly AblationVariant[] = [
  {
    name: "old",
    change:
      "four queries (metrics and alerts apart), HDFS state store, 4 partitions, empty batches, sync offsets, one 1 s trigger",
    job: { topology: "separate", spark: oldSpark, trigger: "1 second" },
  },
  { name: "new", change: "the defaults", job: {} },
  { name: "separate", change: "metrics and alerts from a query each", job: { topology: "separate" } },
  {
    name: "merged",
    change: "dead letters written by the analytics query (two queries)",
    job: { topology: "merged" },
  },
  { name: "hdfs-state", change: "HDFS-backed state store", job: { spark: { stateStore: "hdfs" } } },
  {
    name: "no-changelog",
    change: "RocksDB without changelog checkpointing",
    job: { spark: { stateChangelog: false } },
  },
  { name: "empty-batches", change: "no-data batches run", job: { spark: { skipEmptyBatches: false } } },
  {
    name: "sync-offsets",
    change: "dead letters commit offsets synchronously",
    job: { spark: { asyncProgressTracking: false } },
  },
  { name: "one-trigger", change: "every query on a 1 s trigger", job: { trigger: "1 second" } },
  {
    name: "real-time-dead-letters",
    change: "dead letters in real-time mode (5 s batches)",
    job: { triggers: { deadLetters: "real-time 5 seconds" } },
  },
];
