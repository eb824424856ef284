import { type Logger, pino } from "pino";
import type { OptionNamer } from "../command-line/options.ts";
import type { EventSourceConfig } from "./batch-builder.ts";
import { inlineBatchSource } from "./batch-source.ts";
import { type Clock, systemClock } from "./clock.ts";
import { type ProducerConfig, type ProducerOptions, parseProducerOptions } from "./config.ts";
import type { IncidentRecord, IncidentSpec } from "./incidents.ts";
import { connectKafkaSink } from "./kafka-sink.ts";
import { ProducerMetrics } from "./metrics.ts";
import { type MetricsServer, startMetricsServer } from "./metrics-server.ts";
import { type LoopResult, ProduceLoop, type StopReason } from "./produce-loop.ts";
import type { TargetRate } from "./rate-limiter.ts";
import { rateAt } from "./rate-profile.ts";
import { RunMonitor } from "./run-monitor.ts";
import type { LogSink } from "./sink.ts";
import { ProducerTotals, type TotalsSnapshot } from "./totals.ts";
import { WorkerBatchSource } from "./worker-batch-source.ts";

/** What a run did, honestly: every event sent was acked or failed, and malformed records apart. */
export interface ProducerSummary extends Omit<TotalsSnapshot, "inFlight"> {
  topic: string;
  brokers: string[];
  format: ProducerConfig["format"];
  compression: ProducerConfig["compression"];
  seed: number;
  target: TargetRate;
  startedAt: string;
  endedAt: string;
  elapsedSeconds: number;
  /** Acknowledged events per second over the whole run. */
  achievedRate: number;
  /** Value bytes sent per second, in MB (10^6). */
  megabytesPerSecond: number;
  incidents: IncidentRecord[];
  stoppedBy: StopReason;
  error?: string;
}

/** What a progress line shows. */
export interface ProducerProgress {
  elapsedSeconds: number;
  /** Acknowledged events/s over the last seconds. */
  rate: number;
  /** The rate aimed at now; undefined at max. */
  targetRate: number | undefined;
  totals: TotalsSnapshot;
  activeIncidents: IncidentRecord[];
}

export interface ProducerHandle {
  /** Resolves once connected (topic ready) and producing; rejects if the broker cannot be reached. */
  readonly ready: Promise<void>;
  /** Resolves with the summary when the run ends; rejects with a `ProducerRunError` (with its summary) on failure. */
  readonly done: Promise<ProducerSummary>;
  /** The `/metrics` port once `ready`, when a metrics port was asked for. */
  readonly metricsPort: number | undefined;
  totals(): TotalsSnapshot;
  progress(): ProducerProgress;
  /** Starts an incident now, in event time. */
  injectIncident(spec: Omit<IncidentSpec, "startAfterMs">): IncidentRecord;
  /** Stops producing, waits for what is in flight and resolves with the summary. */
  stop(): Promise<ProducerSummary>;
}

/** The run stopped on an error; what it did until then is in `summary`. */
export class ProducerRunError extends Error {
  override readonly name = "ProducerRunError";

  constructor(
    message: string,
    readonly summary: ProducerSummary,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface RunProducerDependencies {
  /** Where the batches go instead of Kafka (tests). */
  sink?: LogSink;
  clock?: Clock;
  logger?: Logger;
  /** How option errors name the option (the CLI names its flags). */
  nameOption?: OptionNamer;
}

function summarize(
  config: ProducerConfig,
  result: LoopResult,
  totals: TotalsSnapshot,
  incidents: IncidentRecord[],
): ProducerSummary {
  const elapsedSeconds = Math.max(0.001, (result.endedAtMs - result.startedAtMs) / 1000);
  const { inFlight: _inFlight, ...counts } = totals;
  const summary: ProducerSummary = {
    topic: config.topic,
    brokers: config.brokers,
    format: config.format,
    compression: config.compression,
    seed: config.seed,
    target: config.rate,
    startedAt: new Date(result.startedAtMs).toISOString(),
    endedAt: new Date(result.endedAtMs).toISOString(),
    elapsedSeconds,
    achievedRate: counts.events.acked / elapsedSeconds,
    megabytesPerSecond: counts.bytes / 1e6 / elapsedSeconds,
    ...counts,
    incidents,
    stoppedBy: result.stoppedBy,
  };
  if (result.error) summary.error = result.error.message;
  return summary;
}

/**
 * Produces log events into Kafka until the count or duration is reached or `stop()` is called.
 * Options are checked before anything connects: a bad one throws a `ProducerOptionError` here.
 */
export function runProducer(
  options: ProducerOptions,
  dependencies: RunProducerDependencies = {},
): ProducerHandle {
  const config = parseProducerOptions(options, dependencies.nameOption);
  const clock = dependencies.clock ?? systemClock;
  const logger = dependencies.logger ?? pino({ name: "log-producer", level: config.logLevel });
  const metrics = new ProducerMetrics({ withTargetRate: config.rate !== "max" });
  const eventSource: EventSourceConfig = {
    seed: config.seed,
    services: config.services,
    incidents: config.incidents,
    format: config.format,
    maxBatchBytes: config.maxBatchBytes,
    malformedRatio: config.malformedRatio,
  };
  const source =
    config.generatorThreads > 0 ? new WorkerBatchSource(eventSource) : inlineBatchSource(eventSource);
  const stopper = new AbortController();
  let loop: ProduceLoop | undefined;
  let metricsServer: MetricsServer | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const targetNow = () =>
    config.rate === "max" || !loop ? undefined : rateAt(config.rate, clock.now() - loop.startedAt);
  const noTotals = new ProducerTotals();
  const monitor = new RunMonitor(source, metrics, logger);
  const tick = () => {
    if (loop) monitor.observe(clock.now(), loop.totals.acked, targetNow());
  };

  const run = async (): Promise<ProducerSummary> => {
    let sink: LogSink | undefined;
    const ticker = setInterval(tick, 1000);
    ticker.unref();
    try {
      if (config.metricsPort !== undefined) {
        metricsServer = await startMetricsServer(
          metrics.registry,
          config.metricsPort,
          config.metricsHost,
          () => sink !== undefined,
        );
        logger.info({ port: metricsServer.port }, "serving /metrics");
      }
      sink =
        dependencies.sink ??
        (await connectKafkaSink({
          brokers: config.brokers,
          clientId: config.clientId,
          ...(config.saslMechanism && config.saslUsername && config.saslPassword
            ? {
                sasl: {
                  mechanism: config.saslMechanism,
                  username: config.saslUsername,
                  password: config.saslPassword,
                },
              }
            : {}),
          ...(config.tls ? { tls: { caFile: config.caFile } } : {}),
          topic: config.topic,
          createTopic: config.createTopic,
          partitions: config.partitions,
          replicationFactor: config.replicationFactor,
          compression: config.compression,
          producers: config.producers,
          connectTimeoutMs: config.connectTimeoutMs,
          logger,
        }));
      loop = new ProduceLoop({
        source,
        sink,
        clock,
        target: config.rate,
        ...(config.count !== undefined ? { count: config.count } : {}),
        ...(config.durationMs !== undefined ? { durationMs: config.durationMs } : {}),
        batchSize: config.batchSize,
        lingerMs: config.lingerMs,
        maxSendsInFlight: sink.maxSendsInFlight ?? 1,
        maxConsecutiveFailures: config.maxConsecutiveFailures,
        observer: {
          batchSent: (tally) => metrics.batchSent(tally),
          batchAcked: (tally, seconds) => metrics.batchAcked(tally, seconds),
          batchFailed: (tally, error) => {
            metrics.batchFailed(tally);
            logger.warn({ err: error, records: tally.events + tally.malformed }, "send failed");
          },
        },
        signal: stopper.signal,
      });
      logger.info(
        { topic: config.topic, target: config.rate, count: config.count, durationMs: config.durationMs },
        "producing",
      );
      markReady();
      const result = await loop.run();
      tick();
      const summary = summarize(config, result, loop.totals.snapshot(), source.incidents());
      if (result.error) throw new ProducerRunError(result.error.message, summary, { cause: result.error });
      return summary;
    } finally {
      clearInterval(ticker);
      await Promise.allSettled([sink?.close(), metricsServer?.close(), source.close()]);
    }
  };

  const done = run();
  const readyOrFailed = Promise.race([ready, done.then(() => undefined)]);
  readyOrFailed.catch(() => {});
  return {
    ready: readyOrFailed,
    done,
    get metricsPort() {
      return metricsServer?.port;
    },
    totals: () => (loop?.totals ?? noTotals).snapshot(),
    progress: () => ({
      elapsedSeconds: loop ? (clock.now() - loop.startedAt) / 1000 : 0,
      rate: monitor.rate,
      targetRate: targetNow(),
      totals: (loop?.totals ?? noTotals).snapshot(),
      activeIncidents: source.activeIncidents(),
    }),
    injectIncident: (spec) => {
      const record = source.injectIncident(spec);
      logger.info({ incident: record }, "incident injected");
      return record;
    },
    stop: () => {
      stopper.abort();
      return done;
    },
  };
}
