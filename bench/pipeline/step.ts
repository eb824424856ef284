import { loadavg } from "node:os";
import { join } from "node:path";
import type { Kafka } from "kafkajs";
import pino from "pino";
import { type TopicNames, topicLayout, topicsToCreate } from "../../workloads/contract/topics.ts";
import { connectKafkaSink } from "../../workloads/producer/kafka-sink.ts";
import { runProducer } from "../../workloads/producer/run-producer.ts";
import type { StreamJobOptions } from "../../workloads/stream-job/config.ts";
import { runStreamJob, type StreamJobHandle } from "../../workloads/stream-job/run-stream-job.ts";
import { CpuMeter } from "./cpu.ts";
import { DeadLetterLatencyMeter } from "./dead-letter-latency.ts";
import { FreshnessMeter, percentile } from "./freshness.ts";
import { slope } from "./lag-trend.ts";
import { type PhaseSummary, ProgressRecorder } from "./progress-phases.ts";

/** The local runtime as the benchmark needs it. */
export interface BenchEnvironment {
  kafka: Kafka;
  bootstrap: string;
  sparkConnectUrl: string;
  /** Where each job's lake and checkpoints go. */
  workDir: string;
  /** Processes whose CPU the steps report, by name. */
  pids: Record<string, number>;
}

/** Share of the producer's records that are malformed: what the dead-letter latency is measured on. */
export const malformedRatio = 0.001;

export interface StepResult {
  rate: number;
  seconds: number;
  /** The producer's own acknowledged events/s over the step. */
  producerEventsPerSecond: number;
  /** How fast the largest of the queries' lag grew over the step's second half (records/s, least squares). */
  lagGrowthPerSecond: number;
  finalLag: number;
  sustained: boolean;
  /** The largest query lag, each second of the step: [seconds into the step, records]. */
  lagSeries: [number, number][];
  /** Per query: rows over batch time of the batches with data in the second half. */
  processedRowsPerSecond: Record<string, number>;
  /** Per query: mean ms per batch phase over the same batches. */
  phases: Record<string, PhaseSummary>;
  freshnessSamples: number;
  freshnessP50Seconds: number;
  freshnessP95Seconds: number;
  deadLetterSamples: number;
  deadLetterLatencyP50Seconds: number;
  deadLetterLatencyP95Seconds: number;
  /**
   * Events the job handled per second of Spark's CPU over the second half (records its batches
   * moved each query's offsets over, averaged over the queries): what a setting costs, whatever
   * share of the machine Spark got while other work ran.
   */
  eventsPerSparkCpuSecond: number;
  /** Cores each process used over the second half. */
  cpuCores: Record<string, number>;
  loadAverage: number;
}

/** Lag that grows by more than this share of the input rate means the job falls behind. */
export const lagGrowthTolerance = 0.1;
/** A producer short of this share of its target rate did not test the job at that rate. */
const producerTolerance = 0.95;

const round2 = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(2)) : null);

/**
 * One stream job (library) on its own topics, fed by the producer (library) one rate step
 * after another; the job keeps running between steps, as it would in production. It meters
 * freshness on its metrics topic, dead-letter latency on its dead-letter topic, and every
 * batch's progress, throughout.
 */
export class PipelineUnderTest {
  /** Freshness samples of the last step's measured half, for the chart. */
  lastFreshnessSamples: number[] = [];

  private constructor(
    private readonly env: BenchEnvironment,
    readonly topics: TopicNames,
    private readonly job: StreamJobHandle,
    private readonly progress: ProgressRecorder,
    private readonly freshness: FreshnessMeter,
    private readonly deadLetters: DeadLetterLatencyMeter,
  ) {}

  static async start(
    env: BenchEnvironment,
    name: string,
    options: { window: string; windowMs: number; job: Partial<StreamJobOptions> },
  ): Promise<PipelineUnderTest> {
    const topics: TopicNames = {
      logs: `${name}-logs`,
      metrics: `${name}-metrics`,
      alerts: `${name}-alerts`,
      deadLetters: `${name}-dead-letters`,
    };
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: topicsToCreate(topics) });
    } finally {
      await admin.disconnect();
    }
    const progress = new ProgressRecorder();
    const freshness = new FreshnessMeter(options.windowMs, env.kafka, topics.metrics);
    const deadLetters = new DeadLetterLatencyMeter(env.kafka, topics.deadLetters);
    await freshness.start();
    await deadLetters.start();
    const job = await runStreamJob(
      {
        sparkConnectUrl: env.sparkConnectUrl,
        kafkaBootstrap: env.bootstrap,
        topics,
        lakePath: join(env.workDir, name, "lake"),
        checkpointPath: join(env.workDir, name, "checkpoints"),
        window: options.window,
        pollIntervalMs: 1_000,
        http: { port: 0 },
        ...options.job,
      },
      pino({ level: "warn" }),
      progress.observe,
    );
    return new PipelineUnderTest(env, topics, job, progress, freshness, deadLetters);
  }

  /** Produces at `rate` for `seconds`; lag, batches, freshness and CPU are read over the second half. */
  async step(rate: number, seconds: number): Promise<StepResult> {
    const logger = pino({ level: "warn" });
    const producer = runProducer(
      {
        brokers: this.env.bootstrap,
        topic: this.topics.logs,
        rate,
        seed: rate,
        logLevel: "warn",
        malformedRatio,
      },
      { logger, sink: this.freshness.observing(await this.kafkaSink(logger)) },
    );
    await producer.ready;
    const startedAt = Date.now();
    const cpu = new CpuMeter(this.env.pids);
    const lagSeries: [number, number][] = [];
    const lagByQuery = new Map<string, [number, number][]>();
    let halfReachedAt: number | undefined;
    while (Date.now() - startedAt < seconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const elapsed = (Date.now() - startedAt) / 1000;
      const queries = this.job.supervisor.status().queries;
      const lags = queries.flatMap((query) => (query.lagRecords === undefined ? [] : [query.lagRecords]));
      if (lags.length > 0) lagSeries.push([Math.round(elapsed), Math.max(...lags)]);
      if (elapsed < seconds / 2) continue;
      if (halfReachedAt === undefined) {
        halfReachedAt = Date.now();
        cpu.start();
        this.progress.measureFrom(halfReachedAt);
      }
      for (const query of queries) {
        if (query.lagRecords !== undefined)
          lagByQuery.set(query.name, [...(lagByQuery.get(query.name) ?? []), [elapsed, query.lagRecords]]);
      }
      await this.progress.sample();
    }
    const endedAt = Date.now();
    const cpuCores = cpu.stop();
    const summary = await producer.stop();
    const from = halfReachedAt ?? startedAt;
    const queries = this.job.supervisor.status().queries;
    const growth = Math.max(0, ...[...lagByQuery.values()].map((points) => slope(points)));
    const fresh = this.freshness.between(from, endedAt);
    const deadLetterLatencies = this.deadLetters.between(from, endedAt);
    this.lastFreshnessSamples = fresh.map((value) => Number(value.toFixed(3)));
    const result: StepResult = {
      rate,
      seconds,
      producerEventsPerSecond: Math.round(summary.achievedRate),
      lagGrowthPerSecond: Math.round(growth),
      finalLag: Math.max(0, ...queries.map((query) => query.lagRecords ?? 0)),
      sustained:
        lagByQuery.size === queries.length &&
        growth <= rate * lagGrowthTolerance &&
        summary.achievedRate >= rate * producerTolerance,
      lagSeries,
      processedRowsPerSecond: this.progress.processedRowsPerSecond(),
      phases: this.progress.phases(),
      freshnessSamples: fresh.length,
      freshnessP50Seconds: round2(percentile(fresh, 0.5)) as number,
      freshnessP95Seconds: round2(percentile(fresh, 0.95)) as number,
      deadLetterSamples: deadLetterLatencies.length,
      deadLetterLatencyP50Seconds: round2(percentile(deadLetterLatencies, 0.5)) as number,
      deadLetterLatencyP95Seconds: round2(percentile(deadLetterLatencies, 0.95)) as number,
      eventsPerSparkCpuSecond: Math.round(
        this.progress.meanRowsPerQuery() / Math.max(0.001, (cpuCores.spark ?? 0) * ((endedAt - from) / 1000)),
      ),
      cpuCores,
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
    };
    const { lagSeries: _series, phases: _phases, ...line } = result;
    console.error(`[bench] ${this.topics.logs} ${JSON.stringify(line)}`);
    return result;
  }

  /** The job's query names, in the supervisor's order. */
  queryNames(): string[] {
    return this.job.supervisor.status().queries.map((query) => query.name);
  }

  /**
   * Waits, producing nothing, until every query has read all but `records` of the topic, or
   * `maxSeconds` have passed; resolves with the largest lag left.
   */
  async drain(records: number, maxSeconds: number): Promise<number> {
    const deadline = Date.now() + maxSeconds * 1000;
    for (;;) {
      const lags = this.job.supervisor
        .status()
        .queries.map((query) => query.lagRecords ?? Number.POSITIVE_INFINITY);
      const largest = Math.max(...lags);
      if (largest <= records || Date.now() >= deadline) return largest;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** The producer's own Kafka sink, for the freshness meter to wrap. */
  private kafkaSink(logger: pino.Logger) {
    return connectKafkaSink({
      brokers: [this.env.bootstrap],
      clientId: "bench-pipeline",
      topic: this.topics.logs,
      partitions: topicLayout.logs.partitions,
      replicationFactor: 1,
      compression: "gzip",
      connectTimeoutMs: 30_000,
      logger,
    });
  }

  async stop(): Promise<void> {
    await this.job.stop();
    await Promise.allSettled([this.freshness.stop(), this.deadLetters.stop()]);
  }
}
