import { describe, expect, it } from "vitest";
import {
  parseStreamJobConfig,
  StreamJobConfigError,
  streamJobOptionsFromEnv,
} from "../../workloads/stream-job/config.ts";
import { kafkaClientOptions } from "../../workloads/stream-job/queries/log-stream.ts";

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
      trigger: "5 seconds",
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
});
