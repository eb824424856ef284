import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  col,
  functions as F,
  SparkSession,
  type StreamingQuery,
  StreamingQueryException,
  type StreamingQueryProgress,
} from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
// The client owns its queries' settings; Spark's 200 state partitions would make each batch slow here.
await spark.conf.set("spark.sql.shuffle.partitions", "2");
const kafka = new Kafka({ brokers: [inject("kafkaBootstrap")], logLevel: logLevel.NOTHING });
const producer = kafka.producer();
await producer.connect();
const scratch = `${inject("runtimeDir")}/spark-connect-streaming-${Date.now()}`;
afterAll(async () => {
  for (const query of await spark.streams.active()) await query.stop();
  await producer.disconnect();
  await spark.stop();
});

async function createTopic(topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

async function send(topic: string, from: number, to: number): Promise<void> {
  const messages = [];
  for (let i = from; i < to; i++) {
    messages.push({
      key: `svc-${i % 3}`,
      value: JSON.stringify({ id: i, service: `svc-${i % 3}`, latency: i * 2 }),
    });
  }
  await producer.send({ topic, messages });
}

/** Polls the query's progress until a batch satisfies `ready`: the signal is the server's own progress. */
async function progressWhere(
  query: StreamingQuery,
  ready: (p: StreamingQueryProgress) => boolean,
): Promise<StreamingQueryProgress> {
  for (;;) {
    const found = (await query.recentProgress()).find(ready);
    if (found) return found;
    const terminated = await query.awaitTermination(500);
    if (terminated) throw new Error(`query ${query.name} ended before the expected progress`);
  }
}

const kafkaValueSchema = "id BIGINT, service STRING, latency INT";

function parsedKafka(topic: string) {
  return spark.readStream
    .format("kafka")
    .option("kafka.bootstrap.servers", inject("kafkaBootstrap"))
    .option("subscribe", topic)
    .option("startingOffsets", "earliest")
    .load()
    .select(F.from_json(col("value").cast("string"), kafkaValueSchema).alias("e"), col("timestamp"))
    .select("e.*", "timestamp");
}

describe("Structured Streaming", () => {
  it("runs a rate source into a memory sink with populated progress, then stops", async () => {
    const query = await spark.readStream
      .format("rate")
      .option("rowsPerSecond", 20)
      .load()
      .withWatermark("timestamp", "2 seconds")
      .groupBy(F.window("timestamp", "1 second"))
      .agg(F.count("*").alias("n"))
      .writeStream.format("memory")
      .queryName("rate_counts")
      .outputMode("update")
      .option("checkpointLocation", `${scratch}/rate`)
      .trigger({ processingTime: "500 milliseconds" })
      .start();
    expect(query.name).toBe("rate_counts");
    expect((await spark.streams.active()).map((q) => q.id)).toContain(query.id);
    expect((await spark.streams.get(query.id))?.runId).toBe(query.runId);

    const progress = await progressWhere(query, (p) => p.numInputRows > 0 && p.stateOperators.length > 0);
    expect(progress).toMatchObject({ id: query.id, runId: query.runId, name: "rate_counts" });
    expect(progress.durationMs.triggerExecution).toBeGreaterThanOrEqual(0);
    expect(progress.sources[0]?.description).toMatch(/Rate/i);
    expect(progress.sources[0]?.endOffset).not.toBeNull();
    expect(progress.stateOperators[0]?.numRowsTotal).toBeGreaterThan(0);
    expect((await query.status()).isActive).toBe(true);
    expect(await query.lastProgress()).toBeDefined();
    expect(await query.explainString()).toContain("StateStoreSave");

    await query.stop();
    expect(await query.awaitTermination()).toBe(true);
    expect(await query.exception()).toBeUndefined();
    expect((await spark.streams.active()).map((q) => q.id)).not.toContain(query.id);
  });

  it("reads Kafka into Parquet and continues from its checkpoint after a restart", async () => {
    const topic = `sc-logs-${Date.now()}`;
    await createTopic(topic);
    await send(topic, 0, 50);
    const run = async () => {
      const query = await parsedKafka(topic)
        .writeStream.format("parquet")
        .option("checkpointLocation", `${scratch}/kafka-lake-ckpt`)
        .partitionBy("service")
        .trigger({ availableNow: true })
        .start(`${scratch}/kafka-lake`);
      expect(await query.awaitTermination()).toBe(true);
      return query;
    };
    const first = await run();
    const lake = () => spark.read.parquet(`${scratch}/kafka-lake`);
    expect(await lake().count()).toBe(50);

    await send(topic, 50, 80);
    const second = await run();
    expect(second.id).toBe(first.id);
    expect(second.runId).not.toBe(first.runId);
    const ids = (await lake().select("id").orderBy("id").collect({ int64: "number" })).map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 80 }, (_, i) => i));
  });

  it("writes windowed aggregates to a Kafka sink", async () => {
    const input = `sc-in-${Date.now()}`;
    const output = `sc-out-${Date.now()}`;
    await createTopic(input);
    await createTopic(output);
    await send(input, 0, 30);
    const query = await parsedKafka(input)
      .groupBy("service")
      .agg(F.count("*").alias("n"), F.max("latency").alias("max_latency"))
      .select(col("service").alias("key"), F.to_json(F.struct("service", "n", "max_latency")).alias("value"))
      .writeStream.format("kafka")
      .option("kafka.bootstrap.servers", inject("kafkaBootstrap"))
      .option("topic", output)
      .option("checkpointLocation", `${scratch}/kafka-sink`)
      .outputMode("complete")
      .trigger({ availableNow: true })
      .start();
    expect(await query.awaitTermination()).toBe(true);
    const written = await spark.read
      .format("kafka")
      .option("kafka.bootstrap.servers", inject("kafkaBootstrap"))
      .option("subscribe", output)
      .load()
      .select(
        F.from_json(col("value").cast("string"), "service STRING, n BIGINT, max_latency INT").alias("v"),
      )
      .select("v.*")
      .orderBy("service")
      .collect({ int64: "number" });
    expect(written).toEqual([
      { service: "svc-0", n: 10, max_latency: 54 },
      { service: "svc-1", n: 10, max_latency: 56 },
      { service: "svc-2", n: 10, max_latency: 58 },
    ]);
  });

  it("runs a stateless Kafka-to-Kafka query in real-time mode, passing records through while its batch is open", async () => {
    const input = `sc-rt-in-${Date.now()}`;
    const output = `sc-rt-out-${Date.now()}`;
    await createTopic(input);
    await createTopic(output);
    await send(input, 0, 10);
    const query = await parsedKafka(input)
      .select(col("service").alias("key"), F.to_json(F.struct("id", "service")).alias("value"))
      .writeStream.format("kafka")
      .option("kafka.bootstrap.servers", inject("kafkaBootstrap"))
      .option("topic", output)
      .option("checkpointLocation", `${scratch}/real-time`)
      .outputMode("update")
      .trigger({ realTime: "5 seconds" })
      .start();
    const seen = new Set<number>();
    const consumer = kafka.consumer({ groupId: `sc-rt-${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: output, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.add((JSON.parse(String(message.value)) as { id: number }).id);
      },
    });
    try {
      await expect.poll(() => seen.size, { timeout: 120_000, interval: 200 }).toBe(10);
      // Records sent while the query runs reach the sink too: the long-running batch reads on.
      await send(input, 10, 20);
      await expect.poll(() => seen.size, { timeout: 60_000, interval: 200 }).toBe(20);
      expect((await query.status()).isActive).toBe(true);
      expect(await query.exception()).toBeUndefined();
    } finally {
      await consumer.disconnect();
      await query.stop();
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("rejects real-time mode for a stateful query, naming the rule", async () => {
    const input = `sc-rt-agg-${Date.now()}`;
    await createTopic(input);
    const start = () =>
      parsedKafka(input)
        .groupBy("service")
        .agg(F.count("*").alias("n"))
        .select(col("service").alias("key"), F.to_json(F.struct("service", "n")).alias("value"))
        .writeStream.format("kafka")
        .option("kafka.bootstrap.servers", inject("kafkaBootstrap"))
        .option("topic", input)
        .option("checkpointLocation", `${scratch}/real-time-agg`)
        .outputMode("update")
        .trigger({ realTime: "5 seconds" })
        .start();
    let failure: unknown;
    try {
      const query = await start();
      failure = await query.awaitTermination().then(
        () => undefined,
        (error: unknown) => error,
      );
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).toMatch(/real[- ]?time/i);
    await spark.streams.resetTerminated();
  });

  it("deduplicates within the watermark", async () => {
    const query = await spark.readStream
      .format("rate")
      .option("rowsPerSecond", 20)
      .load()
      .withColumn("key", col("value").mod(5))
      .withWatermark("timestamp", "10 seconds")
      .dropDuplicatesWithinWatermark(["key"])
      .writeStream.format("memory")
      .queryName("dedup_keys")
      .trigger({ processingTime: "1 second" })
      .start();
    await progressWhere(query, (p) => p.numInputRows > 10);
    await query.stop();
    const keys = (await spark.table("dedup_keys").collect({ int64: "number" })).map((r) => r.key as number);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("surfaces a failed query as a StreamingQueryException from awaitTermination and exception()", async () => {
    const query = await spark.readStream
      .format("rate")
      .load()
      .select(F.callFunction("raise_error", F.lit("boom in the stream")).alias("x"))
      .writeStream.format("memory")
      .queryName("failing")
      .start();
    await expect(query.awaitTermination()).rejects.toBeInstanceOf(StreamingQueryException);
    const exception = await query.exception();
    expect(exception).toBeInstanceOf(StreamingQueryException);
    expect(exception?.message).toContain("boom in the stream");
    await spark.streams.resetTerminated();
  });
});
