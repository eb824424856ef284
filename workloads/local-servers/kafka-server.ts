import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { JvmProcess, waitUntilReady } from "./jvm-process.ts";

export interface KafkaServerOptions {
  java: string;
  classpath: string[];
  /** Holds the broker's config, data and log; survives restarts. */
  dir: string;
  brokerPort: number;
  controllerPort: number;
  heap?: string;
  startTimeoutMs?: number;
  /** Run the broker as the cluster does: SCRAM-SHA-512 over TLS, with ACLs. Plaintext, open when absent. */
  security?: BrokerSecurity;
}

/**
 * The client listener as the cluster's (Strimzi's) one: SASL_SSL with SCRAM-SHA-512, and the
 * standard authorizer with no access unless an ACL grants it. The controller listener stays
 * plaintext on loopback, as the broker's own channel to itself.
 */
export interface BrokerSecurity {
  /** SCRAM-SHA-512 users created with the storage; the first is the super user (admin). */
  users: [{ name: string; password: string }, ...{ name: string; password: string }[]];
  /** A PKCS12 keystore with the broker's key and a certificate for 127.0.0.1. */
  keystore: { file: string; password: string };
  /** The PEM certificate of the CA that signed it (the broker's own client side trusts it). */
  caFile: string;
}

/** A log4j2 config: warnings, plus the broker's start and stop lines, to stdout (the log file). */
const log4j2Properties = `status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.raft.name = kafka.server.KafkaRaftServer
logger.raft.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
`;

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding. */
function newClusterId(): string {
  return randomBytes(16).toString("base64url");
}

function securityProperties(security: BrokerSecurity): string[] {
  const [admin] = security.users;
  return [
    "sasl.enabled.mechanisms=SCRAM-SHA-512",
    "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
    `listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.name}" password="${admin.password}";`,
    "ssl.keystore.type=PKCS12",
    `ssl.keystore.location=${security.keystore.file}`,
    `ssl.keystore.password=${security.keystore.password}`,
    `ssl.key.password=${security.keystore.password}`,
    "ssl.truststore.type=PEM",
    `ssl.truststore.location=${security.caFile}`,
    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    // The controller listener authenticates nobody: its principal is ANONYMOUS, on loopback only.
    `super.users=User:${admin.name};User:ANONYMOUS`,
    "allow.everyone.if.no.acl.found=false",
  ];
}

function serverProperties(options: KafkaServerOptions, dataDir: string): string {
  const { brokerPort, controllerPort, security } = options;
  const client = security ? "SASL_SSL" : "PLAINTEXT";
  return [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    `listeners=${client}://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=${client}://127.0.0.1:${brokerPort}`,
    "controller.listener.names=CONTROLLER",
    `inter.broker.listener.name=${client}`,
    `listener.security.protocol.map=${client}:${client},CONTROLLER:PLAINTEXT`,
    ...(security ? securityProperties(security) : []),
    `log.dirs=${dataDir}`,
    "num.partitions=3",
    // One node: every internal topic must live with a single replica.
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "",
  ].join("\n");
}

/** A single-node KRaft broker (combined broker and controller) on loopback. */
export class KafkaServer {
  private process: JvmProcess | undefined;

  constructor(private readonly options: KafkaServerOptions) {}

  get bootstrap(): string {
    return `127.0.0.1:${this.options.brokerPort}`;
  }

  get jvm(): JvmProcess | undefined {
    return this.process;
  }

  private get paths() {
    const { dir } = this.options;
    return {
      config: join(dir, "server.properties"),
      log4j: join(dir, "log4j2.properties"),
      data: join(dir, "data"),
      log: join(dir, "kafka.log"),
      formatLog: join(dir, "format.log"),
    };
  }

  private launch(mainClass: string, args: string[], logFile: string, name: string): JvmProcess {
    const { java, classpath, heap = "512m" } = this.options;
    return JvmProcess.start({
      name,
      java,
      classpath,
      jvmOptions: [
        `-Xmx${heap}`,
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        `-Dlog4j2.configurationFile=${this.paths.log4j}`,
        `-Djava.io.tmpdir=${this.options.dir}`,
      ],
      mainClass,
      args,
      logFile,
      argFile: join(this.options.dir, `${name.replaceAll(" ", "-").toLowerCase()}.args`),
    });
  }

  /** Formats the storage on first start, then starts the broker and waits until it answers metadata. */
  async start(): Promise<void> {
    const paths = this.paths;
    mkdirSync(this.options.dir, { recursive: true });
    writeFileSync(paths.config, serverProperties(this.options, paths.data));
    writeFileSync(paths.log4j, log4j2Properties);
    if (!existsSync(join(paths.data, "meta.properties"))) {
      const format = this.launch(
        "kafka.tools.StorageTool",
        // `=` keeps an id that starts with "-" from reading as an option.
        [
          "format",
          "--standalone",
          `--cluster-id=${newClusterId()}`,
          "--config",
          paths.config,
          // SCRAM users live in the cluster's metadata from the start; the argfile keeps them off `ps`.
          ...(this.options.security?.users.flatMap(({ name, password }) => [
            "--add-scram",
            `SCRAM-SHA-512=[name=${name},password=${password}]`,
          ]) ?? []),
        ],
        paths.formatLog,
        "Kafka storage format",
      );
      const exit = await format.exited;
      if (exit.code !== 0) throw format.error(`failed (exit code ${exit.code})`);
    }
    this.process = this.launch("kafka.Kafka", [paths.config], paths.log, "Kafka broker");
    await waitUntilReady(
      this.process,
      () => this.answersMetadata(),
      this.options.startTimeoutMs ?? 90_000,
      // After this line the broker can take half a minute more to exit.
      /Exiting Kafka due to fatal exception/,
    );
  }

  private async answersMetadata(): Promise<boolean> {
    const security = this.options.security;
    const admin = new Kafka({
      clientId: "local-runtime-readiness",
      brokers: [this.bootstrap],
      ...(security && {
        ssl: { ca: [readFileSync(security.caFile, "utf8")] },
        sasl: {
          mechanism: "scram-sha-512",
          username: security.users[0].name,
          password: security.users[0].password,
        },
      }),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
