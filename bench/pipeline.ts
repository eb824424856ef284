// The whole pipeline on the local runtime, on this machine: the highest producer rate the stream
// job sustains without growing lag, event-to-metric freshness at half that rate with a 1 s
// trigger, and Spark's processed rows/s; beside them, the producer's own rate and Kafka's own
// ConsumerPerformance reading the same topic, for what the broker alone delivers.
// Run: npm run bench:pipeline [-- --quick] [-- --rates 2000,5000,10000,20000] [-- --step-seconds 180]
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import { startLocalRuntime } from "../workloads/local/index.ts";
import { kafkaConsumerPerformance } from "./pipeline/consumer-performance.ts";
import { javaChildPid } from "./pipeline/cpu.ts";
import { FreshnessMeter, percentile } from "./pipeline/freshness.ts";
import {
  type BenchEnvironment,
  lagGrowthTolerance,
  PipelineUnderTest,
  type StepResult,
} from "./pipeline/step.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rates: { type: "string", default: "2000,5000,10000,20000" },
    "step-seconds": { type: "string" },
    trigger: { type: "string", default: "5 seconds" },
  },
});
const stepSeconds = Number(args["step-seconds"] ?? (args.quick ? 30 : 180));
const freshnessSeconds = args.quick ? 60 : 180;
const warmUpSeconds = args.quick ? 20 : 60;
const rates = args.rates.split(",").map(Number);
if (!(stepSeconds > 0) || rates.some((rate) => !(rate > 0)))
  throw new Error("bench:pipeline: --step-seconds and every --rates entry must be positive numbers");
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

/** What the steps show about the ceiling: the first step the job did not sustain, and its CPU. */
function limitSentence(steps: StepResult[]): string {
  const cores = cpus().length;
  const failed = steps.find((step) => !step.sustained);
  const cpu = (step: StepResult) => {
    const total = Object.values(step.cpuCores).reduce((sum, used) => sum + used, 0);
    return `Spark ${step.cpuCores.spark}, Kafka ${step.cpuCores.kafka}, producer and supervisor (Node) ${step.cpuCores.node}: ${total.toFixed(2)} of ${cores} cores; load average ${step.loadAverage}`;
  };
  if (!failed) {
    const top = steps.at(-1) as StepResult;
    return `Every step was sustained: the ceiling lies above ${top.rate} events/s (${cpu(top)}).`;
  }
  const producerShort = failed.producerEventsPerSecond < failed.rate * 0.95;
  return [
    `At ${failed.rate} events/s the job fell behind: lag grew by ${failed.lagGrowthPerSecond} records/s`,
    producerShort ? ` and the producer reached only ${failed.producerEventsPerSecond} events/s` : "",
    ` (${cpu(failed)}).`,
  ].join("");
}

try {
  // One job for the rate steps, kept running from step to step; a first, unreported step warms
  // the JVM (JIT, class loading, the queries' first batches) so the steps measure steady state.
  const rated = await PipelineUnderTest.start(env, "rates", { trigger: args.trigger, window: window.spark });
  const steps: StepResult[] = [];
  try {
    await rated.step(rates[0] as number, warmUpSeconds);
    const left = await rated.drain(1_000, 180);
    console.error(`[bench] warm-up done; lag left ${left} records`);
    for (const rate of rates) {
      steps.push(await rated.step(rate, stepSeconds));
      if (!steps.at(-1)?.sustained) break;
    }
  } finally {
    await rated.stop();
  }
  const sustained = steps.filter((step) => step.sustained).at(-1);
  const freshnessRate = Math.round((sustained?.rate ?? (rates[0] as number)) / 2);
  const fresh = await PipelineUnderTest.start(env, "freshness", {
    trigger: "1 second",
    window: window.spark,
  });
  const meter = new FreshnessMeter(window.ms, kafka, fresh.topics.metrics);
  let freshnessStep: StepResult;
  try {
    await meter.start();
    // Half the time to settle, half measured, as in every step.
    freshnessStep = await fresh.step(freshnessRate, freshnessSeconds, meter);
  } finally {
    await meter.stop();
    await fresh.stop();
  }
  const lastStep = steps.at(-1) as StepResult;
  const broker = await kafkaConsumerPerformance(
    bootstrap,
    rated.topics.logs,
    // What the producer put in the topic over every step, minus a margin so the tool never waits.
    Math.round(
      [lastStep, ...steps.slice(0, -1)].reduce(
        (sum, step) => sum + step.producerEventsPerSecond * step.seconds,
        0,
      ) * 0.9,
    ),
  );
  const reference = sustained ?? lastStep;
  const report = {
    date: new Date().toISOString(),
    mode: args.quick ? "quick" : "full",
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version },
    spark_version: runtime.sparkVersion,
    step_seconds: stepSeconds,
    sustained_events_per_s: sustained?.rate ?? 0,
    freshness_rate_events_per_s: freshnessRate,
    freshness_trigger: "1 second",
    freshness_samples: meter.samplesSeconds.length,
    freshness_p50_s: Number(percentile(meter.samplesSeconds, 0.5).toFixed(2)),
    freshness_p95_s: Number(percentile(meter.samplesSeconds, 0.95).toFixed(2)),
    spark_processed_rows_per_s: Object.values(reference.processedRowsPerSecond).reduce((s, v) => s + v, 0),
    spark_processed_rows_per_s_rate_events_per_s: reference.rate,
    producer_events_per_s: reference.producerEventsPerSecond,
    kafka_consumer_performance_records_per_s: Math.round(broker.recordsPerSecond),
    kafka_consumer_performance_fetch_records_per_s: Math.round(broker.fetchRecordsPerSecond),
    kafka_consumer_performance_mb_per_s: broker.megabytesPerSecond,
    limit: limitSentence(steps),
    steps,
    freshness_step: freshnessStep,
  };
  writeFileSync(join(resultsDir, "pipeline.json"), `${JSON.stringify(report, null, 2)}\n`);
  const queries = ["lake", "dead-letters", "window-metrics", "alerts"];
  const lines = [
    "# Pipeline benchmark",
    "",
    `Local runtime (Spark ${runtime.sparkVersion} local[*], one Kafka broker), ${report.machine.cpus} cores (${report.machine.cpu}), Node ${process.version}, ${report.date}.`,
    `${report.mode === "quick" ? "**Quick mode**: " : ""}${stepSeconds} s per rate step (trigger ${args.trigger}), ${freshnessSeconds} s for freshness (trigger 1 second); one stream job runs through the rate steps after a ${warmUpSeconds} s warm-up; the producer (library) and the stream job (library) run in this process, the broker and the Spark Connect server in their own JVMs on the same cores.`,
    "The stream job runs its four queries (lake, dead letters, window metrics, alerts), each reading and parsing the topic on its own.",
    "",
    "| rate (events/s) | trigger | producer (events/s) | sustained | lag growth (records/s) | final lag | processed rows/s per query (lake / dead letters / metrics / alerts) | CPU cores: Spark / Kafka / Node | load avg |",
    "| ---: | --- | ---: | --- | ---: | ---: | --- | --- | ---: |",
    ...[...steps, freshnessStep].map(
      (step) =>
        `| ${[
          step.rate,
          step.trigger,
          step.producerEventsPerSecond,
          step.sustained ? "yes" : "no",
          step.lagGrowthPerSecond,
          step.finalLag,
          queries.map((query) => step.processedRowsPerSecond[query] ?? "-").join(" / "),
          `${step.cpuCores.spark} / ${step.cpuCores.kafka} / ${step.cpuCores.node}`,
          step.loadAverage,
        ].join(" | ")} |`,
    ),
    "",
    "| measure | value | goal |",
    "| --- | ---: | ---: |",
    `| sustained_events_per_s (highest step whose lag grew by at most ${lagGrowthTolerance * 100}% of its rate over its second half) | ${report.sustained_events_per_s} | ≥ 20,000 |`,
    `| freshness_p50_s at ${freshnessRate} events/s, 1 s trigger (${report.freshness_samples} samples) | ${report.freshness_p50_s} | |`,
    `| freshness_p95_s | ${report.freshness_p95_s} | ≤ 5 s at 10,000 events/s |`,
    `| spark_processed_rows_per_s (four queries together, at ${reference.rate} events/s) | ${report.spark_processed_rows_per_s} | |`,
    `| producer's own rate at that step, events/s (reference) | ${report.producer_events_per_s} | |`,
    `| Kafka ConsumerPerformance on the same broker, the rate steps' topic, records/s over its run (reference) | ${report.kafka_consumer_performance_records_per_s} | |`,
    `| the same, over its fetch time only (group join excluded), records/s (reference) | ${report.kafka_consumer_performance_fetch_records_per_s} | |`,
    "",
    "Freshness: the metrics query writes in update mode, a new record each time a group's count grows.",
    "For each record first seen with a higher count N: the time it is first seen on `log-metrics` minus the",
    "largest event time among the first N events produced into its window group (for a window's final",
    "record, minus the max event time produced into the window). It errs on the long side.",
    "Processed rows/s: per query, rows over batch time of the distinct micro-batches of the step's second half.",
    "",
    `What limits it: ${report.limit}`,
  ];
  writeFileSync(join(resultsDir, "pipeline.md"), `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
} finally {
  await runtime.stop();
}
