import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import pino from "pino";
import { topicNames, topicsToCreate } from "../contract/topics.ts";
import { type LocalRuntime, startLocalRuntime } from "../local-servers/runtime.ts";
import {
  type IncidentSpec,
  type ProducerHandle,
  type ProducerSummary,
  runProducer,
} from "../producer/index.ts";
import { runStreamJob, type StreamJobHandle } from "../stream-job/run-stream-job.ts";
import { PipelineFeed } from "./pipeline-feed.ts";

/** The incidents a local run stages so that its alerts have something to find. */
export const demoIncidents: IncidentSpec[] = [
  { service: "checkout", kind: "error-spike", startAfterMs: 90_000, durationMs: 60_000 },
  { service: "search", kind: "latency-regression", startAfterMs: 210_000, durationMs: 60_000 },
];

export const lakeKinds = ["file", "s3"] as const;
export type LakeKind = (typeof lakeKinds)[number];

export interface LocalPipelineOptions {
  /** Run the producer; off to feed `logs` from elsewhere. */
  producer: boolean;
  /** Producer events/s. */
  rate: number;
  /** Stop the producer after this long (the pipeline keeps running until Ctrl-C). */
  durationMs?: number;
  incidents: boolean;
  /** One trigger for every query; unset, each query runs on its own default. */
  trigger?: string;
  /** Where the lake and checkpoints live: a local folder, or a local S3-compatible store. */
  lake: LakeKind;
  runDir?: string;
  sparkHeap?: string;
  onProgress?: (line: string) => void;
}

export interface LocalPipeline {
  runtime: LocalRuntime;
  producer: ProducerHandle | undefined;
  job: StreamJobHandle;
  feed: PipelineFeed;
  logs: { producer: string; streamJob: string };
  /** The lake's and the checkpoints' locations (folders, or `s3a://` URIs). */
  paths: { lake: string; checkpoints: string };
  /** Stops the producer (flushing), the job's queries, then the servers; resolves with the producer's totals. */
  stop(): Promise<ProducerSummary | undefined>;
}

/**
 * The whole pipeline on this machine: the embedded Kafka and Spark Connect, the topics, the
 * producer and the supervised stream job, with the job's output followed for the live view.
 */
export async function runLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const runtime = await startLocalRuntime({
    kafka: true,
    spark: true,
    objectStore: options.lake === "s3",
    ...(options.runDir ? { runDir: options.runDir } : {}),
    ...(options.sparkHeap ? { sparkHeap: options.sparkHeap } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  try {
    const bootstrap = runtime.kafkaBootstrap as string;
    const kafka = new Kafka({ clientId: "local-pipeline", brokers: [bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: topicsToCreate() });
    await admin.disconnect();

    const logs = {
      producer: join(runtime.dirs.root, "producer.log"),
      streamJob: join(runtime.dirs.root, "stream-job.log"),
    };
    const producer = options.producer
      ? runProducer(
          {
            brokers: bootstrap,
            topic: topicNames.logs,
            rate: options.rate,
            ...(options.durationMs ? { durationMs: options.durationMs } : {}),
            incidents: options.incidents ? demoIncidents : [],
          },
          { logger: pino({ name: "log-producer" }, pino.destination(logs.producer)) },
        )
      : undefined;
    await producer?.ready;

    // Not path.join: it would fold the `//` of an s3a:// URI.
    const paths = {
      lake: `${runtime.pipelineData}/lake`,
      checkpoints: `${runtime.pipelineData}/checkpoints`,
    };
    const job = await runStreamJob(
      {
        sparkConnectUrl: runtime.sparkConnectUrl as string,
        kafkaBootstrap: bootstrap,
        topics: topicNames,
        lakePath: paths.lake,
        checkpointPath: paths.checkpoints,
        ...(options.trigger ? { trigger: options.trigger } : {}),
        startingOffsets: "earliest",
        http: { port: 0 },
        // A demo run is minutes long: judge anomalies against every window before, from the first.
        alerting: { anomaly: { minWindows: 1, gapWindows: 0 } },
      },
      pino({ name: "stream-job" }, pino.destination(logs.streamJob)),
    );
    const feed = new PipelineFeed(kafka, topicNames);
    await feed.start();

    return {
      runtime,
      producer,
      job,
      feed,
      logs,
      paths,
      async stop() {
        const summary = await producer?.stop();
        await feed.stop();
        await job.stop();
        await runtime.stop();
        return summary;
      },
    };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
