import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, inject, it } from "vitest";
import "../integration/provided-context.ts";

// kafkajs 2.2.4 predates Kafka 4 and negotiates API versions with the broker; this proves the
// versions it picks survive Kafka 4's removals (KIP-896) for everything the pipeline does.
describe("the local Kafka broker with kafkajs", () => {
  const kafka = new Kafka({
    clientId: "broker-test",
    brokers: [inject("kafkaBootstrap")],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  afterAll(async () => {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  it("creates a topic, produces idempotently with gzip, and consumes the messages back in a group", async () => {
    const topic = `broker-test-${randomUUID()}`;
    await admin.connect();
    expect(
      await admin.createTopics({
        topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
        waitForLeaders: true,
      }),
    ).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `service-${i % 3}`,
      value: JSON.stringify({ i }),
    }));
    const acks = await producer.send({ topic, acks: -1, compression: 1, messages: sent });
    expect(acks.every((ack) => ack.errorCode === 0)).toBe(true);

    const consumer = kafka.consumer({ groupId: `broker-test-${randomUUID()}` });
    const received: { key: string; value: string; partition: number }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), value: String(message.value), partition });
          if (received.length === sent.length) resolve();
        },
      });
    });
    await allReceived;
    await consumer.disconnect();

    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    // Keyed messages: each key lands in exactly one partition, in the order it was sent.
    for (const key of ["service-0", "service-1", "service-2"]) {
      const ofKey = received.filter((m) => m.key === key);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
      expect(ofKey.map((m) => JSON.parse(m.value).i)).toEqual(
        sent.filter((m) => m.key === key).map((m) => JSON.parse(m.value).i),
      );
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(sent.length);
  });
});
