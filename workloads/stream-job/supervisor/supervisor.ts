import type { Admin } from "kafkajs";
import type { Logger } from "pino";
import { SparkSession, type StreamingQuery, type StreamingQueryProgress } from "../../spark-connect/index.ts";
import type { StreamJobConfig } from "../config.ts";
import { supervisorKafka } from "../kafka-client.ts";
import type { QueryDefinition } from "../queries/index.ts";
import { restartDelayMs } from "./backoff.ts";
import { kafkaLag } from "./kafka-lag.ts";
import { SupervisorMetrics } from "./supervisor-metrics.ts";

export type QueryState = "starting" | "active" | "finished" | "failed" | "disconnected" | "stopped";

/** What the supervisor knows of one query: served on /status and printed by `stream-job status`. */
export interface QueryStatus {
  name: string;
  sink: string;
  state: QueryState;
  id?: string;
  runId?: string;
  restarts: number;
  lastError?: string;
  nextRestartAt?: string;
  lastProgress?: {
    batchId: number;
    timestamp: string;
    numInputRows: number;
    inputRowsPerSecond: number;
    processedRowsPerSecond: number;
    batchDurationMs: number;
    watermark?: string;
    stateRows: number;
  };
  lagRecords?: number;
}

export interface SupervisorStatus {
  connected: boolean;
  sparkConnect: string;
  queries: QueryStatus[];
}

interface ManagedQuery {
  definition: QueryDefinition;
  state: QueryState;
  query?: StreamingQuery;
  restarts: number;
  /** Failures in a row, for the backoff; reset once a run has stayed up for `backoffResetMs`. */
  consecutiveFailures: number;
  /** When the current run started: its batches before a failure do not make it healthy. */
  runStartedAtMs?: number;
  nextRestartAtMs?: number;
  lastError?: string;
  lastProgress?: StreamingQueryProgress;
  lastSeenBatchId: number;
  lagRecords?: number;
}

export interface SupervisorOptions {
  config: StreamJobConfig;
  queries: readonly QueryDefinition[];
  logger: Logger;
  metrics?: SupervisorMetrics;
  /** Opens a session; a new one after every reconnect. */
  connect?: (url: string) => Promise<SparkSession>;
}

/**
 * Starts the job's queries, watches them, and keeps them running: a failed query restarts from
 * its checkpoint with backoff; when the Spark Connect server goes away, the supervisor reconnects
 * once it is back and restarts every query from its checkpoint.
 */
export class StreamJobSupervisor {
  readonly metrics: SupervisorMetrics;
  private readonly managed: ManagedQuery[];
  private session: SparkSession | undefined;
  private reconnectAttempts = 0;
  private nextReconnectAtMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopping = false;
  private lagAdmin: Admin | undefined;
  /** When the watch loop last completed a pass: what the liveness probe checks. */
  lastPollAtMs = Date.now();

  constructor(private readonly options: SupervisorOptions) {
    this.metrics = options.metrics ?? new SupervisorMetrics();
    this.managed = options.queries.map((definition) => ({
      definition,
      state: "disconnected",
      restarts: 0,
      consecutiveFailures: 0,
      lastSeenBatchId: -1,
    }));
    // Exported at zero from the start, so that `increase()` over the series sees the first restart.
    for (const { name } of options.queries) this.metrics.restarts.inc({ query: name }, 0);
  }

  private get log(): Logger {
    return this.options.logger;
  }

  /** Connects, starts every query and begins watching. Resolves after the first pass. */
  async start(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => this.schedule());
    }, this.options.config.pollIntervalMs);
  }

  /** One pass: (re)connect when needed, start what should run, read progress, restart failures. */
  async poll(): Promise<void> {
    try {
      if (!this.session) await this.tryConnect();
      if (this.session) {
        for (const managed of this.managed) await this.watch(managed);
      }
    } finally {
      this.lastPollAtMs = Date.now();
      this.metrics.connected.set(this.session ? 1 : 0);
    }
  }

  private async tryConnect(): Promise<void> {
    if (Date.now() < this.nextReconnectAtMs) return;
    const { config } = this.options;
    try {
      const connect = this.options.connect ?? ((url: string) => SparkSession.builder().remote(url).create());
      const session = await connect(config.sparkConnectUrl);
      for (const [key, value] of Object.entries(config.sparkConf)) await session.conf.set(key, value);
      this.session = session;
      this.reconnectAttempts = 0;
      this.log.info({ version: await session.version() }, "connected to the Spark Connect server");
      for (const managed of this.managed) {
        managed.state = "starting";
        managed.nextRestartAtMs = undefined;
        managed.query = undefined;
      }
    } catch (error) {
      const delay = restartDelayMs(this.reconnectAttempts++);
      this.nextReconnectAtMs = Date.now() + delay;
      this.log.warn({ err: message(error), retryInMs: delay }, "Spark Connect server unreachable");
    }
  }

  /** The server stopped answering: drop the session and every query handle, reconnect later. */
  private disconnect(reason: string): void {
    if (!this.session) return;
    this.log.warn({ reason }, "lost the Spark Connect server; will reconnect and restart the queries");
    this.session = undefined;
    this.nextReconnectAtMs = 0;
    for (const managed of this.managed) {
      managed.query = undefined;
      managed.state = "disconnected";
      this.metrics.active.set({ query: managed.definition.name }, 0);
    }
  }

  private async serverAnswers(): Promise<boolean> {
    try {
      await this.session?.version();
      return true;
    } catch {
      return false;
    }
  }

  private async watch(managed: ManagedQuery): Promise<void> {
    const session = this.session;
    if (!session || managed.state === "finished" || managed.state === "stopped") return;
    const name = managed.definition.name;
    if (!managed.query) {
      if (managed.nextRestartAtMs !== undefined && Date.now() < managed.nextRestartAtMs) return;
      await this.startQuery(managed, session);
      return;
    }
    try {
      const query = managed.query;
      const active = await query.isActive();
      await this.readProgress(managed, query);
      if (active) {
        managed.state = "active";
        this.metrics.active.set({ query: name }, 1);
        this.resetBackoffOnceHealthy(managed);
        return;
      }
      const failure = await query.exception();
      this.metrics.active.set({ query: name }, 0);
      managed.query = undefined;
      if (!failure) {
        managed.state = "finished";
        this.log.info({ query: name }, "query finished (its trigger ran out of data)");
        return;
      }
      this.scheduleRestart(managed, failure.message);
    } catch (error) {
      if (!(await this.serverAnswers())) return this.disconnect(message(error));
      // The run may still be going on the server, and a query's name cannot start twice in a session.
      await managed.query?.stop().catch(() => undefined);
      managed.query = undefined;
      this.scheduleRestart(managed, message(error));
    }
  }

  private async startQuery(managed: ManagedQuery, session: SparkSession): Promise<void> {
    const name = managed.definition.name;
    managed.state = "starting";
    try {
      managed.query = await managed.definition.start(session, this.options.config);
      // What was known of the previous run (progress, lag) says nothing of this one.
      managed.lastProgress = undefined;
      managed.lagRecords = undefined;
      managed.lastSeenBatchId = -1;
      managed.state = "active";
      managed.nextRestartAtMs = undefined;
      managed.runStartedAtMs = Date.now();
      this.metrics.active.set({ query: name }, 1);
      this.log.info({ query: name, id: managed.query.id, runId: managed.query.runId }, "query started");
    } catch (error) {
      if (!(await this.serverAnswers())) return this.disconnect(message(error));
      this.scheduleRestart(managed, message(error));
    }
  }

  /**
   * Progress alone proves nothing: a run that fails after a batch or two made progress too. Only
   * a run still up `backoffResetMs` after its start earns a fresh backoff.
   */
  private resetBackoffOnceHealthy(managed: ManagedQuery): void {
    const startedAt = managed.runStartedAtMs;
    if (startedAt !== undefined && Date.now() - startedAt >= this.options.config.backoffResetMs)
      managed.consecutiveFailures = 0;
  }

  private scheduleRestart(managed: ManagedQuery, reason: string): void {
    const delay = restartDelayMs(managed.consecutiveFailures++);
    managed.state = "failed";
    managed.lastError = reason;
    managed.nextRestartAtMs = Date.now() + delay;
    managed.restarts += 1;
    this.metrics.restarts.inc({ query: managed.definition.name });
    this.log.error(
      { query: managed.definition.name, err: reason, restartInMs: delay },
      "query failed; restarting it from its checkpoint",
    );
  }

  private async readProgress(managed: ManagedQuery, query: StreamingQuery): Promise<void> {
    const name = managed.definition.name;
    const recent = await query.recentProgress();
    const fresh = recent.filter(
      (progress) =>
        progress.batchId > managed.lastSeenBatchId || progress.runId !== managed.lastProgress?.runId,
    );
    const newest = recent.at(-1);
    if (!newest) return;
    const deadLettersIn = managed.definition.deadLettersIn;
    if (deadLettersIn) {
      for (const progress of fresh) {
        const written = deadLettersIn(progress);
        if (written > 0) this.metrics.deadLetters.inc(written);
      }
    }
    managed.lastProgress = newest;
    managed.lastSeenBatchId = newest.batchId;
    this.metrics.recordProgress(name, newest, Date.now());
    managed.lagRecords = await this.lagOf(newest).catch(() => managed.lagRecords);
    if (managed.lagRecords !== undefined) this.metrics.lag.set({ query: name }, managed.lagRecords);
  }

  private async lagOf(progress: StreamingQueryProgress): Promise<number> {
    if (!this.lagAdmin) {
      this.lagAdmin = supervisorKafka(this.options.config).admin();
      await this.lagAdmin.connect();
    }
    return kafkaLag(this.lagAdmin, this.options.config.topics.logs, progress);
  }

  status(): SupervisorStatus {
    return {
      connected: this.session !== undefined,
      sparkConnect: this.options.config.sparkConnectUrl.replace(/;token=[^;]*/, ";token=***"),
      queries: this.managed.map((managed) => {
        const progress = managed.lastProgress;
        const status: QueryStatus = {
          name: managed.definition.name,
          sink: managed.definition.sink,
          state: managed.state,
          restarts: managed.restarts,
        };
        if (managed.query) {
          status.id = managed.query.id;
          status.runId = managed.query.runId;
        }
        if (managed.lastError) status.lastError = managed.lastError;
        if (managed.nextRestartAtMs !== undefined)
          status.nextRestartAt = new Date(managed.nextRestartAtMs).toISOString();
        if (managed.lagRecords !== undefined) status.lagRecords = managed.lagRecords;
        if (progress) {
          status.lastProgress = {
            batchId: progress.batchId,
            timestamp: progress.timestamp,
            numInputRows: progress.numInputRows,
            inputRowsPerSecond: progress.inputRowsPerSecond,
            processedRowsPerSecond: progress.processedRowsPerSecond,
            batchDurationMs: progress.durationMs.triggerExecution ?? progress.batchDuration,
            stateRows: progress.stateOperators.reduce((rows, operator) => rows + operator.numRowsTotal, 0),
            ...(progress.eventTime.watermark ? { watermark: progress.eventTime.watermark } : {}),
          };
        }
        return status;
      }),
    };
  }

  /** Ready when connected and no query is failed or waiting to start. */
  isReady(): boolean {
    return (
      this.session !== undefined && this.managed.every((m) => m.state === "active" || m.state === "finished")
    );
  }

  /** True once every query has finished on its own (an availableNow or once trigger ran out of data). */
  allFinished(): boolean {
    return this.managed.every((managed) => managed.state === "finished");
  }

  /** Stops every query cleanly (each finishes its batch and commits), then the session. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.polling;
    const session = this.session;
    await Promise.allSettled(
      this.managed.map(async (managed) => {
        await managed.query?.stop();
        managed.query = undefined;
        managed.state = "stopped";
        this.metrics.active.set({ query: managed.definition.name }, 0);
      }),
    );
    this.session = undefined;
    await Promise.allSettled([session?.stop(), this.lagAdmin?.disconnect()]);
    this.log.info("stream job stopped");
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
