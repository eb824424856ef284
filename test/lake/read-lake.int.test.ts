import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { CopyObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import { createLogGenerator, type LogEvent } from "../../workloads/producer/index.ts";
import { ensurePysparkClient } from "../../workloads/spark-connect/scripts/pyspark-client.ts";
import { runStreamJob } from "../../workloads/stream-job/run-stream-job.ts";
import "../integration/provided-context.ts";
import { createTopics, produceRecords, testKafka, testTopics } from "../stream-job/kafka-fixtures.ts";

const run = promisify(execFile);
const readLakeScript = join(import.meta.dirname, "..", "..", "workloads", "lake", "read_lake.py");

interface LakeSummary {
  files: number;
  rows: number;
  partitions: Record<string, number>;
}

// The lake as someone without Spark reads it: pyarrow (which the PySpark client's environment
// carries) through the project's reader, against the run's S3 store, on a lake the stream job
// wrote there.
describe("the lake on S3, read from outside Spark", () => {
  const bootstrap = inject("kafkaBootstrap");
  const store = inject("objectStore");
  const kafka = testKafka(bootstrap);
  const topics = testTopics("read-lake");
  const prefix = `read-lake-${randomUUID().slice(0, 8)}`;
  const bucket = new URL(inject("objectStoreLake")).host;
  const events = `${inject("objectStoreLake")}/${prefix}/lake/events`;
  const s3 = new S3Client({
    endpoint: store.endpoint,
    region: store.region,
    forcePathStyle: true,
    credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey },
  });
  let written: LogEvent[];
  let python: string;

  const readLake = async (...args: string[]) => {
    const { stdout } = await run(python, [readLakeScript, events, "--endpoint", store.endpoint, ...args], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: store.accessKeyId,
        AWS_SECRET_ACCESS_KEY: store.secretAccessKey,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  };

  beforeAll(async () => {
    written = createLogGenerator({ seed: 41, startTime: "2026-06-01T23:58:00.000Z", rate: 20 }).batch(3_000);
    await createTopics(kafka, topics);
    await produceRecords(
      kafka,
      topics.logs,
      written.map((event) => ({ key: event.service, value: Buffer.from(JSON.stringify(event)) })),
    );
    const job = await runStreamJob(
      {
        sparkConnectUrl: inject("sparkConnectUrl"),
        kafkaBootstrap: bootstrap,
        topics,
        lakePath: `${inject("objectStoreLake")}/${prefix}/lake`,
        checkpointPath: `${inject("objectStoreLake")}/${prefix}/checkpoints`,
        trigger: "availableNow",
        pollIntervalMs: 500,
        http: { port: 0 },
      },
      pino({ level: "warn" }),
    );
    await job.done;
    python = await ensurePysparkClient(readJvmVersions().spark);
  }, 600_000);

  afterAll(() => s3.destroy());

  it("gets every event the job wrote exactly once, by date and hour, ignoring a file no batch committed", async () => {
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/lake/events/` }),
    );
    const parquet = (listed.Contents ?? []).flatMap((object) =>
      object.Key?.endsWith(".parquet") ? [object.Key] : [],
    );
    expect(parquet.length).toBeGreaterThan(0);
    // What a batch that failed after writing a file leaves behind: a whole Parquet file of
    // events that the retried batch writes again, named by no entry of the metadata log.
    const committed = parquet[0] as string;
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        CopySource: `${bucket}/${committed}`,
        Key: committed.replace(/part-[^/]*$/, "part-99999-of-a-failed-batch.c000.snappy.parquet"),
      }),
    );

    const summary = JSON.parse(await readLake()) as LakeSummary;
    expect(summary.files).toBe(parquet.length);
    expect(summary.rows).toBe(written.length);
    // The traffic crosses midnight: two dates, each event under its own date and hour.
    const byHour = new Map<string, number>();
    for (const event of written) {
      const key = `${event.timestamp.slice(0, 10)}/${Number(event.timestamp.slice(11, 13))}`;
      byHour.set(key, (byHour.get(key) ?? 0) + 1);
    }
    expect(summary.partitions).toEqual(Object.fromEntries(byHour));

    const ids = (await readLake("--columns", "trace_id,span_id"))
      .trim()
      .split("\n")
      .map((line) => {
        const row = JSON.parse(line) as { trace_id: string; span_id: string };
        return `${row.trace_id}/${row.span_id}`;
      });
    expect(ids.sort()).toEqual(written.map((event) => `${event.trace_id}/${event.span_id}`).sort());
  });
});
