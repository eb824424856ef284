import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kafkajsSecurity } from "../../workloads/kafka-security/index.ts";
import { KafkaServer } from "../../workloads/local-servers/kafka-server.ts";
import { freeLoopbackPort } from "../../workloads/local-servers/ports.ts";
import { resolveLocalRuntime } from "../../workloads/local-servers/runtime.ts";
import { requireJava17 } from "../../workloads/pinned-jars/java.ts";
import { connectKafkaSink, KafkaUnreachableError } from "../../workloads/producer/kafka-sink.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import { supervisorKafka } from "../../workloads/stream-job/kafka-client.ts";
import { kafkaClientOptions } from "../../workloads/stream-job/queries/log-stream.ts";
import "../integration/provided-context.ts";
import { makeTestCa, makeUnrelatedCa } from "./test-ca.ts";

/**
 * The workloads' Kafka clients against a broker run as the cluster runs it: SCRAM-SHA-512 over
 * TLS with a CA made for this run, one user per client, ACLs for exactly what each does.
 */
describe("the Kafka clients against a SCRAM-over-TLS broker with ACLs", () => {
  const password = () => randomBytes(16).toString("hex");
  const users = {
    admin: { name: "admin", password: password() },
    producer: { name: "producer", password: password() },
    streamJob: { name: "stream-job", password: password() },
  };
  const topics = { logs: "logs", forbidden: "not-for-the-producer" };
  let broker: KafkaServer;
  let caFile = "";
  let unrelatedCaFile = "";
  const logger = pino({ level: "silent" });

  const sinkOptions = (user: { name: string; password: string }, ca: string, topic = topics.logs) => ({
    brokers: [broker.bootstrap],
    clientId: "producer-test",
    sasl: { mechanism: "SCRAM-SHA-512" as const, username: user.name, password: user.password },
    tls: { caFile: ca },
    topic,
    partitions: 1,
    replicationFactor: 1,
    compression: "none" as const,
    connectTimeoutMs: 20_000,
    logger,
  });
  const kafkaAs = (user: { name: string; password: string }) =>
    new Kafka({
      clientId: "secured-test",
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
      ...kafkajsSecurity({
        sasl: { mechanism: "SCRAM-SHA-512", username: user.name, password: user.password },
        tls: true,
        caFile,
      }),
    });

  beforeAll(async () => {
    const java = requireJava17();
    const dir = join(inject("runtimeDir"), "secured-kafka");
    const ca = makeTestCa(java, join(dir, "tls"));
    caFile = ca.caFile;
    unrelatedCaFile = makeUnrelatedCa(java, join(dir, "unrelated"));
    broker = new KafkaServer({
      java,
      classpath: (await resolveLocalRuntime()).kafka,
      dir,
      brokerPort: await freeLoopbackPort(),
      controllerPort: await freeLoopbackPort(),
      heap: "384m",
      security: { users: [users.admin, users.producer, users.streamJob], keystore: ca.keystore, caFile },
    });
    await broker.start();
    // What the program declares in the cluster: the topics, and each user's ACLs (no Create).
    const admin = kafkaAs(users.admin).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      const allow = (
        user: string,
        resourceType: number,
        resourceName: string,
        operation: number,
        patternType = 3,
      ) => ({
        resourceType,
        resourceName,
        resourcePatternType: patternType,
        principal: `User:${user}`,
        host: "*",
        operation,
        permissionType: 3,
      });
      // kafkajs's enums: resource TOPIC 2, GROUP 3, CLUSTER 4; operation READ 3, WRITE 4, DESCRIBE 8,
      // IDEMPOTENT_WRITE 12; pattern LITERAL 3, PREFIXED 4; permission ALLOW 3.
      await admin.createAcls({
        acl: [
          allow(users.producer.name, 2, topics.logs, 4),
          allow(users.producer.name, 2, topics.logs, 8),
          allow(users.producer.name, 4, "kafka-cluster", 12),
          allow(users.streamJob.name, 2, topics.logs, 3),
          allow(users.streamJob.name, 2, topics.logs, 8),
          allow(users.streamJob.name, 3, "spark-kafka-", 3, 4),
        ],
      });
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it("the producer's sink writes logs as its own user over TLS", async () => {
    const sink = await connectKafkaSink(sinkOptions(users.producer, caFile));
    try {
      await sink.send(
        Array.from({ length: 20 }, (_, i) => ({ key: "checkout", value: JSON.stringify({ i }) })),
      );
    } finally {
      await sink.close();
    }
    const admin = kafkaAs(users.admin).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topics.logs).finally(() => admin.disconnect());
    expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBeGreaterThanOrEqual(20);
  });

  it("the stream job's clients read logs as their own user over TLS: kafkajs and Spark's Kafka source", async () => {
    const config = parseStreamJobConfig({
      sparkConnectUrl: inject("sparkConnectUrl"),
      kafkaBootstrap: broker.bootstrap,
      kafkaSasl: {
        mechanism: "SCRAM-SHA-512",
        username: users.streamJob.name,
        password: users.streamJob.password,
      },
      kafkaTls: { enabled: true, caFile },
      lakePath: "/unused",
      checkpointPath: "/unused",
    });
    const admin = supervisorKafka(config).admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topics.logs).finally(() => admin.disconnect());
    const high = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    expect(high).toBeGreaterThan(0);

    const session = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
    try {
      const records = session.read
        .format("kafka")
        .options(kafkaClientOptions(config))
        .option("subscribe", topics.logs)
        .load();
      expect(await records.count()).toBe(high);
    } finally {
      await session.stop();
    }
  });

  it("a wrong password fails at once with an authentication error, not a timeout", async () => {
    const attempt = connectKafkaSink(
      sinkOptions({ ...users.producer, password: "not-the-password" }, caFile),
    );
    await expect(attempt).rejects.toThrow(KafkaUnreachableError);
    await expect(attempt).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|authentication/i);
    await expect(attempt).rejects.not.toThrow(/within \d/);
  });

  it("a user writing a topic its ACLs do not allow is refused, and cannot create one either", async () => {
    const producer = kafkaAs(users.producer).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: topics.forbidden, acks: -1, messages: [{ key: "k", value: "v" }] }),
      ).rejects.toThrow(/not authorized/i);
    } finally {
      await producer.disconnect();
    }
    // The producer's sink finds no topic it may see and, even when told to make one, is refused.
    await expect(
      connectKafkaSink({
        ...sinkOptions(users.producer, caFile, "made-up-by-the-producer"),
        createTopic: true,
      }),
    ).rejects.toThrow(/Topic creation errors/);
  });

  it("a client that does not trust the broker's CA is refused", async () => {
    await expect(connectKafkaSink(sinkOptions(users.producer, unrelatedCaFile))).rejects.toThrow(
      /certificate|self.signed|unable to verify/i,
    );
  });
});
