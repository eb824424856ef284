import { loadavg } from "node:os";
import { join } from "node:path";
import type { Kafka } from "kafkajs";
import pino from "pino";
import { connectKafkaSink } from "../../workloads/producer/kafka-sink.ts";
import { runProducer } from "../../workloads/producer/run-producer.ts";
import { runStreamJob, type StreamJobHandle } from "../../workloads/stream-job/run-stream-job.ts";
import { CpuMeter } from "./cpu.ts";
import type { FreshnessMeter } from "./freshness.ts";
import { slope } from "./lag-trend.ts";

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

export interface StepResult {
  rate: number;
  trigger: string;
  seconds: number;
  /** The producer's own acknowledged events/s over the step. */
  producerEventsPerSecond: number;
  /** How fast the largest of the queries' lag grew over the step's second half (records/s, least squares). */
  lagGrowthPerSecond: number;
  finalLag: number;
  sustained: boolean;
  /** Per query: rows over batch time of the distinct micro-batches of the second half. */
  processedRowsPerSecond: Record<string, number>;
  /** Cores each process used over the second half. */
  cpuCores: Record<string, number>;
  loadAverage: number;
}

/** Lag that grows by more than this share of the input rate means the job falls behind. */
export const lagGrowthTolerance = 0.1;
/** A producer short of this share of its target rate did not test the job at that rate. */
const producerTolerance = 0.95;

/** Samples the job's status every second over a step's second half. */
class JobSampler {
  readonly lag = new Map<string, [number, number][]>();
  /** Distinct batches per query: batch id → [rows, batch ms]. */
  readonly batches = new Map<string, Map<number, [number, number]>>();

  sample(job: StreamJobHandle, elapsedSeconds: number): void {
    for (const query of job.supervisor.status().queries) {
      if (query.lagRecords !== undefined)
        this.lag.set(query.name, [...(this.lag.get(query.name) ?? []), [elapsedSeconds, query.lagRecords]]);
      const progress = query.lastProgress;
      if (progress && progress.numInputRows > 0) {
        const batches = this.batches.get(query.name) ?? new Map<number, [number, number]>();
        batches.set(progress.batchId, [progress.numInputRows, progress.batchDurationMs]);
        this.batches.set(query.name, batches);
      }
    }
  }

  lagGrowth(): number {
    return Math.max(0, ...[...this.lag.values()].map((points) => slope(points)));
  }

  processedRowsPerSecond(): Record<string, number> {
    return Object.fromEntries(
      [...this.batches].map(([query, batches]) => {
        let rows = 0;
        let ms = 0;
        for (const [batchRows, batchMs] of batches.values()) {
          rows += batchRows;
          ms += batchMs;
        }
        return [query, ms > 0 ? Math.round((rows / ms) * 1000) : 0];
      }),
    );
  }
}

/**
 * One stream job (library) on its own topics, fed by the producer (library) one rate step
 * after another; the job keeps running between steps, as it would in production.
 */
export class PipelineUnderTest {
  private constructor(
    private readonly env: BenchEnvironment,
    readonly topics: { logs: string; metrics: string; alerts: string; deadLetters: string },
    readonly trigger: string,
    private readonly job: StreamJobHandle,
  ) {}

  static async start(
    env: BenchEnvironment,
    name: string,
    options: { trigger: string; window: string },
  ): Promise<PipelineUnderTest> {
    const topics = {
      logs: `${name}-logs`,
      metrics: `${name}-metrics`,
      alerts: `${name}-alerts`,
      deadLetters: `${name}-dead-letters`,
    };
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 6, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
    const job = await runStreamJob(
      {
        sparkConnectUrl: env.sparkConnectUrl,
        kafkaBootstrap: env.bootstrap,
        topics,
        lakePath: join(env.workDir, name, "lake"),
        checkpointPath: join(env.workDir, name, "checkpoints"),
        trigger: options.trigger,
        window: options.window,
        pollIntervalMs: 1_000,
        http: { port: 0 },
      },
      pino({ level: "warn" }),
    );
    return new PipelineUnderTest(env, topics, options.trigger, job);
  }

  /** Produces at `rate` for `seconds`; lag, batches and CPU are read over the second half. */
  async step(rate: number, seconds: number, freshness?: FreshnessMeter): Promise<StepResult> {
    const logger = pino({ level: "warn" });
    const producer = runProducer(
      { brokers: this.env.bootstrap, topic: this.topics.logs, rate, seed: rate, logLevel: "warn" },
      freshness ? { logger, sink: freshness.observing(await this.kafkaSink(logger)) } : { logger },
    );
    await producer.ready;
    const startedAt = Date.now();
    const sampler = new JobSampler();
    const cpu = new CpuMeter(this.env.pids);
    let halfReached = false;
    while (Date.now() - startedAt < seconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const elapsed = (Date.now() - startedAt) / 1000;
      if (elapsed < seconds / 2) continue;
      if (!halfReached) {
        halfReached = true;
        cpu.start();
        freshness?.measureFrom(Date.now());
      }
      sampler.sample(this.job, elapsed);
    }
    const cpuCores = cpu.stop();
    const summary = await producer.stop();
    const queries = this.job.supervisor.status().queries;
    const growth = sampler.lagGrowth();
    const result: StepResult = {
      rate,
      trigger: this.trigger,
      seconds,
      producerEventsPerSecond: Math.round(summary.achievedRate),
      lagGrowthPerSecond: Math.round(growth),
      finalLag: Math.max(0, ...queries.map((query) => query.lagRecords ?? 0)),
      sustained:
        sampler.lag.size === queries.length &&
        growth <= rate * lagGrowthTolerance &&
        summary.achievedRate >= rate * producerTolerance,
      processedRowsPerSecond: sampler.processedRowsPerSecond(),
      cpuCores,
      loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
    };
    console.error(`[bench] ${this.topics.logs} ${JSON.stringify(result)}`);
    return result;
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
      partitions: 6,
      replicationFactor: 1,
      compression: "gzip",
      connectTimeoutMs: 30_000,
      logger,
    });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
