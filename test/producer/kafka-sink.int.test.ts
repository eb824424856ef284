import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { describe, expect, inject, it } from "vitest";
import "../integration/provided-context.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { connectKafkaSink } from "../../workloads/producer/kafka-sink.ts";
import type { SinkRecord } from "../../workloads/producer/sink.ts";
import { consumeTopic, countRecords } from "./consume-topic.ts";

describe("the Kafka sink", () => {
  it("keeps producing after a send that some partitions rejected", async () => {
    const bootstrap = inject("kafkaBootstrap");
    const topic = `producer-sink-${randomUUID().slice(0, 8)}`;
    const sink = await connectKafkaSink({
      brokers: [bootstrap],
      clientId: "sink-test",
      topic,
      partitions: 6,
      replicationFactor: 1,
      compression: "none",
      connectTimeoutMs: 30_000,
      logger: pino({ level: "silent" }),
    });
    const generator = createLogGenerator({ seed: 4 });
    const batch = (count: number): SinkRecord[] =>
      generator.batch(count).map((event) => ({ key: event.service, value: JSON.stringify(event) }));
    const last = batch(1000);
    try {
      await sink.send(batch(500));
      // About 3.5 MB keyed over six partitions: the busiest partitions pass the broker's 1 MiB
      // limit and are rejected, the others are stored; kafkajs then has sequence numbers the
      // broker does not, and without a new producer every later send fails as out of order.
      await expect(sink.send(batch(6000))).rejects.toThrow(/larger than the max message size/);
      await sink.send(last);
    } finally {
      await sink.close();
    }
    const stored = await countRecords(bootstrap, topic);
    const records = await consumeTopic(bootstrap, topic, stored);
    const lastIds = last.map((record) => JSON.parse(record.value as string).trace_id as string);
    const storedIds = records.map((record) => JSON.parse(record.value?.toString() ?? "").trace_id as string);
    const storedLast = storedIds.filter((id) => lastIds.includes(id));
    expect(storedLast.sort()).toEqual([...lastIds].sort());
  });
});
