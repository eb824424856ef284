import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { localMasterWithSlots } from "../contract/task-slots.ts";
import { topicLayout } from "../contract/topics.ts";
import { sparkJvmOptions } from "../pinned-jars/spark-jvm.ts";
import {
  fairSchedulerAllocationFileName,
  fairSchedulerAllocationXml,
  sparkSchedulerConf,
} from "../pinned-jars/spark-scheduler.ts";
import { SparkSession } from "../spark-connect/index.ts";
import { JvmProcess, waitUntilReady } from "./jvm-process.ts";

export interface SparkConnectServerOptions {
  java: string;
  classpath: string[];
  /** Holds the server's warehouse, checkpoints, scratch space and log; survives restarts. */
  dir: string;
  port: number;
  /**
   * `local[N]` by default, N task slots: one per core, and one per partition of `logs` for the
   * long-running tasks of a real-time query (`contract/task-slots.ts`). A `spark://` master URL
   * runs the same server as a cluster driver.
   */
  master?: string;
  heap?: string;
  /** A free port for Spark's web UI, or undefined to turn the UI off. */
  uiPort?: number;
  startTimeoutMs?: number;
  /** More Spark settings, e.g. the S3A connector's for a lake on object storage. */
  conf?: Record<string, string>;
  /** More environment for the JVM: secrets such as the object store's credentials go here, not in `conf`. */
  env?: Record<string, string>;
}

/** The `--add-opens` list of Spark's JavaModuleOptions: what Spark 4 needs of the JDK on Java 17+. */
export const javaModuleOptions = [
  "-XX:+IgnoreUnrecognizedVMOptions",
  ...[
    "java.lang",
    "java.lang.invoke",
    "java.lang.reflect",
    "java.io",
    "java.net",
    "java.nio",
    "java.util",
    "java.util.concurrent",
    "java.util.concurrent.atomic",
    "jdk.internal.ref",
    "sun.nio.ch",
    "sun.nio.cs",
    "sun.security.action",
    "sun.util.calendar",
  ].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
  "-Djdk.reflect.useDirectMethodHandle=false",
  "-Dio.netty.tryReflectionSetAccessible=true",
];

/** WholeStageCodegenExec at INFO: it says when a plan's generated code is too long and falls back. */
const log4j2Properties = `status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.connect.name = org.apache.spark.sql.connect.service
logger.connect.level = INFO
logger.streaming.name = org.apache.spark.sql.execution.streaming
logger.streaming.level = WARN
logger.codegen.name = org.apache.spark.sql.execution.WholeStageCodegenExec
logger.codegen.level = INFO
`;

/** A Spark Connect server on loopback, authenticated by a token generated for this run. */
export class SparkConnectServer {
  /** Generated per server: clients present it as `Authorization: Bearer`. */
  readonly token = randomBytes(24).toString("base64url");
  private process: JvmProcess | undefined;
  /** Settings over the options' for the current run (`restart`). */
  private overrides: Record<string, string> = {};

  constructor(private readonly options: SparkConnectServerOptions) {}

  get url(): string {
    return `sc://127.0.0.1:${this.options.port}/;token=${this.token}`;
  }

  /** The master the server runs with now: its option, or the override of the current run. */
  get master(): string {
    return (
      this.overrides["spark.master"] ??
      this.options.master ??
      localMasterWithSlots(availableParallelism(), topicLayout.logs.partitions)
    );
  }

  get jvm(): JvmProcess | undefined {
    return this.process;
  }

  get dirs() {
    const { dir } = this.options;
    return {
      warehouse: join(dir, "warehouse"),
      checkpoints: join(dir, "checkpoints"),
      scratch: join(dir, "tmp"),
      log: join(dir, "spark-connect.log"),
      schedulerAllocation: join(dir, fairSchedulerAllocationFileName),
    };
  }

  /**
   * The server's own settings only: what a query needs (shuffle partitions, state store,
   * checkpoint and progress settings) its client sets on its session, as the stream job does.
   * The scheduler is the server's: FAIR, as in the cluster (`pinned-jars/spark-scheduler.ts`).
   */
  private sparkConf(): Record<string, string> {
    const { port, uiPort } = this.options;
    const dirs = this.dirs;
    return {
      "spark.master": this.master,
      "spark.app.name": "log-analytics-local",
      "spark.driver.host": "127.0.0.1",
      "spark.driver.bindAddress": "127.0.0.1",
      "spark.connect.grpc.binding.address": "127.0.0.1",
      "spark.connect.grpc.binding.port": String(port),
      "spark.ui.enabled": String(uiPort !== undefined),
      ...(uiPort !== undefined ? { "spark.ui.port": String(uiPort) } : {}),
      "spark.sql.warehouse.dir": dirs.warehouse,
      "spark.sql.streaming.checkpointLocation": dirs.checkpoints,
      "spark.local.dir": dirs.scratch,
      "spark.sql.session.timeZone": "UTC",
      ...sparkSchedulerConf(pathToFileURL(dirs.schedulerAllocation).href),
      "spark.metrics.conf.*.sink.prometheusServlet.class": "org.apache.spark.metrics.sink.PrometheusServlet",
      "spark.metrics.conf.*.sink.prometheusServlet.path": "/metrics/prometheus",
      ...this.options.conf,
      ...this.overrides,
    };
  }

  /** Starts the server and waits until it answers a real RPC (AnalyzePlan: the Spark version). */
  async start(): Promise<string> {
    const dirs = this.dirs;
    for (const dir of [this.options.dir, dirs.warehouse, dirs.checkpoints, dirs.scratch]) {
      mkdirSync(dir, { recursive: true });
    }
    const log4j = join(this.options.dir, "log4j2.properties");
    writeFileSync(log4j, log4j2Properties);
    writeFileSync(dirs.schedulerAllocation, fairSchedulerAllocationXml);
    this.process = JvmProcess.start({
      name: "Spark Connect server",
      java: this.options.java,
      classpath: this.options.classpath,
      jvmOptions: [
        `-Xmx${this.options.heap ?? "2g"}`,
        ...javaModuleOptions,
        ...sparkJvmOptions,
        `-Dlog4j2.configurationFile=${log4j}`,
        `-Djava.io.tmpdir=${dirs.scratch}`,
        ...Object.entries(this.sparkConf()).map(([key, value]) => `-D${key}=${value}`),
      ],
      mainClass: "org.apache.spark.sql.connect.service.SparkConnectServer",
      args: [],
      // The token goes by environment, so it is not on any command line.
      env: { ...this.options.env, SPARK_CONNECT_AUTHENTICATE_TOKEN: this.token },
      logFile: dirs.log,
      argFile: join(this.options.dir, "spark-connect.args"),
    });
    let version = "";
    await waitUntilReady(
      this.process,
      async () => {
        version = await this.askVersion();
        return true;
      },
      this.options.startTimeoutMs ?? 180_000,
    );
    return version;
  }

  private async askVersion(): Promise<string> {
    const session = await SparkSession.builder().remote(this.url).getOrCreate();
    try {
      return await session.version();
    } finally {
      await session.stop();
    }
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /**
   * Stops the server and starts it again on the same port and token with `overrides` over its
   * settings (none: as configured), e.g. to measure a server setting against the default.
   */
  async restart(overrides: Record<string, string> = {}): Promise<string> {
    await this.stop();
    this.overrides = overrides;
    return this.start();
  }
}
