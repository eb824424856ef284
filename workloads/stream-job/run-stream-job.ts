import pino, { type Logger } from "pino";
import { parseStreamJobConfig, type StreamJobOptions } from "./config.ts";
import { serveSupervisor } from "./http-server.ts";
import { streamJobQueries } from "./queries/index.ts";
import { StreamJobSupervisor } from "./supervisor/supervisor.ts";

export interface StreamJobHandle {
  supervisor: StreamJobSupervisor;
  /** Base URL of /metrics, /healthz, /readyz, /status. */
  httpUrl: string;
  /** Resolves when the job has stopped (stop(), POST /stop, or every query finished). */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the stream job: validates the config (throwing before anything connects), serves its
 * HTTP endpoints, starts the supervisor. The same function backs `stream-job run` and `npm start`.
 */
export async function runStreamJob(options: StreamJobOptions, logger?: Logger): Promise<StreamJobHandle> {
  const config = parseStreamJobConfig(options);
  const log = logger ?? pino({ name: "stream-job" });
  const supervisor = new StreamJobSupervisor({ config, queries: streamJobQueries, logger: log });
  let stopping: Promise<void> | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
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
  const watchFinished = setInterval(() => {
    if (supervisor.allFinished()) void stop();
  }, config.pollIntervalMs);
  void done.then(() => clearInterval(watchFinished));
  return { supervisor, httpUrl: http.url, done, stop };
}
