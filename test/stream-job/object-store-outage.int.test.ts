import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type LocalRuntime, startLocalRuntime } from "../../workloads/local-servers/index.ts";
import { createLogGenerator, type LogEvent } from "../../workloads/producer/index.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { runStreamJob, type StreamJobHandle } from "../../workloads/stream-job/run-stream-job.ts";
import "../integration/provided-context.ts";
import { createTopics, produceRecords, testKafka, testTopics } from "./kafka-fixtures.ts";
import { dataRoot } from "./lake-variants.ts";

const asRecords = (events: LogEvent[]) =>
  events.map((event) => ({ key: event.service, value: Buffer.from(JSON.stringify(event)) }));

// Kills the object store (SIGKILL) under a running job whose lake and checkpoints live there, so
// this test has a store and a Spark server of its own; the run's shared broker carries the data.
describe("the stream job when the lake's object store goes away", () => {
  const bootstrap = inject("kafkaBootstrap");
  const kafka = testKafka(bootstrap);
  const topics = testTopics("store-outage");
  const runDir = join(inject("runtimeDir"), `stream-job-store-outage-${randomUUID().slice(0, 8)}`);
  let runtime: LocalRuntime | undefined;
  let job: StreamJobHandle | undefined;

  afterAll(async () => {
    await job?.stop();
    await runtime?.stop();
  });

  it("fails the lake query visibly, recovers when the store is back, and keeps the lake exact", async () => {
    runtime = await startLocalRuntime({
      kafka: false,
      spark: true,
      objectStore: true,
      runDir: join(runDir, "servers"),
      sparkHeap: "1g",
    });
    const store = runtime.objectStore;
    if (!store || !runtime.sparkConnectUrl) throw new Error("the test's servers did not start");
    const data = dataRoot("s3", runDir, runtime.pipelineData);
    const generator = createLogGenerator({ seed: 31, startTime: "2026-05-01T09:00:00.000Z", rate: 50 });
    const before = generator.batch(3_000);
    const during = generator.batch(3_000);
    await createTopics(kafka, topics);
    await produceRecords(kafka, topics.logs, asRecords(before));

    job = await runStreamJob(
      {
        sparkConnectUrl: runtime.sparkConnectUrl,
        kafkaBootstrap: bootstrap,
        topics,
        lakePath: data.lake,
        checkpointPath: data.checkpoints,
        trigger: "1 second",
        pollIntervalMs: 500,
        http: { port: 0 },
      },
      pino({ level: "silent" }),
    );
    const supervisor = job.supervisor;
    const lakeQuery = () => supervisor.status().queries.find((query) => query.name === "lake");
    await expect
      .poll(() => lakeQuery()?.lastProgress?.batchId ?? -1, { timeout: 180_000, interval: 500 })
      .toBeGreaterThanOrEqual(1);

    await store.kill();
    await produceRecords(kafka, topics.logs, asRecords(during));
    // The micro-batch that needs the store fails, and the supervisor says so.
    await expect
      .poll(() => lakeQuery()?.restarts ?? 0, { timeout: 180_000, interval: 500 })
      .toBeGreaterThan(0);
    expect(lakeQuery()?.lastError).toBeTruthy();
    expect(supervisor.status().connected).toBe(true);

    await store.start();
    await expect
      .poll(
        () => {
          const query = lakeQuery();
          return query?.state === "active" && query.lagRecords === 0 && query.lastProgress !== undefined;
        },
        { timeout: 240_000, interval: 1_000 },
      )
      .toBe(true);
    await job.stop();

    const session = await SparkSession.builder().remote(runtime.sparkConnectUrl).getOrCreate();
    try {
      const ids = (
        await session.read.parquet(data.events).selectExpr("concat(trace_id, '/', span_id) AS id").collect()
      ).map((row) => row.id as string);
      const expectedIds = [...before, ...during].map((event) => `${event.trace_id}/${event.span_id}`);
      expect(ids).toHaveLength(expectedIds.length);
      expect(ids.sort()).toEqual(expectedIds.sort());
    } finally {
      await session.stop();
    }
  }, 600_000);
});
