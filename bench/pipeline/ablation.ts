import { availableParallelism } from "node:os";
import type { StreamJobOptions } from "../../workloads/stream-job/config.ts";
import { realTimeDeadLetterTrigger } from "../../workloads/stream-job/queries/trigger.ts";

/** One configuration of the stream job measured in the ablation, beside the others. */
export interface AblationVariant {
  name: string;
  /** What differs from the new default, in a few words. */
  change: string;
  job: Partial<StreamJobOptions>;
  /** Spark Connect server settings over the runtime's: the server restarts with them for this variant. */
  server?: Record<string, string>;
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

/** The local server as it was before real-time mode: a task slot per core, none to spare. */
const slotPerCore = { "spark.master": `local[${availableParallelism()}]` };

/**
 * The old job, the new job, and the new job with one setting turned back (or, for real-time
 * mode, on): each setting's effect, measured at the same rate in the same run. The server
 * setting comes last, so only its own variant runs on the restarted (JIT-cold) server.
 */
export const ablationVariants: readonly AblationVariant[] = [
  {
    name: "old",
    change:
      "four queries (metrics and alerts apart), HDFS state store, 4 partitions, empty batches, sync offsets, one 1 s trigger, a Parquet dictionary per column",
    job: { topology: "separate", spark: oldSpark, trigger: "1 second", lakeDictionary: "all" },
  },
  { name: "new", change: "the defaults", job: {} },
  {
    name: "combined",
    change: "dead letters from a query of their own (three queries, the previous default)",
    job: { topology: "combined" },
  },
  { name: "separate", change: "metrics and alerts from a query each", job: { topology: "separate" } },
  { name: "hdfs-state", change: "HDFS-backed state store", job: { spark: { stateStore: "hdfs" } } },
  {
    name: "no-changelog",
    change: "RocksDB without changelog checkpointing",
    job: { spark: { stateChangelog: false } },
  },
  { name: "empty-batches", change: "no-data batches run", job: { spark: { skipEmptyBatches: false } } },
  {
    name: "lake-dictionary",
    change: "a Parquet dictionary for every lake column, ids and times too",
    job: { lakeDictionary: "all" },
  },
  {
    name: "auto-format",
    change: "each record's format detected (STREAM_JOB_LOG_FORMAT=auto, for a topic that mixes formats)",
    job: { logFormat: "auto" },
  },
  {
    name: "sync-offsets",
    change: "combined, its dead-letter query committing offsets synchronously",
    job: { topology: "combined", spark: { asyncProgressTracking: false } },
  },
  { name: "one-trigger", change: "every query on a 1 s trigger", job: { trigger: "1 second" } },
  {
    name: "lake-tasks-5000",
    change: "the lake's tasks capped at 5,000 records (a task per Kafka partition otherwise)",
    job: { lakeMaxRecordsPerTask: 5_000 },
  },
  {
    name: "lake-small-tasks",
    change: "the lake's tasks capped at 2,000 records",
    job: { lakeMaxRecordsPerTask: 2_000 },
  },
  {
    name: "analytics-500ms",
    change: "the Kafka query (metrics, alerts, dead letters) on a 500 ms trigger",
    job: { triggers: { analytics: "500 milliseconds" } },
  },
  { name: "lake-30s", change: "the lake on a 30 s trigger", job: { triggers: { lake: "30 seconds" } } },
  {
    name: "combined-500ms",
    change: "combined, its dead-letter query on a 500 ms trigger (async offsets)",
    job: { topology: "combined", triggers: { deadLetters: "500 milliseconds" } },
  },
  {
    name: "real-time-dead-letters",
    change:
      "combined, its dead-letter query in real-time mode (5 s batches), a long-running task per partition of logs in the server's spare slots",
    job: { topology: "combined", triggers: { deadLetters: realTimeDeadLetterTrigger } },
  },
  {
    name: "fifo-scheduler",
    change: "the server's FIFO scheduler: a batch's tasks wait for every task of the jobs before it",
    job: {},
    server: { "spark.scheduler.mode": "FIFO" },
  },
  {
    name: "slot-per-core",
    change: "the server with a task slot per core only, as before real-time mode (none spare)",
    job: {},
    server: slotPerCore,
  },
];
