import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type JvmClasspaths, type ResolveProgress, resolveJvmClasspaths } from "../pinned-jars/classpath.ts";
import { requireJava17 } from "../pinned-jars/java.ts";
import { s3aSparkConf } from "../pinned-jars/s3a.ts";
import { KafkaServer } from "./kafka-server.ts";
import { newObjectStoreCredentials, ObjectStoreServer, s3Environment } from "./object-store-server.ts";
import { freeLoopbackPort } from "./ports.ts";
import { newRunDir } from "./run-dir.ts";
import { SparkConnectServer, type SparkConnectServerOptions } from "./spark-connect-server.ts";

export interface LocalRuntimeOptions {
  kafka?: boolean;
  spark?: boolean;
  /** Also an S3-compatible object store for the lake (SeaweedFS), with Spark's S3A connector pointed at it. */
  objectStore?: boolean;
  /** Where this run keeps its data and logs; a new folder under `.runtime/` by default. */
  runDir?: string;
  sparkHeap?: string;
  kafkaHeap?: string;
  sparkUi?: boolean;
  /** Progress of the one-time JVM download and of the servers' start-up. */
  onProgress?: (line: string) => void;
}

export interface LocalRuntimeDirs {
  root: string;
  kafka: string;
  spark: string;
  objectStore: string;
  /** Where a pipeline run puts its lake, checkpoints and dead letters. */
  pipeline: string;
}

export interface LocalRuntime {
  /** host:port of the broker, when Kafka was asked for. */
  kafkaBootstrap?: string;
  /** sc://… connection string with this run's token, when Spark was asked for. */
  sparkConnectUrl?: string;
  sparkVersion?: string;
  dirs: LocalRuntimeDirs;
  kafka?: KafkaServer;
  spark?: SparkConnectServer;
  objectStore?: ObjectStoreServer;
  /**
   * Where a pipeline run keeps its lake and checkpoints: `dirs.pipeline`, or the object store's
   * bucket (`s3a://…`) when the runtime has one.
   */
  pipelineData: string;
  /** Stops every server of the run and waits until their JVMs are gone. */
  stop(): Promise<void>;
}

/** Resolves the pinned JVM runtime once, with a progress line per step of the first download. */
export function resolveLocalRuntime(onProgress?: ResolveProgress): Promise<JvmClasspaths> {
  requireJava17();
  return resolveJvmClasspaths(onProgress);
}

/**
 * Starts a real Kafka broker (KRaft) and/or a real Spark Connect server on free loopback ports,
 * in a run directory of their own, and resolves once each answers a real request.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const { kafka: wantKafka = true, spark: wantSpark = true, onProgress = () => {} } = options;
  const java = requireJava17();
  const classpaths = await resolveJvmClasspaths(({ line }) => onProgress(line));
  const root = resolve(options.runDir ?? newRunDir("run"));
  const dirs: LocalRuntimeDirs = {
    root,
    kafka: join(root, "kafka"),
    spark: join(root, "spark"),
    objectStore: join(root, "object-store"),
    pipeline: join(root, "pipeline"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });

  const kafka = wantKafka
    ? new KafkaServer({
        java,
        classpath: classpaths.kafka,
        dir: dirs.kafka,
        brokerPort: await freeLoopbackPort(),
        controllerPort: await freeLoopbackPort(),
        ...(options.kafkaHeap ? { heap: options.kafkaHeap } : {}),
      })
    : undefined;
  const objectStore = options.objectStore
    ? new ObjectStoreServer({
        java,
        classpath: classpaths.s3proxy,
        dir: dirs.objectStore,
        port: await freeLoopbackPort(),
        credentials: newObjectStoreCredentials(),
        bucket: "lake",
      })
    : undefined;
  const sparkOptions: SparkConnectServerOptions = {
    java,
    classpath: classpaths.spark,
    dir: dirs.spark,
    port: await freeLoopbackPort(),
    ...(options.sparkHeap ? { heap: options.sparkHeap } : {}),
    ...(options.sparkUi ? { uiPort: await freeLoopbackPort() } : {}),
    ...(objectStore
      ? {
          conf: s3aSparkConf({ ...objectStore.endpoint, credentials: "environment" }),
          env: s3Environment(objectStore.credentials),
        }
      : {}),
  };
  const spark = wantSpark ? new SparkConnectServer(sparkOptions) : undefined;

  const stop = async () => {
    await Promise.all([kafka?.stop(), spark?.stop(), objectStore?.stop()]);
  };
  const names = [kafka && "Kafka", spark && "Spark Connect", objectStore && "the object store"];
  onProgress(`starting ${names.filter(Boolean).join(", ")} in ${root}`);
  const [kafkaStart, sparkStart, storeStart] = await Promise.allSettled([
    kafka?.start(),
    spark?.start(),
    objectStore?.start(),
  ]);
  const failed = [kafkaStart, sparkStart, storeStart].find((result) => result.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const runtime: LocalRuntime = {
    dirs,
    stop,
    pipelineData: objectStore ? `s3a://${objectStore.bucket}` : dirs.pipeline,
  };
  if (objectStore) runtime.objectStore = objectStore;
  if (kafka) {
    runtime.kafka = kafka;
    runtime.kafkaBootstrap = kafka.bootstrap;
  }
  if (spark) {
    runtime.spark = spark;
    runtime.sparkConnectUrl = spark.url;
    if (sparkStart.status === "fulfilled" && sparkStart.value) runtime.sparkVersion = sparkStart.value;
  }
  return runtime;
}
