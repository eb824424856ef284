import {
  type Admin,
  CompressionTypes,
  Kafka,
  type LogEntry,
  logLevel,
  Partitioners,
  type Producer,
  type SASLOptions,
} from "kafkajs";
import type { Logger } from "pino";
import type { Compression, SaslMechanism } from "./config.ts";
import type { LogSink, SinkRecord } from "./sink.ts";

export interface KafkaSinkOptions {
  brokers: string[];
  clientId: string;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  topic: string;
  /** Used only when the topic has to be created. */
  partitions: number;
  replicationFactor: number;
  compression: Compression;
  /** Admin connection, topic creation and producer connection must all be done within this. */
  connectTimeoutMs: number;
  logger: Logger;
}

/** The broker could not be reached (or the topic not created) in time: the message names the brokers. */
export class KafkaUnreachableError extends Error {
  override readonly name = "KafkaUnreachableError";
}

const codecs: Record<Compression, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
};

/**
 * Retries are bounded on purpose, so that a broken broker shows as failed sends rather than an
 * endless retry; kafkajs warns about that on every start, which says nothing to our users.
 */
const boundedRetriesWarning = "Limiting retries for the idempotent producer may invalidate EoS guarantees";

/** kafkajs logs through our logger; its info chatter goes to debug. */
function kafkaLogCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const child = { component: `kafkajs.${namespace}`, ...extra };
      if (message === boundedRetriesWarning) logger.debug(child, message);
      else if (level === logLevel.ERROR) logger.error(child, message);
      else if (level === logLevel.WARN) logger.warn(child, message);
      else logger.debug(child, message);
    };
}

/**
 * After a failed send kafkajs's idempotent producer keeps sequence numbers the broker never
 * stored, and every later send fails as out of order; so a failed producer is replaced by a new
 * one (a new producer id) before the next send.
 */
class KafkaSink implements LogSink {
  private stale = false;

  constructor(
    private producer: Producer,
    private readonly newProducer: () => Producer,
    private readonly topic: string,
    private readonly compression: CompressionTypes,
  ) {}

  async send(records: SinkRecord[]): Promise<void> {
    if (this.stale) {
      await this.producer.disconnect().catch(() => {});
      this.producer = this.newProducer();
      await this.producer.connect();
      this.stale = false;
    }
    try {
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        compression: this.compression,
        messages: records,
      });
    } catch (error) {
      this.stale = true;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

function saslConfig(sasl: NonNullable<KafkaSinkOptions["sasl"]>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case "plain":
      return { mechanism: "plain", username, password };
    case "scram-sha-256":
      return { mechanism: "scram-sha-256", username, password };
    case "scram-sha-512":
      return { mechanism: "scram-sha-512", username, password };
  }
}

async function ensureTopic(admin: Admin, options: KafkaSinkOptions): Promise<void> {
  const { topic, partitions, replicationFactor, logger } = options;
  const existing = await admin.listTopics();
  if (existing.includes(topic)) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const found = metadata.topics[0]?.partitions.length ?? 0;
    logger.info({ topic, partitions: found }, "topic exists");
    return;
  }
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor }],
    waitForLeaders: true,
  });
  logger.info({ topic, partitions, replicationFactor }, "topic created");
}

/**
 * Connects an idempotent, acks=all producer and creates the topic if it is missing; gives up
 * with a `KafkaUnreachableError` naming the brokers once `connectTimeoutMs` has passed.
 */
export async function connectKafkaSink(options: KafkaSinkOptions): Promise<LogSink> {
  const { brokers, clientId, connectTimeoutMs, logger } = options;
  const kafka = new Kafka({
    clientId,
    brokers,
    ...(options.sasl ? { sasl: saslConfig(options.sasl) } : {}),
    connectionTimeout: Math.min(3000, connectTimeoutMs),
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
    logLevel: logger.isLevelEnabled("debug") ? logLevel.INFO : logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
  const admin = kafka.admin();
  const newProducer = () =>
    kafka.producer({
      idempotent: true,
      // kafkajs only keeps an idempotent producer's order with one request in flight.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  const producer = newProducer();

  const where = brokers.join(",");
  const seconds = (connectTimeoutMs / 1000).toFixed(1);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KafkaUnreachableError(`producer: cannot reach Kafka at ${where} within ${seconds} s`)),
      connectTimeoutMs,
    );
  });
  const connect = async () => {
    await admin.connect();
    await ensureTopic(admin, options);
    await admin.disconnect();
    await producer.connect();
  };
  try {
    await Promise.race([connect(), deadline]);
  } catch (error) {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
    if (error instanceof KafkaUnreachableError) throw error;
    const cause = error instanceof Error ? error.message : String(error);
    throw new KafkaUnreachableError(`producer: cannot connect to Kafka at ${where}: ${cause}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  logger.info({ brokers, topic: options.topic, compression: options.compression }, "connected to Kafka");
  return new KafkaSink(producer, newProducer, options.topic, codecs[options.compression]);
}
