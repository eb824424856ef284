import { describe, expect, it } from "vitest";
import { parseStreamJobConfig, streamJobOptionsFromEnv } from "../../workloads/stream-job/config.ts";
import { restartDelayMs } from "../../workloads/stream-job/supervisor/backoff.ts";

describe("restartDelayMs", () => {
  it("doubles from one second and stops at a minute", () => {
    expect([0, 1, 2, 3, 5, 6, 7, 30].map((attempt) => restartDelayMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("treats a negative attempt as the first and honours its own base and cap", () => {
    expect(restartDelayMs(-3)).toBe(1_000);
    expect([0, 1, 2, 3].map((attempt) => restartDelayMs(attempt, 100, 500))).toEqual([100, 200, 400, 500]);
  });
});

describe("the backoff reset setting", () => {
  const required = {
    sparkConnectUrl: "sc://spark-connect:15002",
    kafkaBootstrap: "kafka:9092",
    lakePath: "/lake",
    checkpointPath: "/checkpoints",
  };

  it("defaults to two minutes, past the backoff's one-minute cap", () => {
    const { backoffResetMs } = parseStreamJobConfig(required);
    expect(backoffResetMs).toBe(120_000);
    expect(backoffResetMs).toBeGreaterThan(restartDelayMs(Number.MAX_SAFE_INTEGER));
  });

  it("comes from STREAM_JOB_BACKOFF_RESET_MS", () => {
    const config = parseStreamJobConfig({
      ...streamJobOptionsFromEnv({
        SPARK_CONNECT_URL: required.sparkConnectUrl,
        KAFKA_BROKERS: required.kafkaBootstrap,
        LAKE_PATH: required.lakePath,
        CHECKPOINT_PATH: required.checkpointPath,
        STREAM_JOB_BACKOFF_RESET_MS: "300000",
      }),
    });
    expect(config.backoffResetMs).toBe(300_000);
  });

  it("rejects a value that is not a positive number of milliseconds, naming the variable", () => {
    for (const bad of ["two minutes", "-1", "0"]) {
      expect(() =>
        parseStreamJobConfig(
          streamJobOptionsFromEnv({
            SPARK_CONNECT_URL: required.sparkConnectUrl,
            KAFKA_BROKERS: required.kafkaBootstrap,
            LAKE_PATH: required.lakePath,
            CHECKPOINT_PATH: required.checkpointPath,
            STREAM_JOB_BACKOFF_RESET_MS: bad,
          }),
        ),
      ).toThrow(/backoffResetMs: STREAM_JOB_BACKOFF_RESET_MS must be/);
    }
  });
});
