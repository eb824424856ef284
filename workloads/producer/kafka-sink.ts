import { type Admin, CompressionTypes, Kafka, type LogEntry, logLevel, type Producer } from "kafkajs";
import type { Logger } from "pino";
import { kafkajsSecurity, type SaslMechanism } from "../kafka-security/index.ts";
import { type Compression, defaultProducerCount } from "./config.ts";
import { PartitionShards, type RoutedRecord } from "./partition-shards.ts";
import type { LogSink, SinkRecord } from "./sink.ts";

export interface KafkaSinkOptions {
  brokers: string[];
  clientId: string;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** TLS to the brokers, trusting `caFile` (PEM) when given. */
  tls?: { caFile: string | undefined };
  topic: string;
  /**
   * Create the topic when it is missing, with `partitions` and `replicationFactor`: for local
   * use only. Off, a missing topic is an error: in a cluster the program declares the topics.
   */
  createTopic?: boolean;
  partitions: number;
  replicationFactor: number;
  compression: Compression;
  /** Idempotent producers the topic's partitions are dealt to (at most one per partition). */
  producers?: number;
  /** Admin connection, topic check and producer connections must all be done within this. */
  connectTimeoutMs: number;
  logger: Logger;
}

/** The broker could not be reached in time: the message names the brokers. */
export class KafkaUnreachableError extends Error {
  override readonly name = "KafkaUnreachableError";
}

/** The topic does not exist and the producer was not asked to create it. */
export class KafkaTopicMissingError extends Error {
  override readonly name = "KafkaTopicMissingError";
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

/** kafkajs's partitioner also filters the partition list per record: this one reads the choice made. */
const chosenPartition = ({ message }: { message: { partition?: number } }) => message.partition as number;

/**
 * One idempotent producer, for the partitions of one shard. After a failed send kafkajs's
 * idempotent producer keeps sequence numbers the broker never stored, and every later send fails
 * as out of order; so a failed producer is replaced by a new one (a new producer id) before the
 * next send.
 */
class ShardProducer {
  private stale = false;
  /** The last send queued: kafkajs numbers an idempotent producer's sends, so they go one by one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private producer: Producer,
    private readonly newProducer: () => Producer,
    private readonly topic: string,
    private readonly compression: CompressionTypes,
  ) {}

  /** Sends after every send queued before it has settled, so a partition's records keep their order. */
  send(records: RoutedRecord[]): Promise<void> {
    const sent = this.queue.then(() => this.sendNow(records));
    this.queue = sent.catch(() => {});
    return sent;
  }

  private async sendNow(records: RoutedRecord[]): Promise<void> {
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

/**
 * kafkajs keeps one request in flight per idempotent producer, so one producer waits on the
 * broker most of the time. This sink deals the partitions out to several producers and sends a
 * batch's share to each at once; a partition, and so each key, has one producer, so the order
 * of a key's records holds.
 */
class ShardedKafkaSink implements LogSink {
  /** One batch being acked and the next queued behind it on each producer, so none waits for a batch. */
  readonly maxSendsInFlight = 2;

  constructor(
    private readonly shards: PartitionShards,
    private readonly producers: ShardProducer[],
  ) {}

  async send(records: SinkRecord[]): Promise<void> {
    const sends = this.shards
      .split(records)
      .map((share, shard) => (share.length > 0 ? this.producers[shard]?.send(share) : undefined));
    const failure = (await Promise.allSettled(sends)).find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
  }

  async close(): Promise<void> {
    const closed = await Promise.allSettled(this.producers.map((producer) => producer.close()));
    const failure = closed.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
  }
}

/** How often a missing topic is looked for again while it may still be on its way. */
const topicPollMs = 500;

/**
 * Whether the topic exists, looking again for up to `waitMs`: a topic (or the ACL that lets
 * this user see it) made just before the producer starts may take a moment to show.
 */
async function topicExists(admin: Admin, topic: string, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if ((await admin.listTopics()).includes(topic)) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, topicPollMs));
  }
}

/** The topic's number of partitions; creates the topic first when it is missing and that is allowed. */
async function findTopic(admin: Admin, options: KafkaSinkOptions): Promise<number> {
  const { topic, partitions, replicationFactor, logger } = options;
  // Half the connect timeout at most, so that the missing topic, not the timeout, is reported.
  const waitMs = options.createTopic ? 0 : Math.min(10_000, options.connectTimeoutMs / 2);
  if (await topicExists(admin, topic, waitMs)) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const found = metadata.topics[0]?.partitions.length ?? 0;
    logger.info({ topic, partitions: found }, "topic exists");
    return found;
  }
  if (!options.createTopic)
    throw new KafkaTopicMissingError(
      `producer: topic "${topic}" does not exist at ${options.brokers.join(",")} (or this user may not see it): ` +
        "create it first (the program declares it in a cluster), or pass --create-topic " +
        "(KAFKA_CREATE_TOPIC=true) to create it with --partitions and --replication-factor",
    );
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor }],
    waitForLeaders: true,
  });
  logger.info({ topic, partitions, replicationFactor }, "topic created");
  return partitions;
}

/**
 * Checks the topic (creating it only when `createTopic` says so) and connects `producers`
 * idempotent, acks=all producers,
 * each owning a share of the partitions; gives up with a `KafkaUnreachableError` naming the
 * brokers once `connectTimeoutMs` has passed.
 */
export async function connectKafkaSink(options: KafkaSinkOptions): Promise<LogSink> {
  const { brokers, clientId, connectTimeoutMs, logger } = options;
  const kafka = new Kafka({
    clientId,
    brokers,
    ...kafkajsSecurity({
      sasl: options.sasl,
      tls: options.tls !== undefined,
      caFile: options.tls?.caFile,
    }),
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
      // Every record comes with its partition chosen (`PartitionShards`): no hashing it again.
      createPartitioner: () => chosenPartition,
    });
  let producers: Producer[] = [];
  let shards: PartitionShards | undefined;

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
    const partitions = await findTopic(admin, options);
    await admin.disconnect();
    shards = new PartitionShards(options.topic, partitions, options.producers ?? defaultProducerCount());
    producers = Array.from({ length: shards.count }, newProducer);
    await Promise.all(producers.map((producer) => producer.connect()));
  };
  try {
    await Promise.race([connect(), deadline]);
  } catch (error) {
    await Promise.allSettled([admin.disconnect(), ...producers.map((producer) => producer.disconnect())]);
    if (error instanceof KafkaUnreachableError || error instanceof KafkaTopicMissingError) throw error;
    const cause = error instanceof Error ? error.message : String(error);
    throw new KafkaUnreachableError(`producer: cannot connect to Kafka at ${where}: ${cause}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  const connected = shards as PartitionShards;
  logger.info(
    {
      brokers,
      topic: options.topic,
      compression: options.compression,
      producers: connected.count,
      partitions: connected.partitions,
    },
    "connected to Kafka",
  );
  const codec = codecs[options.compression];
  return new ShardedKafkaSink(
    connected,
    producers.map((producer) => new ShardProducer(producer, newProducer, options.topic, codec)),
  );
}
