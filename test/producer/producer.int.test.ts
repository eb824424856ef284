import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { pino } from "pino";
import { describe, expect, inject, it } from "vitest";
import "../integration/provided-context.ts";
import { type LogEvent, logEventProblems } from "../../workloads/contract/log-event.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { KafkaTopicMissingError, KafkaUnreachableError } from "../../workloads/producer/kafka-sink.ts";
import { runProducer } from "../../workloads/producer/run-producer.ts";
import { consumeTopic, countRecords } from "./consume-topic.ts";

const logger = pino({ level: "silent" });
const bootstrap = () => inject("kafkaBootstrap");
const newTopic = (what: string) => `producer-${what}-${randomUUID().slice(0, 8)}`;

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `check` holds, looking again every few milliseconds. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("the producer against a real broker", () => {
  it("creates the topic when asked and delivers every event once, keyed by service, in order per service", async () => {
    const topic = newTopic("delivery");
    const count = 6000;
    const handle = runProducer(
      {
        brokers: bootstrap(),
        topic,
        createTopic: true,
        partitions: 3,
        count,
        rate: "max",
        seed: 21,
        batchSize: 500,
      },
      { logger },
    );
    const summary = await handle.done;
    expect(summary.stoppedBy).toBe("count");
    expect(summary.events).toEqual({ sent: count, acked: count, failed: 0 });

    const records = await consumeTopic(bootstrap(), topic, count);
    expect(await countRecords(bootstrap(), topic)).toBe(count);
    const events = records.map((record) => JSON.parse(record.value?.toString() ?? "") as LogEvent);
    expect(events.flatMap(logEventProblems)).toEqual([]);
    expect(records.every((record, index) => record.key === events[index]?.service)).toBe(true);
    expect(new Set(records.map((record) => record.partition))).toEqual(new Set([0, 1, 2]));

    // The same seed replays the same events, so each service's sequence is known exactly.
    const expected = createLogGenerator({ seed: 21 }).batch(count);
    for (const service of new Set(expected.map((event) => event.service))) {
      const partitions = new Set(
        records.filter((record) => record.key === service).map((record) => record.partition),
      );
      expect(partitions.size, service).toBe(1);
      const consumedOrder = events
        .filter((event) => event.service === service)
        .map((event) => event.trace_id);
      const sentOrder = expected.filter((event) => event.service === service).map((event) => event.trace_id);
      expect(consumedOrder, service).toEqual(sentOrder);
    }
  });

  it("never creates a missing topic unless asked: the error names the topic and the option", async () => {
    const topic = newTopic("missing");
    const handle = runProducer(
      { brokers: bootstrap(), topic, count: 10, rate: "max", connectTimeoutMs: 4000 },
      { logger },
    );
    const failure = await handle.done.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KafkaTopicMissingError);
    expect((failure as Error).message).toContain(`topic "${topic}" does not exist`);
    expect((failure as Error).message).toContain("--create-topic (KAFKA_CREATE_TOPIC=true)");
    const admin = new Kafka({
      clientId: "topic-check",
      brokers: [bootstrap()],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });

  it("mixes in malformed records, counted apart from the events", async () => {
    const topic = newTopic("malformed");
    const handle = runProducer(
      {
        brokers: bootstrap(),
        topic,
        createTopic: true,
        partitions: 1,
        count: 1100,
        rate: "max",
        malformedRatio: 0.01,
        compression: "none",
      },
      { logger },
    );
    const summary = await handle.done;
    expect(summary.events.acked).toBe(1100);
    expect(summary.malformed).toMatchObject({ sent: 11, acked: 11, failed: 0 });

    const records = await consumeTopic(bootstrap(), topic, 1111);
    expect(await countRecords(bootstrap(), topic)).toBe(1111);
    const invalid = records.filter((record) => {
      if (record.value === null || record.value.length === 0) return true;
      try {
        return logEventProblems(JSON.parse(record.value.toString())).length > 0;
      } catch {
        return true;
      }
    });
    // All hostile kinds but the null key and the huge message are invalid events.
    expect(invalid).toHaveLength(9);
    expect(records.filter((record) => record.key === null)).toHaveLength(1);
    expect(records.some((record) => (record.value?.length ?? 0) > 256 * 1024)).toBe(true);
  });

  it("stops gracefully: what was sent is acked and on the topic, and /metrics served it", async () => {
    const topic = newTopic("stop");
    const handle = runProducer(
      {
        brokers: bootstrap(),
        topic,
        createTopic: true,
        partitions: 2,
        rate: 3000,
        metricsPort: 0,
        metricsHost: "127.0.0.1",
      },
      { logger },
    );
    await handle.ready;
    await until(() => handle.totals().events.acked >= 1000);
    const metrics = await fetch(`http://127.0.0.1:${handle.metricsPort}/metrics`).then((response) =>
      response.text(),
    );
    expect(metrics).toMatch(/^producer_events_acked_total\{service="[a-z-]+",level="[A-Z]+"\} \d+$/m);
    expect(metrics).toContain("producer_send_duration_seconds_count");

    const summary = await handle.stop();
    expect(summary.stoppedBy).toBe("stopped");
    expect(summary.events.failed).toBe(0);
    expect(summary.events.acked).toBe(summary.events.sent);
    expect(await countRecords(bootstrap(), topic)).toBe(summary.events.acked);
  });

  it("gives up on an unreachable broker with an error naming it", async () => {
    const broker = `127.0.0.1:${await closedPort()}`;
    const handle = runProducer({ brokers: broker, connectTimeoutMs: 2000, count: 10 }, { logger });
    const failure = await handle.done.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KafkaUnreachableError);
    expect((failure as Error).message).toMatch(
      new RegExp(`^producer: cannot (reach|connect to) Kafka at ${broker}`),
    );
    await expect(handle.ready).rejects.toBe(failure);
  });
});
