import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { type TopicNames, topicsToCreate } from "../../workloads/contract/topics.ts";
import {
  type OutputRecord,
  type OutputRole,
  parseOutputRecord,
} from "../../workloads/stream-job/output-records.ts";

export interface KafkaRecord {
  key: string | null;
  value: Buffer | null;
}

/** The topics of one test run, named so that tests sharing the broker never see each other's data. */
export function testTopics(prefix: string): TopicNames {
  const id = randomUUID().slice(0, 8);
  return {
    logs: `${prefix}-logs-${id}`,
    metrics: `${prefix}-metrics-${id}`,
    alerts: `${prefix}-alerts-${id}`,
    deadLetters: `${prefix}-dead-letters-${id}`,
  };
}

export function testKafka(bootstrap: string): Kafka {
  return new Kafka({ clientId: "stream-job-test", brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** Creates a run's topics laid out as the pipeline's own (partitions, compaction, retention). */
export async function createTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topicsToCreate(topics), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Sends records in modest batches (a 256 KiB record and a few hundred events stay under 1 MiB). */
export async function produceRecords(kafka: Kafka, topic: string, records: KafkaRecord[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 250) {
      await producer.send({ topic, acks: -1, messages: records.slice(i, i + 250) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Every record in a topic, read from the start up to its end offsets at the time of the call. */
export async function readTopic(kafka: Kafka, topic: string): Promise<KafkaRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = ends.reduce((sum, partition) => sum + Number(partition.high), 0);
  const records: KafkaRecord[] = [];
  if (expected === 0) return records;
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        records.push({ key: message.key?.toString() ?? null, value: message.value });
        if (records.length >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  return records;
}

/** An output topic as a table: the latest value of each key, parsed as the job's record of that topic. */
export function latestByKey<Role extends OutputRole>(
  records: KafkaRecord[],
  role: Role,
): Map<string, OutputRecord<Role>> {
  const table = new Map<string, OutputRecord<Role>>();
  for (const record of records) {
    if (record.key !== null && record.value !== null)
      table.set(record.key, parseOutputRecord(role, record.value));
  }
  return table;
}
