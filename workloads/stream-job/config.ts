import { z } from "zod";
import { type OptionNamer, readOptions } from "../command-line/options.ts";
import { topicNames } from "../contract/topics.ts";
import {
  type KafkaSecurity,
  kafkaSecurityProblem,
  saslMechanismSchema,
  saslMechanisms,
} from "../kafka-security/index.ts";
import { parseConnectionString } from "../spark-connect/index.ts";
import { streamJobOptionSpecs } from "./options.ts";
import { LOG_FORMAT_SETTINGS } from "./queries/formats/index.ts";

/** Spark's interval strings: "30 seconds", "1 minute", "2 hours". */
const intervalPattern = "\\d+ (millisecond|second|minute|hour|day)s?";

const unitMs = { millisecond: 1, second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** A Spark interval string the config accepted ("1 minute"), in milliseconds. */
export function intervalMs(interval: string): number {
  const [count, unit] = interval.split(" ") as [string, string];
  return Number(count) * unitMs[unit.replace(/s$/, "") as keyof typeof unitMs];
}

const interval = (what: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${intervalPattern}$`),
      `${what} must be a Spark interval such as "30 seconds" or "1 minute"`,
    );

/**
 * A trigger: a processing-time interval, or "availableNow"/"once" to stop when caught up; where
 * allowed, "real-time <interval>" (Spark 4.1+, stateless Kafka queries only, one long-running
 * task per Kafka partition). The message names the variable that sets it.
 */
const trigger = (variable: string, realTime = false) =>
  z
    .string()
    .regex(
      new RegExp(
        `^(availableNow|once|${intervalPattern}${realTime ? `|real-time ${intervalPattern}` : ""})$`,
      ),
      `${variable} must be "availableNow", "once"${realTime ? ', "real-time <interval>"' : ""} or a Spark interval such as "5 seconds"`,
    );

/** An integer from code or the environment, with one message for every way it can be wrong. */
const integerAtLeast = (min: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message);

/** "true"/"false" from the environment, booleans from code. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]);

/**
 * What the job sets on its Spark session before its queries start, so the local runtime and the
 * cluster run the same plans with the same settings (see docs/stream-job.md for each one's effect).
 */
const sparkSettingsSchema = z
  .object({
    /** Shuffle (and state-store) partitions of the stateful query: the cluster's cores. Fixed in its checkpoint. */
    shufflePartitions: integerAtLeast(
      1,
      "STREAM_JOB_SHUFFLE_PARTITIONS must be a positive integer (the cluster's cores)",
    ).default(2),
    stateStore: z
      .enum(["rocksdb", "hdfs"], { error: "STREAM_JOB_STATE_STORE must be rocksdb or hdfs" })
      .default("rocksdb"),
    /** RocksDB commits write only the changed state (a changelog), not a snapshot per batch. */
    stateChangelog: flag.default(true),
    /** No micro-batch runs when no data arrived (Spark runs one per watermark advance otherwise). */
    skipEmptyBatches: flag.default(true),
    /** The dead-letter query commits its offsets asynchronously (processing-time trigger only). */
    asyncProgressTracking: flag.default(true),
    /** Batches of offset/commit logs and state kept for recovery (Spark's default: 100). */
    minBatchesToRetain: integerAtLeast(
      2,
      "STREAM_JOB_MIN_BATCHES_TO_RETAIN must be an integer of at least 2",
    ).default(20),
    /** Progress reports each query keeps for the supervisor's reads (Spark's default: 100). */
    progressUpdatesKept: integerAtLeast(
      1,
      "STREAM_JOB_PROGRESS_UPDATES_KEPT must be a positive integer",
    ).default(20),
  })
  .prefault({});

export const streamJobConfigSchema = z.object({
  sparkConnectUrl: z
    .string({
      error:
        "SPARK_CONNECT_URL is required: the sc://host:port connection string of the Spark Connect server",
    })
    .startsWith("sc://", 'SPARK_CONNECT_URL must start with "sc://", e.g. sc://spark-connect:15002')
    // Parsed in full at start: a malformed URL would otherwise be retried forever.
    .superRefine((url, context) => {
      if (!url.startsWith("sc://")) return;
      try {
        parseConnectionString(url);
      } catch (error) {
        context.addIssue({ code: "custom", message: `SPARK_CONNECT_URL: ${(error as Error).message}` });
      }
    }),
  kafkaBootstrap: z
    .string({ error: "KAFKA_BROKERS is required: comma-separated host:port of the Kafka bootstrap servers" })
    .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, "KAFKA_BROKERS must be comma-separated host:port pairs"),
  /** SASL credentials when the brokers ask for them (the cluster's KafkaUsers use SCRAM-SHA-512). */
  kafkaSasl: z
    .object({
      mechanism: saslMechanismSchema(
        `KAFKA_SASL_MECHANISM must be one of ${saslMechanisms.join(", ")} (any case)`,
      ),
      username: z
        .string({ error: "KAFKA_USERNAME is required with KAFKA_SASL_MECHANISM" })
        .min(1, "KAFKA_USERNAME is required with KAFKA_SASL_MECHANISM"),
      password: z
        .string({ error: "KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM" })
        .min(1, "KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM"),
    })
    .optional(),
  /** TLS to the brokers (SASL_SSL with SASL), trusting the CA bundle in `caFile` when given. */
  kafkaTls: z
    .object({
      enabled: z
        .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], {
          error: "KAFKA_TLS must be true or false",
        })
        .default(false),
      caFile: z.string().min(1, "KAFKA_CA_FILE must be the path of a PEM CA bundle").optional(),
    })
    .prefault({}),
  /** Extra Kafka client options for Spark's source and sinks, `kafka.`-prefixed. */
  kafkaOptions: z.record(z.string(), z.string()).default({}),
  topics: z
    .object({
      logs: z.string().min(1).default(topicNames.logs),
      metrics: z.string().min(1).default(topicNames.metrics),
      alerts: z.string().min(1).default(topicNames.alerts),
      deadLetters: z.string().min(1).default(topicNames.deadLetters),
    })
    .prefault({}),
  /**
   * The format of the `logs` topic's records: one of the formats (JSON, what the producer writes,
   * by default), or "auto" to detect each record's from its first bytes, for a topic that mixes
   * formats; detection costs about a quarter more Spark CPU per event (docs/stream-job.md#log-formats).
   */
  logFormat: z
    .enum(LOG_FORMAT_SETTINGS, {
      error: `STREAM_JOB_LOG_FORMAT must be one of ${LOG_FORMAT_SETTINGS.join(", ")}`,
    })
    .default("json"),
  startingOffsets: z
    .enum(["earliest", "latest"], { error: "STREAM_JOB_STARTING_OFFSETS must be earliest or latest" })
    .default("earliest"),
  /** Caps each micro-batch so a backlog is worked off in bounded steps. */
  maxOffsetsPerTrigger: z
    .number({ error: "STREAM_JOB_MAX_OFFSETS_PER_TRIGGER must be a positive integer of records" })
    .int("STREAM_JOB_MAX_OFFSETS_PER_TRIGGER must be a positive integer of records")
    .positive("STREAM_JOB_MAX_OFFSETS_PER_TRIGGER must be a positive integer of records")
    .optional(),
  window: interval("window").default("1 minute"),
  watermark: interval("watermark").default("30 seconds"),
  /** Every query's trigger when set; otherwise each query's own (`triggers`, then `defaultTriggers`). */
  trigger: trigger("STREAM_JOB_TRIGGER").optional(),
  /** Per-query triggers, over `trigger`. */
  triggers: z
    .object({
      lake: trigger("STREAM_JOB_LAKE_TRIGGER").optional(),
      analytics: trigger("STREAM_JOB_ANALYTICS_TRIGGER").optional(),
      deadLetters: trigger("STREAM_JOB_DEAD_LETTER_TRIGGER", true).optional(),
    })
    .prefault({}),
  /**
   * "merged" (the default): one query writes metrics, alerts and dead letters (per-row topic);
   * "combined": one stateful query writes metrics and alerts, the dead letters another;
   * "separate": metrics and alerts a query each, as the job first ran. The last two are kept to
   * measure the difference (docs/stream-job.md).
   */
  topology: z
    .enum(["combined", "merged", "separate"], {
      error: "STREAM_JOB_TOPOLOGY must be combined, merged or separate",
    })
    .default("merged"),
  spark: sparkSettingsSchema,
  /**
   * At most this many records per task of the lake's batch (the Kafka source's
   * `maxRecordsPerPartition`), so a long batch frees a task slot for the other query sooner;
   * 0 (the default) reads each Kafka partition's range as one task. Each extra task cost about
   * 75 ms of Spark CPU (docs/stream-job.md), and their number grows with the rate.
   */
  lakeMaxRecordsPerTask: integerAtLeast(
    0,
    "STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK must be a whole number of records (0: one task per Kafka partition)",
  ).default(0),
  /**
   * The lake's Parquet dictionaries: "low-cardinality" leaves them out for the columns whose
   * values barely repeat (`queries/lake.ts`), "all" keeps Parquet's default, a dictionary per column.
   */
  lakeDictionary: z
    .enum(["low-cardinality", "all"], { error: "STREAM_JOB_LAKE_DICTIONARY must be low-cardinality or all" })
    .default("low-cardinality"),
  /** Where the clean events land as Parquet: a local path, file://, s3a:// or any Hadoop URI. */
  lakePath: z.string().min(1, "LAKE_PATH must name where the Parquet lake goes"),
  /** One folder per query under it: what makes restarts exactly-once. */
  checkpointPath: z.string().min(1, "CHECKPOINT_PATH must name where the query checkpoints go"),
  /** Session configuration set before the queries start, e.g. spark.hadoop.fs.s3a.* credentials. */
  sparkConf: z.record(z.string(), z.string()).default({}),
  alerting: z
    .object({
      /** A window with fewer HTTP requests than this raises nothing: too little evidence. */
      minRequests: z.number().int().positive().default(50),
      /** Error-rate alert above max(errorBudget × errorBudgetFactor, errorRateFloor). */
      errorBudgetFactor: z.number().positive().default(20),
      errorRateFloor: z.number().min(0).max(1).default(0.05),
      /** Latency alert when the window's p95 exceeds the SLO × this factor. */
      latencySloFactor: z.number().positive().default(1.5),
      /**
       * Anomaly alerts (`supervisor/anomaly-detector.ts`): a service's window against its own
       * recent windows. The Prometheus anomaly rules take their floors from these defaults
       * (infra/alert-rules.ts, docs/alerts.md).
       */
      anomaly: z
        .object({
          baselineWindows: z.number().int().positive().default(30),
          gapWindows: z.number().int().min(0).default(5),
          minWindows: z.number().int().positive().default(10),
          zScore: z.number().positive().default(3),
          errorRateStddevFloor: z.number().min(0).default(0.005),
          errorRateFloor: z.number().min(0).max(1).default(0.02),
          latencyStddevFloorMs: z.number().min(0).default(25),
        })
        .prefault({}),
    })
    .prefault({}),
  http: z
    .object({
      host: z.string().default("127.0.0.1"),
      port: z
        .number({ error: "METRICS_PORT must be a port number from 0 to 65535" })
        .int("METRICS_PORT must be a port number from 0 to 65535")
        .min(0, "METRICS_PORT must be a port number from 0 to 65535")
        .max(65535, "METRICS_PORT must be a port number from 0 to 65535")
        .default(9465),
    })
    .prefault({}),
  /** How often the supervisor reads each query's status and progress. */
  pollIntervalMs: z.number().int().positive().default(3_000),
  /**
   * A failed query's restart backoff starts again from its first step only once a run has stayed
   * up this long; longer than the backoff's cap (a minute), so a query that keeps failing soon
   * after it starts waits the cap between restarts.
   */
  backoffResetMs: z
    .number({ error: "STREAM_JOB_BACKOFF_RESET_MS must be a number of milliseconds, e.g. 120000" })
    .int("STREAM_JOB_BACKOFF_RESET_MS must be a whole number of milliseconds")
    .positive("STREAM_JOB_BACKOFF_RESET_MS must be positive, e.g. 120000 for two minutes")
    .default(120_000),
});

/** The job's Kafka security, for kafkajs and for Spark's Kafka options alike. */
export function kafkaSecurityOf(config: {
  kafkaSasl?: KafkaSecurity["sasl"];
  kafkaTls: { enabled: boolean; caFile?: string | undefined };
}): KafkaSecurity {
  return { sasl: config.kafkaSasl, tls: config.kafkaTls.enabled, caFile: config.kafkaTls.caFile };
}

export type StreamJobConfig = z.output<typeof streamJobConfigSchema>;
export type StreamJobOptions = z.input<typeof streamJobConfigSchema>;

export class StreamJobConfigError extends Error {
  override readonly name = "StreamJobConfigError";
}

/** Names a field by its path in the options: how a library caller wrote it. */
const pathName: OptionNamer = (path) => path.map(String).join(".") || "config";

/**
 * Validates options once, at the edge; the message names every bad field, by `nameOption`
 * (`stream-job run` names its flags and variables).
 */
export function parseStreamJobConfig(
  options: StreamJobOptions,
  nameOption: OptionNamer = pathName,
): StreamJobConfig {
  const result = streamJobConfigSchema
    .superRefine((config, context) => {
      const problem = kafkaSecurityProblem(kafkaSecurityOf(config));
      if (problem !== undefined) context.addIssue({ code: "custom", path: ["kafkaTls"], message: problem });
    })
    .safeParse(options);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `- ${nameOption(issue.path)}: ${issue.message}`);
  throw new StreamJobConfigError(`stream-job: invalid configuration\n${lines.join("\n")}`);
}

/**
 * The job's options from its flags and environment (see `streamJobOptionSpecs`; a flag wins).
 * A Spark Connect token (SPARK_CONNECT_TOKEN, a Secret in the cluster) joins the URL.
 */
export function streamJobOptionsFrom(
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): StreamJobOptions {
  const options = readOptions(streamJobOptionSpecs, flags, env);
  const token = env.SPARK_CONNECT_TOKEN;
  if (typeof options.sparkConnectUrl === "string" && token && !options.sparkConnectUrl.includes(";token="))
    options.sparkConnectUrl = `${options.sparkConnectUrl};token=${token}`;
  return options as StreamJobOptions;
}

/** The environment the stream job's Deployment sets (see infra/contract.ts). */
export function streamJobOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): StreamJobOptions {
  return streamJobOptionsFrom({}, env);
}
