import { type Admin, Kafka, type LogEntry, logLevel } from "kafkajs";
import rdkafka, { type Producer as RdkafkaProducer } from "node-rdkafka";
import type { Logger } from "pino";
import { kafkajsSecurity, rdkafkaSecurity, type SaslMechanism } from "../kafka-security/index.ts";
import { type Compression, DEFAULT_PRODUCERS } from "./config.ts";
import { DeliveryLedger, PendingSend } from "./delivery-ledger.ts";
import { PartitionShards, type ShardShare } from "./partition-shards.ts";
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

// node-rdkafka is CommonJS: its classes come through the default export.
const { Producer } = rdkafka;
type Producer = RdkafkaProducer;

/** kafkajs (the topic check) logs through our logger; its info chatter goes to debug. */
function kafkaLogCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const child = { component: `kafkajs.${namespace}`, ...extra };
      if (level === logLevel.ERROR) logger.error(child, message);
      else if (level === logLevel.WARN) logger.warn(child, message);
      else logger.debug(child, message);
    };
}

/** How often librdkafka is asked for the delivery reports it has: a send resolves at most this much after its acks. */
const deliveryPollMs = 5;
/** How long librdkafka retries a record before failing it, so that a broken broker shows as failed sends. */
const deliveryTimeoutMs = 30_000;
/** How long closing waits for the records still queued to be acknowledged. */
const flushTimeoutMs = 30_000;

/** librdkafka's log severities (syslog's): 0-3 are errors, 4 warnings. */
function logRdkafka(
  logger: Logger,
  { severity, fac, message }: { severity: number; fac: string; message: string },
) {
  const child = { component: `librdkafka.${fac}` };
  if (severity <= 3) logger.error(child, message);
  else if (severity === 4) logger.warn(child, message);
  else logger.debug(child, message);
}

/** A librdkafka producer and the ledger its delivery reports settle sends through. */
interface TrackedProducer {
  producer: Producer;
  ledger: DeliveryLedger;
}

/**
 * One idempotent librdkafka producer, for the partitions of one shard. librdkafka keeps several
 * requests in flight per broker and still stores each partition's records in order; it encodes
 * and compresses on its own threads, off the event loop. A fatal error (the idempotent producer
 * can no longer guarantee order) leaves it unusable, so it is replaced by a new one (a new
 * producer id) before the next send.
 */
class ShardProducer {
  private current: TrackedProducer;
  private stale = false;
  private readonly poller: NodeJS.Timeout;

  constructor(
    private readonly newProducer: () => Promise<TrackedProducer>,
    first: TrackedProducer,
    private readonly topic: string,
  ) {
    this.current = first;
    // A timer of our own, not librdkafka's unref'd one: pending sends keep the process alive.
    this.poller = setInterval(() => this.poll(), deliveryPollMs);
  }

  private poll(): void {
    const { producer } = this.current;
    if (producer.isConnected()) producer.poll();
  }

  /** Producer events the sink listens to: reports go to the ledger; a fatal error marks the producer stale. */
  static watch(producer: Producer, ledger: DeliveryLedger, logger: Logger, onFatal: () => void): Producer {
    producer.on("delivery-report", (error, report) => ledger.report(report.partition, error?.message));
    producer.on("event.log", (entry) => logRdkafka(logger, entry));
    producer.on("event.error", (error) => {
      if (error.isFatal) {
        logger.error({ component: "librdkafka" }, `fatal: ${error.message}: a new producer takes over`);
        onFatal();
      } else logger.warn({ component: "librdkafka" }, error.message);
    });
    return producer;
  }

  markStale(): void {
    this.stale = true;
  }

  /** Queues every record and resolves once each is acknowledged; rejects if any is not. */
  async send({ records, partitions }: ShardShare): Promise<void> {
    if (this.stale) {
      this.stale = false;
      const old = this.current.producer;
      this.current = await this.newProducer();
      old.disconnect(0);
    }
    const { producer, ledger } = this.current;
    const pending = new PendingSend();
    const touched = new Set<number>();
    for (let index = 0; index < records.length; index++) {
      const { key, value } = records[index] as SinkRecord;
      const partition = partitions[index] as number;
      try {
        producer.produce(this.topic, partition, typeof value === "string" ? Buffer.from(value) : value, key);
      } catch (error) {
        // Refused before it was queued (too large, queue full): this record and the rest never get a report.
        pending.failedRecords(records.length - index, (error as Error).message);
        break;
      }
      ledger.recordQueued(partition);
      touched.add(partition);
    }
    ledger.queued(pending, touched);
    return pending.settled;
  }

  /** Waits for every queued record's report, then disconnects. */
  async close(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) =>
        this.current.producer.flush(flushTimeoutMs, (error) => (error ? reject(error) : resolve())),
      );
      this.poll();
    } finally {
      clearInterval(this.poller);
      await new Promise<void>((resolve) => this.current.producer.disconnect(() => resolve()));
    }
  }
}

/**
 * Deals the partitions out to producers: a partition, and so each key, has one producer, so the
 * order of a key's records holds. One librdkafka producer already overlaps its requests; more
 * spread the encoding over more librdkafka threads.
 */
class ShardedKafkaSink implements LogSink {
  /**
   * Sends queued in librdkafka at once: enough to fill its 5 requests in flight per broker (a send
   * fits one request) with more behind them, so it never waits for the event loop; each send's
   * records stay in memory until acked (about 1 MB each at the default batch size).
   */
  readonly maxSendsInFlight = 8;

  constructor(
    private readonly shards: PartitionShards,
    private readonly producers: ShardProducer[],
  ) {}

  async send(records: SinkRecord[]): Promise<void> {
    const sends = this.shards
      .split(records)
      .map((share, shard) => (share.records.length > 0 ? this.producers[shard]?.send(share) : undefined));
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

/** Connects a librdkafka producer, or rejects with librdkafka's reason. */
function connectProducer(producer: Producer, timeoutMs: number): Promise<Producer> {
  return new Promise((resolve, reject) => {
    producer.connect({ timeout: timeoutMs }, (error) => (error ? reject(error) : resolve(producer)));
  });
}

/**
 * Checks the topic (creating it only when `createTopic` says so) with kafkajs's admin client,
 * then connects `producers` idempotent, acks=all librdkafka producers, each owning a share of the
 * partitions; gives up with a `KafkaUnreachableError` naming the brokers once `connectTimeoutMs`
 * has passed.
 */
export async function connectKafkaSink(options: KafkaSinkOptions): Promise<LogSink> {
  const { brokers, clientId, connectTimeoutMs, logger } = options;
  const security = {
    sasl: options.sasl,
    tls: options.tls !== undefined,
    caFile: options.tls?.caFile,
  };
  const kafka = new Kafka({
    clientId,
    brokers,
    ...kafkajsSecurity(security),
    connectionTimeout: Math.min(3000, connectTimeoutMs),
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
    logLevel: logger.isLevelEnabled("debug") ? logLevel.INFO : logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
  const producerConfig = {
    "metadata.broker.list": brokers.join(","),
    "client.id": clientId,
    ...rdkafkaSecurity(security),
    "enable.idempotence": true,
    acks: "all",
    "compression.codec": options.compression,
    "message.timeout.ms": deliveryTimeoutMs,
    "socket.connection.setup.timeout.ms": Math.max(1000, Math.min(30_000, connectTimeoutMs)),
    dr_cb: true,
    event_cb: true,
    log_level: logger.isLevelEnabled("debug") ? 7 : 4,
  };
  const admin = kafka.admin();
  let producers: TrackedProducer[] = [];
  let shards: PartitionShards | undefined;
  const shardProducers: ShardProducer[] = [];
  const newProducer = (shard: number) => async (): Promise<TrackedProducer> => {
    const ledger = new DeliveryLedger();
    const producer = ShardProducer.watch(new Producer({ ...producerConfig }), ledger, logger, () =>
      shardProducers[shard]?.markStale(),
    );
    return { producer: await connectProducer(producer, connectTimeoutMs), ledger };
  };

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
    shards = new PartitionShards(options.topic, partitions, options.producers ?? DEFAULT_PRODUCERS);
    const connecting = Array.from({ length: shards.count }, (_, shard) => newProducer(shard)());
    producers = await Promise.all(connecting);
  };
  try {
    await Promise.race([connect(), deadline]);
  } catch (error) {
    await admin.disconnect().catch(() => {});
    for (const { producer } of producers) producer.disconnect(0);
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
  shardProducers.push(
    ...producers.map((producer, shard) => new ShardProducer(newProducer(shard), producer, options.topic)),
  );
  return new ShardedKafkaSink(connected, shardProducers);
}
