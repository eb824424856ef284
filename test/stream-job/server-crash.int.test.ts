import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type LocalRuntime, startLocalRuntime } from "../../workloads/local/index.ts";
import { createLogGenerator, type LogEvent } from "../../workloads/producer/index.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { runStreamJob, type StreamJobHandle } from "../../workloads/stream-job/run-stream-job.ts";
import "../integration/provided-context.ts";
import { expectedWindowMetrics } from "./expected-metrics.ts";
import {
  createTopics,
  latestByKey,
  produceRecords,
  readTopic,
  testKafka,
  testTopics,
} from "./kafka-fixtures.ts";

const asRecords = (events: LogEvent[]) =>
  events.map((event) => ({ key: event.service, value: Buffer.from(JSON.stringify(event)) }));

// Kills the Spark Connect server (SIGKILL) under a running job, so this test has a server of its
// own; the run's shared broker carries the data.
describe("the stream job when its Spark Connect server crashes", () => {
  const bootstrap = inject("kafkaBootstrap");
  const kafka = testKafka(bootstrap);
  const topics = testTopics("crash");
  const runDir = join(inject("runtimeDir"), `stream-job-crash-${randomUUID().slice(0, 8)}`);
  let spark: LocalRuntime | undefined;
  let job: StreamJobHandle | undefined;

  afterAll(async () => {
    await job?.stop();
    await spark?.stop();
  });

  it("reconnects when the server is back, resumes from the checkpoints, and keeps every sink exact", async () => {
    spark = await startLocalRuntime({
      kafka: false,
      spark: true,
      runDir: join(runDir, "server"),
      sparkHeap: "1g",
    });
    const server = spark.spark;
    if (!server || !spark.sparkConnectUrl) throw new Error("the test's Spark Connect server did not start");
    const generator = createLogGenerator({ seed: 21, startTime: "2026-04-01T08:00:00.000Z", rate: 50 });
    const before = generator.batch(4_000);
    const after = generator.batch(4_000);
    await createTopics(kafka, topics);
    await produceRecords(kafka, topics.logs, asRecords(before));

    job = await runStreamJob(
      {
        sparkConnectUrl: spark.sparkConnectUrl,
        kafkaBootstrap: bootstrap,
        topics,
        lakePath: join(runDir, "lake"),
        checkpointPath: join(runDir, "checkpoints"),
        trigger: "1 second",
        pollIntervalMs: 500,
        http: { port: 0 },
      },
      pino({ level: "silent" }),
    );
    const supervisor = job.supervisor;
    // Crash only once every query has committed work, so there is a checkpoint to resume from.
    await expect
      .poll(() => supervisor.status().queries.every((query) => (query.lastProgress?.batchId ?? -1) >= 1), {
        timeout: 180_000,
        interval: 500,
      })
      .toBe(true);
    const runIdsBefore = supervisor.status().queries.map((query) => query.runId);

    await server.jvm?.kill();
    await expect.poll(() => supervisor.status().connected, { timeout: 60_000, interval: 250 }).toBe(false);
    await produceRecords(kafka, topics.logs, asRecords(after));
    await server.start();

    await expect
      .poll(
        () =>
          supervisor
            .status()
            .queries.every(
              (query, i) =>
                query.state === "active" &&
                query.runId !== runIdsBefore[i] &&
                query.lagRecords === 0 &&
                query.lastProgress !== undefined,
            ),
        { timeout: 240_000, interval: 1_000 },
      )
      .toBe(true);
    await job.stop();

    const session = await SparkSession.builder().remote(spark.sparkConnectUrl).getOrCreate();
    try {
      const ids = (
        await session.read
          .parquet(join(runDir, "lake", "events"))
          .selectExpr("concat(trace_id, '/', span_id) AS id")
          .collect()
      ).map((row) => row.id as string);
      const expectedIds = [...before, ...after].map((event) => `${event.trace_id}/${event.span_id}`);
      expect(ids).toHaveLength(expectedIds.length);
      expect(ids.sort()).toEqual(expectedIds.sort());
    } finally {
      await session.stop();
    }

    const metrics = latestByKey(await readTopic(kafka, topics.metrics), "metrics");
    const expected = expectedWindowMetrics([...before, ...after]);
    expect([...metrics.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, want] of expected) {
      expect({ key, events: metrics.get(key)?.events, errors: metrics.get(key)?.server_errors }).toEqual({
        key,
        events: want.events,
        errors: want.server_errors,
      });
    }
  }, 480_000);
});
