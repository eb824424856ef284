import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createLogGenerator, type LogEvent } from "../../workloads/producer/index.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { deadLetterPrefixBytes } from "../../workloads/stream-job/queries/dead-letters.ts";
import { runStreamJob, type StreamJobHandle } from "../../workloads/stream-job/run-stream-job.ts";
import "../integration/provided-context.ts";
import { expectedWindowMetrics } from "./expected-metrics.ts";
import {
  createTopics,
  type KafkaRecord,
  latestByKey,
  produceRecords,
  readTopic,
  testKafka,
  testTopics,
} from "./kafka-fixtures.ts";

/** Broker and topics keep Kafka's default limit: a record batch of at most 1,048,588 bytes. */
const topicMessageLimit = 1_048_588;

// Records as large as the topic accepts, which the job cannot parse: each must become a bounded
// dead letter while the queries keep running on a processing-time trigger and lose nothing else.
describe("the stream job on poison records", () => {
  const bootstrap = inject("kafkaBootstrap");
  const sparkConnectUrl = inject("sparkConnectUrl");
  const kafka = testKafka(bootstrap);
  const topics = testTopics("poison");
  const runDir = join(inject("runtimeDir"), `stream-job-poison-${randomUUID().slice(0, 8)}`);
  let job: StreamJobHandle | undefined;

  afterAll(async () => {
    await job?.stop();
  });

  it("turns a ~900 KB invalid record and a ~1 MB record of control bytes into bounded dead letters, staying up", async () => {
    const generator = createLogGenerator({ seed: 31, startTime: "2026-05-01T09:00:00.000Z", rate: 50 });
    const before = generator.batch(1_500);
    const after = generator.batch(1_500);
    const invalidJson = Buffer.from(`{"message":"${"x".repeat(900_000)}`);
    const controlBytes = Buffer.alloc(1_000_000, 0);
    for (let i = 0; i < controlBytes.length; i++) controlBytes[i] = i % 32;
    const asRecords = (events: LogEvent[]): KafkaRecord[] =>
      events.map((event) => ({ key: event.service, value: Buffer.from(JSON.stringify(event)) }));

    await createTopics(kafka, topics);
    job = await runStreamJob(
      {
        sparkConnectUrl,
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
    await produceRecords(kafka, topics.logs, asRecords(before));
    // Each poison record alone: a batch holding it and anything else would pass the topic's limit.
    for (const value of [invalidJson, controlBytes]) {
      expect(value.length).toBeLessThan(topicMessageLimit - 100);
      await produceRecords(kafka, topics.logs, [{ key: "poison", value }]);
    }
    await produceRecords(kafka, topics.logs, asRecords(after));

    await expect
      .poll(
        () =>
          supervisor.status().queries.every((query) => query.state === "active" && query.lagRecords === 0),
        { timeout: 240_000, interval: 1_000 },
      )
      .toBe(true);
    expect(supervisor.status().queries.map((query) => [query.name, query.restarts])).toEqual([
      ["lake", 0],
      ["analytics-with-dead-letters", 0],
    ]);

    const deadLetterRecords = await readTopic(kafka, topics.deadLetters);
    const letters = [...latestByKey(deadLetterRecords, "deadLetters").values()];
    expect(letters).toHaveLength(2);
    for (const poison of [invalidJson, controlBytes]) {
      const sha256 = createHash("sha256").update(poison).digest("hex");
      const letter = letters.find((candidate) => candidate.raw_sha256 === sha256);
      expect(letter, `dead letter of the ${poison.length}-byte record`).toBeDefined();
      expect(letter).toMatchObject({
        raw_bytes: poison.length,
        raw_truncated: true,
        reason: expect.stringMatching(/not UTF-8 JSON/),
      });
      expect(Buffer.from(letter?.raw_base64 ?? "", "base64")).toEqual(
        poison.subarray(0, deadLetterPrefixBytes),
      );
    }
    for (const record of deadLetterRecords)
      expect(record.value?.length ?? 0).toBeLessThan(8 * deadLetterPrefixBytes);

    // Nothing else lost: every valid event counted in the metrics and written to the lake.
    const metrics = latestByKey(await readTopic(kafka, topics.metrics), "metrics");
    const expected = expectedWindowMetrics([...before, ...after]);
    expect(new Map([...metrics].map(([key, metric]) => [key, metric.events]))).toEqual(
      new Map([...expected].map(([key, want]) => [key, want.events])),
    );
    const session = await SparkSession.builder().remote(sparkConnectUrl).getOrCreate();
    try {
      expect(await session.read.parquet(join(runDir, "lake", "events")).count()).toBe(
        before.length + after.length,
      );
    } finally {
      await session.stop();
    }
  }, 420_000);
});
