import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { type LocalRuntime, startLocalRuntime } from "../../workloads/local-servers/index.ts";
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
import { dataRoot, type LakeVariant, lakeVariants } from "./lake-variants.ts";

const asRecords = (events: LogEvent[]) =>
  events.map((event) => ({ key: event.service, value: Buffer.from(JSON.stringify(event)) }));

/** One job per lake variant, each with its own topics, data and traffic, on the crashing server. */
interface CrashedJob {
  lake: LakeVariant;
  topics: ReturnType<typeof testTopics>;
  data: ReturnType<typeof dataRoot>;
  before: LogEvent[];
  after: LogEvent[];
  job?: StreamJobHandle;
}

// Kills the Spark Connect server (SIGKILL) under running jobs, so this test has a server of its
// own (with an object store beside it for the S3 lake); the run's shared broker carries the data.
// One job per lake runs on that server side by side, so a single crash and restart tests both.
describe("the stream job when its Spark Connect server crashes", () => {
  const bootstrap = inject("kafkaBootstrap");
  const kafka = testKafka(bootstrap);
  const runDir = join(inject("runtimeDir"), `stream-job-crash-${randomUUID().slice(0, 8)}`);
  let runtime: LocalRuntime | undefined;
  let sparkConnectUrl = "";
  const jobs: CrashedJob[] = [];

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      kafka: false,
      spark: true,
      objectStore: true,
      runDir: join(runDir, "servers"),
      sparkHeap: "1g",
    });
    const server = runtime.spark;
    if (!server || !runtime.sparkConnectUrl) throw new Error("the test's Spark Connect server did not start");
    sparkConnectUrl = runtime.sparkConnectUrl;
    const generator = createLogGenerator({ seed: 21, startTime: "2026-04-01T08:00:00.000Z", rate: 50 });
    for (const lake of lakeVariants) {
      const topics = testTopics(`crash-${lake}`);
      const data = dataRoot(lake, runDir, runtime.pipelineData);
      jobs.push({ lake, topics, data, before: generator.batch(4_000), after: generator.batch(4_000) });
    }
    for (const crashed of jobs) {
      await createTopics(kafka, crashed.topics);
      await produceRecords(kafka, crashed.topics.logs, asRecords(crashed.before));
      crashed.job = await runStreamJob(
        {
          sparkConnectUrl,
          kafkaBootstrap: bootstrap,
          topics: crashed.topics,
          lakePath: crashed.data.lake,
          checkpointPath: crashed.data.checkpoints,
          trigger: "1 second",
          pollIntervalMs: 500,
          http: { port: 0 },
        },
        pino({ level: "silent" }),
      );
    }
    const queriesOf = () => jobs.flatMap((crashed) => crashed.job?.supervisor.status().queries ?? []);
    // Crash only once every query has committed work, so there is a checkpoint to resume from.
    await vi.waitFor(
      () =>
        expect(
          queriesOf().every((query) => (query.lastProgress?.batchId ?? -1) >= 1),
          "every query of both jobs has committed a batch",
        ).toBe(true),
      { timeout: 240_000, interval: 500 },
    );
    const runIdsBefore = queriesOf().map((query) => query.runId);

    await server.jvm?.kill();
    await vi.waitFor(
      () =>
        expect(
          jobs.some((crashed) => crashed.job?.supervisor.status().connected),
          "a job still reports the killed server connected",
        ).toBe(false),
      { timeout: 60_000, interval: 250 },
    );
    for (const crashed of jobs) await produceRecords(kafka, crashed.topics.logs, asRecords(crashed.after));
    await server.start();

    await vi.waitFor(
      () =>
        expect(
          queriesOf().every(
            (query, i) =>
              query.state === "active" &&
              query.runId !== runIdsBefore[i] &&
              query.lagRecords === 0 &&
              query.lastProgress !== undefined,
          ),
          "every query of both jobs runs again (new run id) and has caught up",
        ).toBe(true),
      { timeout: 300_000, interval: 1_000 },
    );
    await Promise.all(jobs.map((crashed) => crashed.job?.stop()));
  }, 600_000);

  afterAll(async () => {
    await Promise.all(jobs.map((crashed) => crashed.job?.stop()));
    await runtime?.stop();
  });

  it.for(lakeVariants)(
    "reconnects when the server is back, resumes from the checkpoints, and keeps every sink exact (lake: %s)",
    async (lake) => {
      const crashed = jobs.find((candidate) => candidate.lake === lake);
      if (!crashed) throw new Error(`no job ran with the lake on ${lake}`);
      const session = await SparkSession.builder().remote(sparkConnectUrl).getOrCreate();
      try {
        const ids = (
          await session.read
            .parquet(crashed.data.events)
            .selectExpr("concat(trace_id, '/', span_id) AS id")
            .collect()
        ).map((row) => row.id as string);
        const expectedIds = [...crashed.before, ...crashed.after].map(
          (event) => `${event.trace_id}/${event.span_id}`,
        );
        expect(ids).toHaveLength(expectedIds.length);
        expect(ids.sort()).toEqual(expectedIds.sort());
      } finally {
        await session.stop();
      }

      const metrics = latestByKey(await readTopic(kafka, crashed.topics.metrics), "metrics");
      const expected = expectedWindowMetrics([...crashed.before, ...crashed.after]);
      expect([...metrics.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, want] of expected) {
        expect({ key, events: metrics.get(key)?.events, errors: metrics.get(key)?.server_errors }).toEqual({
          key,
          events: want.events,
          errors: want.server_errors,
        });
      }
    },
  );
});
