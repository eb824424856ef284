import { describe, expect, it } from "vitest";
import { env } from "../../infra/contract.ts";
import {
  parseStreamJobConfig,
  StreamJobConfigError,
  streamJobOptionsFromEnv,
} from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";
import { lakeSourceOptions } from "../../workloads/stream-job/queries/lake.ts";
import { kafkaClientOptions } from "../../workloads/stream-job/queries/log-stream.ts";
import { triggerOf } from "../../workloads/stream-job/queries/trigger.ts";
import { jobSessionSettings } from "../../workloads/stream-job/spark-settings.ts";

const valid = {
  sparkConnectUrl: "sc://spark-connect:15002",
  kafkaBootstrap: "kafka-0:9092,kafka-1:9092",
  lakePath: "s3a://lake/events",
  checkpointPath: "s3a://lake/checkpoints",
};

function errorOf(options: Record<string, unknown>): string {
  try {
    parseStreamJobConfig(options as Parameters<typeof parseStreamJobConfig>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(StreamJobConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the config to be rejected");
}

describe("stream job config", () => {
  it("fills the documented defaults", () => {
    const config = parseStreamJobConfig(valid);
    expect(config).toMatchObject({
      topics: { logs: "logs", metrics: "log-metrics", alerts: "log-alerts", deadLetters: "log-dead-letters" },
      window: "1 minute",
      watermark: "30 seconds",
      startingOffsets: "earliest",
      http: { host: "127.0.0.1", port: 9465 },
      alerting: { minRequests: 50, errorBudgetFactor: 20, errorRateFloor: 0.05, latencySloFactor: 1.5 },
    });
  });

  it("names every bad field and what it accepts, in one message", () => {
    const message = errorOf({
      ...valid,
      sparkConnectUrl: "http://spark:15002",
      kafkaBootstrap: "kafka",
      window: "1 fortnight",
      maxOffsetsPerTrigger: -5,
    });
    expect(message).toContain('sparkConnectUrl: SPARK_CONNECT_URL must start with "sc://"');
    expect(message).toContain("kafkaBootstrap: KAFKA_BROKERS must be comma-separated host:port pairs");
    expect(message).toContain('window: window must be a Spark interval such as "30 seconds"');
    expect(message).toContain("maxOffsetsPerTrigger:");
  });

  it("requires the lake and checkpoint paths", () => {
    const { lakePath: _lake, checkpointPath: _checkpoints, ...rest } = valid;
    const message = errorOf(rest);
    expect(message).toMatch(/lakePath/);
    expect(message).toMatch(/checkpointPath/);
  });

  it("reads the Deployment's environment, appending the Spark Connect token and taking SASL credentials", () => {
    const config = parseStreamJobConfig(
      streamJobOptionsFromEnv({
        SPARK_CONNECT_URL: "sc://spark-connect:15002/",
        SPARK_CONNECT_TOKEN: "t0k",
        KAFKA_BROKERS: "kafka:9092",
        KAFKA_TOPIC: "app-logs",
        KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
        KAFKA_USERNAME: "stream-job",
        KAFKA_PASSWORD: 'p"a\\ss',
        LAKE_PATH: "/lake",
        CHECKPOINT_PATH: "/checkpoints",
        METRICS_PORT: "9999",
        STREAM_JOB_HTTP_HOST: "0.0.0.0",
      }),
    );
    expect(config.sparkConnectUrl).toBe("sc://spark-connect:15002/;token=t0k");
    expect(config.topics.logs).toBe("app-logs");
    expect(config.http).toEqual({ host: "0.0.0.0", port: 9999 });
    const options = kafkaClientOptions(config);
    expect(options["kafka.sasl.mechanism"]).toBe("SCRAM-SHA-512");
    // The password's quote and backslash are escaped inside the JAAS string, not ending it early.
    expect(options["kafka.sasl.jaas.config"]).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required username="stream-job" password="p\\"a\\\\ss";',
    );
  });

  it("rejects a SASL mechanism without its password", () => {
    const message = errorOf({
      ...valid,
      kafkaSasl: { mechanism: "SCRAM-SHA-512", username: "u", password: "" },
    });
    expect(message).toContain("KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM");
  });

  it("maps every variable the Deployment sets, by the names in infra/contract.ts", () => {
    const config = parseStreamJobConfig(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.kafkaTopic]: "t-logs",
        [env.kafkaMetricsTopic]: "t-metrics",
        [env.kafkaAlertsTopic]: "t-alerts",
        [env.kafkaDeadLetterTopic]: "t-dead",
        [env.lakePath]: "s3a://lake/events",
        [env.checkpointPath]: "s3a://lake/checkpoints",
        [env.metricsPort]: "9000",
        [env.streamJobHttpHost]: "0.0.0.0",
        STREAM_JOB_WINDOW: "5 minutes",
        STREAM_JOB_WATERMARK: "1 minute",
        STREAM_JOB_TRIGGER: "availableNow",
        STREAM_JOB_STARTING_OFFSETS: "latest",
        STREAM_JOB_MAX_OFFSETS_PER_TRIGGER: "50000",
      }),
    );
    expect(config).toMatchObject({
      sparkConnectUrl: "sc://spark-connect:15002",
      kafkaBootstrap: "kafka:9092",
      topics: { logs: "t-logs", metrics: "t-metrics", alerts: "t-alerts", deadLetters: "t-dead" },
      lakePath: "s3a://lake/events",
      checkpointPath: "s3a://lake/checkpoints",
      http: { host: "0.0.0.0", port: 9000 },
      window: "5 minutes",
      watermark: "1 minute",
      trigger: "availableNow",
      startingOffsets: "latest",
      maxOffsetsPerTrigger: 50_000,
    });
    expect(config.kafkaSasl).toBeUndefined();
  });

  it("leaves the URL alone without a token, and unset variables to the defaults", () => {
    const options = streamJobOptionsFromEnv({
      [env.sparkConnectUrl]: "sc://spark-connect:15002",
      [env.kafkaBrokers]: "kafka:9092",
      [env.lakePath]: "/lake",
      [env.checkpointPath]: "/checkpoints",
    });
    expect(parseStreamJobConfig(options)).toEqual(
      parseStreamJobConfig({
        sparkConnectUrl: "sc://spark-connect:15002",
        kafkaBootstrap: "kafka:9092",
        lakePath: "/lake",
        checkpointPath: "/checkpoints",
      }),
    );
  });

  it("names the missing variables when the environment lacks them", () => {
    const message = errorOf(streamJobOptionsFromEnv({}) as Record<string, unknown>);
    expect(message).toContain("SPARK_CONNECT_URL is required");
    expect(message).toContain("KAFKA_BROKERS is required");
  });

  it("names the SASL variable whose value is bad", () => {
    const message = errorOf(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        [env.kafkaSaslMechanism]: "scram",
        [env.kafkaUsername]: "stream-job",
        [env.kafkaPassword]: "secret",
      }) as Record<string, unknown>,
    );
    expect(message).toContain(
      "kafkaSasl.mechanism: KAFKA_SASL_MECHANISM must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (any case)",
    );
  });

  it("rejects a SASL mechanism from the environment without a password, naming the field", () => {
    const message = errorOf(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        [env.kafkaSaslMechanism]: "SCRAM-SHA-512",
        [env.kafkaUsername]: "stream-job",
      }) as Record<string, unknown>,
    );
    expect(message).toContain("kafkaSasl.password:");
  });

  it("owns its Spark settings, with defaults for 2 cores, each overridable from the environment", () => {
    expect(jobSessionSettings(parseStreamJobConfig(valid))).toEqual({
      "spark.sql.shuffle.partitions": "2",
      "spark.sql.streaming.stateStore.providerClass":
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
      "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": "true",
      "spark.sql.streaming.noDataMicroBatches.enabled": "false",
      "spark.sql.streaming.minBatchesToRetain": "20",
      "spark.sql.streaming.numRecentProgressUpdates": "20",
    });
    const config = parseStreamJobConfig(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        STREAM_JOB_SHUFFLE_PARTITIONS: "8",
        STREAM_JOB_STATE_STORE: "hdfs",
        STREAM_JOB_STATE_CHANGELOG: "false",
        STREAM_JOB_SKIP_EMPTY_BATCHES: "false",
        STREAM_JOB_ASYNC_PROGRESS: "false",
        STREAM_JOB_MIN_BATCHES_TO_RETAIN: "50",
        STREAM_JOB_PROGRESS_UPDATES_KEPT: "5",
      }),
    );
    expect(config.spark.asyncProgressTracking).toBe(false);
    expect(jobSessionSettings(config)).toEqual({
      "spark.sql.shuffle.partitions": "8",
      "spark.sql.streaming.stateStore.providerClass":
        "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",
      "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": "false",
      "spark.sql.streaming.noDataMicroBatches.enabled": "true",
      "spark.sql.streaming.minBatchesToRetain": "50",
      "spark.sql.streaming.numRecentProgressUpdates": "5",
    });
  });

  it("splits the lake's batches into tasks of at most STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK records, 0 (the default) turning it off", () => {
    const lakeEnv = (records: string) =>
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK: records,
      });
    expect(lakeSourceOptions(parseStreamJobConfig(valid))).toEqual({});
    expect(lakeSourceOptions(parseStreamJobConfig(lakeEnv("2000")))).toEqual({
      maxRecordsPerPartition: "2000",
    });
    expect(lakeSourceOptions(parseStreamJobConfig(lakeEnv("0")))).toEqual({});
    expect(errorOf(lakeEnv("-1") as Record<string, unknown>)).toContain(
      "lakeMaxRecordsPerTask: STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK must be a whole number of records",
    );
    expect(errorOf(lakeEnv("a few") as Record<string, unknown>)).toContain(
      "STREAM_JOB_LAKE_MAX_RECORDS_PER_TASK must be a whole number of records",
    );
  });

  it("names the variable of a bad Spark setting", () => {
    const message = errorOf(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        STREAM_JOB_SHUFFLE_PARTITIONS: "many",
        STREAM_JOB_STATE_STORE: "memory",
        STREAM_JOB_STATE_CHANGELOG: "yes",
        STREAM_JOB_MIN_BATCHES_TO_RETAIN: "1",
      }) as Record<string, unknown>,
    );
    expect(message).toContain(
      "spark.shufflePartitions: STREAM_JOB_SHUFFLE_PARTITIONS must be a positive integer",
    );
    expect(message).toContain("spark.stateStore: STREAM_JOB_STATE_STORE must be rocksdb or hdfs");
    expect(message).toContain("spark.stateChangelog:");
    expect(message).toContain(
      "spark.minBatchesToRetain: STREAM_JOB_MIN_BATCHES_TO_RETAIN must be an integer of at least 2",
    );
  });

  it("gives each query its own trigger, defaulting to the job's, and real-time mode only to the dead letters", () => {
    const config = parseStreamJobConfig(
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: "sc://spark-connect:15002",
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: "/lake",
        [env.checkpointPath]: "/checkpoints",
        STREAM_JOB_TRIGGER: "2 seconds",
        STREAM_JOB_ANALYTICS_TRIGGER: "500 milliseconds",
        STREAM_JOB_DEAD_LETTER_TRIGGER: "real-time 5 seconds",
      }),
    );
    const unset = parseStreamJobConfig(valid);
    expect([
      triggerOf(unset, "lake"),
      triggerOf(unset, "analytics"),
      triggerOf(unset, "deadLetters"),
    ]).toEqual([
      { processingTime: "10 seconds" },
      { processingTime: "1 second" },
      { processingTime: "1 second" },
    ]);
    expect(triggerOf(config, "lake")).toEqual({ processingTime: "2 seconds" });
    expect(triggerOf(config, "analytics")).toEqual({ processingTime: "500 milliseconds" });
    expect(triggerOf(config, "deadLetters")).toEqual({ realTime: "5 seconds" });
    expect(errorOf({ ...valid, triggers: { analytics: "real-time 5 seconds" } })).toContain(
      "triggers.analytics: STREAM_JOB_ANALYTICS_TRIGGER must be",
    );
    expect(errorOf({ ...valid, triggers: { deadLetters: "real-time soon" } })).toContain(
      'STREAM_JOB_DEAD_LETTER_TRIGGER must be "availableNow", "once", "real-time <interval>" or a Spark interval',
    );
  });

  it("runs metrics and alerts from one query when combined, with the dead letters when merged, from a query each when separate", () => {
    const names = (topology: string) =>
      streamJobQueries(
        parseStreamJobConfig({ ...valid, topology } as Parameters<typeof parseStreamJobConfig>[0]),
      ).map((query) => query.name);
    expect(names("combined")).toEqual(["lake", "dead-letters", "analytics"]);
    expect(names("merged")).toEqual(["lake", "analytics-with-dead-letters"]);
    expect(names("separate")).toEqual(["lake", "dead-letters", "window-metrics", "alerts"]);
    expect(errorOf({ ...valid, topology: "fused" })).toContain(
      "STREAM_JOB_TOPOLOGY must be combined, merged or separate",
    );
  });
});

describe("the log format setting", () => {
  it("reads JSON by default, takes a format or auto from STREAM_JOB_LOG_FORMAT, and names the variable of a bad one", () => {
    expect(parseStreamJobConfig(valid).logFormat).toBe("json");
    const fromEnv = (value: string) =>
      streamJobOptionsFromEnv({
        [env.sparkConnectUrl]: valid.sparkConnectUrl,
        [env.kafkaBrokers]: "kafka:9092",
        [env.lakePath]: valid.lakePath,
        [env.checkpointPath]: valid.checkpointPath,
        STREAM_JOB_LOG_FORMAT: value,
      });
    expect(parseStreamJobConfig(fromEnv("syslog-rfc3164")).logFormat).toBe("syslog-rfc3164");
    expect(parseStreamJobConfig(fromEnv("auto")).logFormat).toBe("auto");
    expect(errorOf(fromEnv("xml") as Record<string, unknown>)).toContain(
      "logFormat: STREAM_JOB_LOG_FORMAT must be one of auto, json, syslog, syslog-rfc3164, logfmt, apache",
    );
  });
});

describe("stream job config errors name the environment variable to fix", () => {
  it("a SASL mechanism without a password names KAFKA_PASSWORD", () => {
    const message = errorOf({ ...valid, kafkaSasl: { mechanism: "SCRAM-SHA-512", username: "stream-job" } });
    expect(message).toContain("kafkaSasl.password: KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM");
    expect(message).not.toMatch(/expected string/);
  });

  it("METRICS_PORT=abc names METRICS_PORT, not NaN", () => {
    const message = errorOf(
      streamJobOptionsFromEnv({
        SPARK_CONNECT_URL: valid.sparkConnectUrl,
        KAFKA_BROKERS: valid.kafkaBootstrap,
        LAKE_PATH: valid.lakePath,
        CHECKPOINT_PATH: valid.checkpointPath,
        METRICS_PORT: "abc",
      }) as Record<string, unknown>,
    );
    expect(message).toContain("http.port: METRICS_PORT must be a port number from 0 to 65535");
    expect(message).not.toMatch(/NaN/);
  });

  it.each([
    ["sc://spark-connect:notaport", /port/],
    ["sc://spark-connect:15002/extra", /unexpected path/],
    ["sc://spark-connect:15002;token=x", /parameters must follow/],
  ])("a malformed SPARK_CONNECT_URL (%s) fails at start, naming the variable", (url, problem) => {
    const message = errorOf({ ...valid, sparkConnectUrl: url });
    expect(message).toMatch(/sparkConnectUrl: SPARK_CONNECT_URL: Invalid Spark Connect URL/);
    expect(message).toMatch(problem);
  });
});
