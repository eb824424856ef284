/**
 * Every setting of the stream job that comes from outside: the environment its Deployment sets
 * (names in infra/contract.ts) and, for the ones worth overriding by hand, a `stream-job run`
 * flag. One table reads both and names a setting in errors as `--kafka-brokers (KAFKA_BROKERS)`.
 */
import { type OptionSpec, optionNamer } from "../command-line/options.ts";

const setting = (
  path: string,
  env: string,
  description: string,
  more: Partial<Pick<OptionSpec, "flags" | "numeric">> = {},
): OptionSpec => ({ env, description, paths: [path], ...more });

export const streamJobOptionSpecs: readonly OptionSpec[] = [
  setting("sparkConnectUrl", "SPARK_CONNECT_URL", "sc://host:port of the Spark Connect server", {
    flags: "--spark-connect-url <url>",
  }),
  setting("kafkaBootstrap", "KAFKA_BROKERS", "host:port,… of the Kafka bootstrap servers", {
    flags: "--kafka-brokers <list>",
  }),
  setting("kafkaTls.enabled", "KAFKA_TLS", "TLS to the brokers: true or false"),
  setting("kafkaTls.caFile", "KAFKA_CA_FILE", "PEM CA bundle to trust with TLS"),
  setting(
    "kafkaSasl.mechanism",
    "KAFKA_SASL_MECHANISM",
    "SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
  ),
  setting("kafkaSasl.username", "KAFKA_USERNAME", "SASL user name"),
  setting("kafkaSasl.password", "KAFKA_PASSWORD", "SASL password"),
  setting("topics.logs", "KAFKA_TOPIC", "the input topic"),
  setting("topics.metrics", "KAFKA_METRICS_TOPIC", "the window metrics topic"),
  setting("topics.alerts", "KAFKA_ALERTS_TOPIC", "the alerts topic"),
  setting("topics.deadLetters", "KAFKA_DEAD_LETTER_TOPIC", "the dead-letter topic"),
  setting("lakePath", "LAKE_PATH", "where the Parquet lake goes", { flags: "--lake-path <path>" }),
  setting("checkpointPath", "CHECKPOINT_PATH", "where the query checkpoints go", {
    flags: "--checkpoint-path <path>",
  }),
  setting("window", "STREAM_JOB_WINDOW", 'metrics window, e.g. "1 minute"', { flags: "--window <interval>" }),
  setting("watermark", "STREAM_JOB_WATERMARK", 'how late events may be, e.g. "30 seconds"', {
    flags: "--watermark <interval>",
  }),
  setting(
    "trigger",
    "STREAM_JOB_TRIGGER",
    'one trigger for every query, e.g. "5 seconds", "availableNow" or "once" (default: each query its own)',
    { flags: "--trigger <trigger>" },
  ),
  setting("triggers.lake", "STREAM_JOB_LAKE_TRIGGER", "the lake query's trigger"),
  setting("triggers.analytics", "STREAM_JOB_ANALYTICS_TRIGGER", "the analytics query's trigger"),
  setting("triggers.deadLetters", "STREAM_JOB_DEAD_LETTER_TRIGGER", "the dead-letter query's trigger"),
  setting(
    "topology",
    "STREAM_JOB_TOPOLOGY",
    "merged (lake + one Kafka query), combined (dead letters apart) or separate (a query per sink)",
  ),
  setting(
    "lakeMaxRecordsPerTask",
    "STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK",
    "records per task of the lake's batches (0: a task per Kafka partition)",
  ),
  setting(
    "lakeDictionary",
    "STREAM_JOB_LAKE_DICTIONARY",
    "the lake's Parquet dictionaries: low-cardinality (not for ids and times) or all",
  ),
  setting(
    "logFormat",
    "STREAM_JOB_LOG_FORMAT",
    "the logs topic's format: auto (detected per record), json, syslog, syslog-rfc3164, logfmt or apache",
    { flags: "--log-format <format>" },
  ),
  setting(
    "spark.shufflePartitions",
    "STREAM_JOB_SHUFFLE_PARTITIONS",
    "shuffle partitions (the cluster's cores)",
  ),
  setting("spark.stateStore", "STREAM_JOB_STATE_STORE", "rocksdb or hdfs"),
  setting("spark.stateChangelog", "STREAM_JOB_STATE_CHANGELOG", "RocksDB changelog checkpointing"),
  setting("spark.skipEmptyBatches", "STREAM_JOB_SKIP_EMPTY_BATCHES", "no batch without data"),
  setting("spark.asyncProgressTracking", "STREAM_JOB_ASYNC_PROGRESS", "async offset commits (dead letters)"),
  setting("spark.minBatchesToRetain", "STREAM_JOB_MIN_BATCHES_TO_RETAIN", "batches kept for recovery"),
  setting("spark.progressUpdatesKept", "STREAM_JOB_PROGRESS_UPDATES_KEPT", "progress reports kept per query"),
  setting(
    "startingOffsets",
    "STREAM_JOB_STARTING_OFFSETS",
    "where a new query starts reading: earliest or latest",
    {
      flags: "--starting-offsets <where>",
    },
  ),
  setting("maxOffsetsPerTrigger", "STREAM_JOB_MAX_OFFSETS_PER_TRIGGER", "cap on records per micro-batch", {
    flags: "--max-offsets-per-trigger <n>",
    numeric: true,
  }),
  setting(
    "backoffResetMs",
    "STREAM_JOB_BACKOFF_RESET_MS",
    "ms a restarted query must run to reset its backoff",
    {
      numeric: true,
    },
  ),
  setting("http.host", "STREAM_JOB_HTTP_HOST", "interface for /metrics and the probes", {
    flags: "--http-host <host>",
  }),
  setting("http.port", "METRICS_PORT", "port for /metrics and the probes", {
    flags: "--http-port <port>",
    numeric: true,
  }),
];

/** Names a setting of `stream-job run` by its flag and variable. */
export const streamJobOptionName = optionNamer(streamJobOptionSpecs);
