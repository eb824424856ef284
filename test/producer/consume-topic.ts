import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";

export interface ConsumedRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

/** Reads a topic from the beginning until `count` records have arrived, in partition order. */
export async function consumeTopic(
  bootstrap: string,
  topic: string,
  count: number,
): Promise<ConsumedRecord[]> {
  const kafka = new Kafka({
    clientId: "producer-test-consumer",
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `producer-test-${randomUUID()}`, maxBytes: 64 * 1024 * 1024 });
  const received: ConsumedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      if (count === 0) resolve();
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push({
              partition,
              offset: message.offset,
              key: message.key === null ? null : message.key.toString(),
              value: message.value,
            });
            if (received.length === count) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** The number of records in a topic: the sum of its partitions' high watermarks. */
export async function countRecords(bootstrap: string, topic: string): Promise<number> {
  const admin = new Kafka({
    clientId: "producer-test-admin",
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}
