import { setTimeout as sleep } from "node:timers/promises";
import pino, { type Logger } from "pino";
import type { OptionNamer } from "../command-line/options.ts";
import { SparkSession, type StreamingQuery } from "../spark-connect/index.ts";
import { verifyCheckpointLayout } from "./checkpoint-layout.ts";
import { intervalMs, parseStreamJobConfig, type StreamJobConfig, type StreamJobOptions } from "./config.ts";
import { serveSupervisor } from "./http-server.ts";
import { supervisorKafka } from "./kafka-client.ts";
import { type QueryDefinition, streamJobQueries } from "./queries/index.ts";
import { jobSessionSettings } from "./spark-settings.ts";
import { followServiceSignals } from "./supervisor/service-signals-feed.ts";
import { StreamJobSupervisor } from "./supervisor/supervisor.ts";
import { verifyTaskSlots } from "./task-slots.ts";

/** Told of each query run the supervisor starts: how a benchmark reads every batch's full progress. */
export type QueryObserver = (name: string, query: StreamingQuery) => void;

export interface StreamJobHandle {
  supervisor: StreamJobSupervisor;
  /** Base URL of /metrics, /healthz, /readyz, /status. */
  httpUrl: string;
  /** Resolves when the job has stopped (stop(), POST /stop, or every query finished). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the stream job: validates the config (throwing before anything connects), checks the
 * checkpoints were written by this layout and the server has the task slots a real-time query
 * needs (throwing, with what to do, when not), serves its
 * HTTP endpoints, starts the supervisor. The same function backs `stream-job run` and `npm start`.
 */
export async function runStreamJob(
  options: StreamJobOptions,
  logger?: Logger,
  observer?: QueryObserver,
  nameOption?: OptionNamer,
): Promise<StreamJobHandle> {
  const parsed = parseStreamJobConfig(options, nameOption);
  // The job's own Spark settings first; settings passed in `sparkConf` win over them.
  const config = { ...parsed, sparkConf: { ...jobSessionSettings(parsed), ...parsed.sparkConf } };
  const log = logger ?? pino({ name: "stream-job" });
  const queries = observed(streamJobQueries(config), observer);
  await checkServerWhenReachable(config, queries, log);
  const supervisor = new StreamJobSupervisor({ config, queries, logger: log });
  let stopping: Promise<void> | undefined;
  let signals: ReturnType<typeof followServiceSignals> | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
      await signals?.stop();
      await supervisor.stop();
      await http.close();
      finish();
    })();
    return stopping;
  };
  const http = await serveSupervisor(supervisor, {
    host: config.http.host,
    port: config.http.port,
    livenessWindowMs: Math.max(30_000, config.pollIntervalMs * 10),
    onStop: () => void stop(),
  });
  log.info({ http: http.url }, "stream job serving /metrics, /healthz, /readyz, /status");
  await supervisor.start();
  signals = followServiceSignals(
    supervisorKafka(config, "stream-job-service-signals"),
    {
      topics: config.topics,
      windowMs: intervalMs(config.window),
      anomaly: { ...config.alerting.anomaly, minRequests: config.alerting.minRequests },
    },
    supervisor.metrics,
    log,
  );
  const watchFinished = setInterval(() => {
    if (supervisor.allFinished()) void stop();
  }, config.pollIntervalMs);
  void done.then(() => clearInterval(watchFinished));
  return { supervisor, httpUrl: http.url, done, stop };
}

/**
 * Waits for the Spark Connect server (it may start after the job), then checks the checkpoint
 * layout and the task slots.
 */
async function checkServerWhenReachable(
  config: StreamJobConfig,
  queries: readonly QueryDefinition[],
  log: Logger,
): Promise<void> {
  for (;;) {
    let session: SparkSession;
    try {
      session = await SparkSession.builder().remote(config.sparkConnectUrl).create();
      await session.version().catch(async (error: unknown) => {
        await session.stop().catch(() => undefined);
        throw error;
      });
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "waiting for Spark Connect");
      await sleep(5_000);
      continue;
    }
    try {
      await verifyCheckpointLayout(session, config, queries);
      return await verifyTaskSlots(
        session,
        supervisorKafka(config, "stream-job-task-slots"),
        config,
        queries,
      );
    } finally {
      await session.stop();
    }
  }
}

/** The queries, each telling the observer of every run it starts. */
function observed(
  queries: readonly QueryDefinition[],
  observer: QueryObserver | undefined,
): readonly QueryDefinition[] {
  if (!observer) return queries;
  return queries.map((definition) => ({
    ...definition,
    async start(session, config) {
      const query = await definition.start(session, config);
      observer(definition.name, query);
      return query;
    },
  }));
}
