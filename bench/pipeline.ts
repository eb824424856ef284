// The whole pipeline on the local runtime, on this machine: the highest producer rate the stream
// job sustains without growing lag, event-to-metric freshness and dead-letter latency at each
// rate, each batch phase per query, and an ablation (the old job, the new job, and the new job
// with each setting turned back) at one rate; beside them, the producer's own rate and Kafka's
// own ConsumerPerformance reading the same topic, for what the broker alone delivers.
// Run: npm run bench:pipeline [-- --quick] [-- --rates 5000,10000,20000,30000] [-- --step-seconds 120]
//      [-- --ablation-rate 10000] [-- --ablation-seconds 60] [-- --variants old,new] [-- --note "what else ran"]
// A variant with server settings (fifo-scheduler) restarts the Spark Connect server for its run.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import { startLocalRuntime } from "../workloads/local-servers/index.ts";
import { type AblationResult, runAblation } from "./pipeline/ablation-run.ts";
import { freshnessChart, lagChart, renderSvg } from "./pipeline/charts.ts";
import { kafkaConsumerPerformance } from "./pipeline/consumer-performance.ts";
import { javaChildPid } from "./pipeline/cpu.ts";
import { pipelineReportMarkdown } from "./pipeline/report.ts";
import { type BenchEnvironment, PipelineUnderTest, type StepResult } from "./pipeline/step.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rates: { type: "string", default: "5000,10000,20000,30000" },
    "step-seconds": { type: "string" },
    "ablation-rate": { type: "string", default: "10000" },
    "ablation-seconds": { type: "string" },
    note: { type: "string", default: "" },
    variants: { type: "string" },
  },
});
const stepSeconds = Number(args["step-seconds"] ?? (args.quick ? 30 : 120));
const ablationSeconds = Number(args["ablation-seconds"] ?? (args.quick ? 30 : 60));
const ablationRate = Number(args["ablation-rate"]);
const warmUpSeconds = args.quick ? 20 : 60;
const rates = args.rates.split(",").map(Number);
if (!(stepSeconds > 0) || !(ablationSeconds > 0) || !(ablationRate > 0) || rates.some((rate) => !(rate > 0)))
  throw new Error(
    "bench:pipeline: --step-seconds, --ablation-seconds, --ablation-rate and every --rates entry must be positive numbers",
  );
/** The rate the freshness and dead-letter goals are stated at. */
const headlineRate = 5_000;
const window = { spark: "1 minute", ms: 60_000 };
const resultsDir = join(import.meta.dirname, "results");

const runtime = await startLocalRuntime({ onProgress: (line) => console.error(`[runtime] ${line}`) });
const bootstrap = runtime.kafkaBootstrap as string;
const kafka = new Kafka({ clientId: "bench-pipeline", brokers: [bootstrap], logLevel: logLevel.NOTHING });
const env: BenchEnvironment = {
  kafka,
  bootstrap,
  sparkConnectUrl: runtime.sparkConnectUrl as string,
  workDir: runtime.dirs.pipeline,
  pids: {
    spark: javaChildPid(runtime.spark?.jvm?.pid as number),
    kafka: javaChildPid(runtime.kafka?.jvm?.pid as number),
    node: process.pid,
  },
};

try {
  // One job, as shipped, through the rate steps, kept running from step to step; a first,
  // unreported step warms the JVM (JIT, class loading, first batches) so the steps measure steady state.
  const rated = await PipelineUnderTest.start(env, "rates", {
    window: window.spark,
    windowMs: window.ms,
    job: {},
  });
  const steps: StepResult[] = [];
  const freshnessByRate = new Map<number, number[]>();
  try {
    await rated.step(rates[0] as number, warmUpSeconds);
    const left = await rated.drain(1_000, 180);
    console.error(`[bench] warm-up done; lag left ${left} records`);
    for (const rate of rates) {
      steps.push(await rated.step(rate, stepSeconds));
      freshnessByRate.set(rate, rated.lastFreshnessSamples);
      if (!steps.at(-1)?.sustained) break;
    }
  } finally {
    await rated.stop();
  }
  const ablation: AblationResult[] = await runAblation(env, {
    rate: ablationRate,
    seconds: ablationSeconds,
    window,
    ...(args.variants ? { only: args.variants.split(",") } : {}),
    async restartSpark(overrides) {
      const spark = runtime.spark as NonNullable<typeof runtime.spark>;
      console.error(`[bench] restarting Spark Connect with ${JSON.stringify(overrides ?? {})}`);
      await spark.restart(overrides);
      env.pids.spark = javaChildPid(spark.jvm?.pid as number);
    },
  });

  const producedInSteps = steps.reduce((sum, step) => sum + step.producerEventsPerSecond * step.seconds, 0);
  // What the producer put in the topic over the steps, minus a margin so the tool never waits.
  const broker = await kafkaConsumerPerformance(
    bootstrap,
    rated.topics.logs,
    Math.round(producedInSteps * 0.9),
  );
  const sustained = steps.filter((step) => step.sustained).at(-1);
  const headline = steps.find((step) => step.rate === headlineRate);
  const reference = sustained ?? (steps.at(-1) as StepResult);
  const report = {
    date: new Date().toISOString(),
    mode: args.quick ? "quick" : "full",
    note: args.note,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version },
    spark_version: runtime.sparkVersion,
    spark_master: runtime.spark?.master ?? "",
    step_seconds: stepSeconds,
    sustained_events_per_s: sustained?.rate ?? 0,
    freshness_rate_events_per_s: headlineRate,
    freshness_p50_s: headline?.freshnessP50Seconds ?? null,
    freshness_p95_s: headline?.freshnessP95Seconds ?? null,
    freshness_p95_at_sustained_s: sustained?.freshnessP95Seconds ?? null,
    dead_letter_latency_p95_s: headline?.deadLetterLatencyP95Seconds ?? null,
    goals: {
      sustained_events_per_s: ">= 20000",
      freshness_p50_s: "<= 1",
      freshness_p95_s: "<= 2",
      freshness_p95_at_sustained_s: "<= 3",
      dead_letter_latency_p95_s: "<= 1",
    },
    spark_processed_rows_per_s: Object.values(reference.processedRowsPerSecond).reduce((s, v) => s + v, 0),
    spark_processed_rows_per_s_rate_events_per_s: reference.rate,
    producer_events_per_s: reference.producerEventsPerSecond,
    kafka_consumer_performance_records_per_s: Math.round(broker.recordsPerSecond),
    kafka_consumer_performance_fetch_records_per_s: Math.round(broker.fetchRecordsPerSecond),
    kafka_consumer_performance_mb_per_s: broker.megabytesPerSecond,
    steps,
    freshness_samples_s: Object.fromEntries(freshnessByRate),
    ablation_rate_events_per_s: ablationRate,
    ablation_seconds: ablationSeconds,
    ablation,
    charts: { lag: "pipeline-lag.svg", freshness: "pipeline-freshness.svg" },
  };
  writeFileSync(join(resultsDir, "pipeline.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, report.charts.lag), await renderSvg(lagChart(steps)));
  const freshnessSamples = freshnessByRate.get(headlineRate) ?? [];
  writeFileSync(
    join(resultsDir, report.charts.freshness),
    await renderSvg(freshnessChart(freshnessSamples, headlineRate)),
  );
  const markdown = pipelineReportMarkdown(report, { warmUpSeconds, headlineRate });
  writeFileSync(join(resultsDir, "pipeline.md"), markdown);
  console.log(markdown);
} finally {
  await runtime.stop();
}
