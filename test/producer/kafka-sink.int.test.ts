import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { describe, expect, inject, it } from "vitest";
import "../integration/provided-context.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { connectKafkaSink } from "../../workloads/producer/kafka-sink.ts";
import type { SinkRecord } from "../../workloads/producer/sink.ts";
import { consumeTopic, countRecords } from "./consume-topic.ts";

describe("the Kafka sink", () => {
  it("rejects a send with a record too large for the broker, names why, and keeps producing", async () => {
    const bootstrap = inject("kafkaBootstrap");
    const topic = `producer-sink-${randomUUID().slice(0, 8)}`;
    const sink = await connectKafkaSink({
      brokers: [bootstrap],
      clientId: "sink-test",
      topic,
      createTopic: true,
      partitions: 6,
      replicationFactor: 1,
      compression: "none",
      producers: 2,
      connectTimeoutMs: 30_000,
      logger: pino({ level: "silent" }),
    });
    const generator = createLogGenerator({ seed: 4 });
    const batch = (count: number): SinkRecord[] =>
      generator.batch(count).map((event) => ({ key: event.service, value: JSON.stringify(event) }));
    const first = batch(500);
    // Over the 1 MB a record may have: refused, and the send with it rejected.
    const oversized = batch(200);
    oversized.splice(100, 0, { key: "huge", value: "x".repeat(1_100_000) });
    const last = batch(1000);
    try {
      await sink.send(first);
      await expect(sink.send(oversized)).rejects.toThrow(/records of a send were not stored: .*too large/i);
      await sink.send(last);
    } finally {
      await sink.close();
    }
    const stored = await countRecords(bootstrap, topic);
    const records = await consumeTopic(bootstrap, topic, stored);
    const idsOf = (sent: SinkRecord[]) =>
      sent
        .filter((record) => record.key !== "huge")
        .map((record) => JSON.parse(record.value as string).trace_id as string);
    const storedIds = new Set(
      records.map((record) => JSON.parse(record.value?.toString() ?? "").trace_id as string),
    );
    expect(idsOf(first).filter((id) => !storedIds.has(id))).toEqual([]);
    expect(idsOf(last).filter((id) => !storedIds.has(id))).toEqual([]);
  });

  it("keeps each key's records in the order they were sent, across producers and overlapping sends", async () => {
    const bootstrap = inject("kafkaBootstrap");
    const topic = `producer-shards-${randomUUID().slice(0, 8)}`;
    const sink = await connectKafkaSink({
      brokers: [bootstrap],
      clientId: "shards-test",
      topic,
      createTopic: true,
      partitions: 6,
      replicationFactor: 1,
      compression: "none",
      producers: 3,
      connectTimeoutMs: 30_000,
      logger: pino({ level: "silent" }),
    });
    const generator = createLogGenerator({ seed: 9 });
    const sentByKey = new Map<string, string[]>();
    const inFlight = new Set<Promise<void>>();
    try {
      for (let batch = 0; batch < 30; batch++) {
        const records = generator.batch(400).map((event) => {
          sentByKey.set(event.service, [...(sentByKey.get(event.service) ?? []), event.trace_id]);
          return { key: event.service, value: JSON.stringify(event) };
        });
        // As the produce loop does: the next batch goes out before the last one is acked.
        while (inFlight.size >= (sink.maxSendsInFlight ?? 1)) await Promise.race(inFlight);
        const sending = sink.send(records).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      await Promise.all(inFlight);
    } finally {
      await sink.close();
    }
    expect(sink.maxSendsInFlight).toBeGreaterThan(1);
    const records = await consumeTopic(bootstrap, topic, 30 * 400);
    records.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    const storedByKey = new Map<string, string[]>();
    for (const record of records) {
      const key = record.key ?? "";
      storedByKey.set(key, [
        ...(storedByKey.get(key) ?? []),
        JSON.parse(record.value?.toString() ?? "").trace_id as string,
      ]);
    }
    expect(storedByKey).toEqual(sentByKey);
    // Shard s owns partitions p with p mod 3 = s: the keys must have used more than one producer.
    const shardsUsed = new Set(records.map((record) => record.partition % 3));
    expect(shardsUsed.size).toBeGreaterThan(1);
  });
});
