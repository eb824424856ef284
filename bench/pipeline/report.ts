import type { AblationResult } from "./ablation-run.ts";
import { batchPhases, type PhaseSummary } from "./progress-phases.ts";
import { lagGrowthTolerance, malformedRatio, type StepResult } from "./step.ts";

/** What the report renders: the JSON written beside it. */
export interface PipelineReport {
  date: string;
  mode: string;
  note: string;
  machine: { cpus: number; cpu: string; node: string };
  spark_version: string | undefined;
  /** The Spark Connect server's master, its task slots: `local[N]`. */
  spark_master: string;
  step_seconds: number;
  sustained_events_per_s: number;
  freshness_p50_s: number | null;
  freshness_p95_s: number | null;
  freshness_p95_at_sustained_s: number | null;
  dead_letter_latency_p95_s: number | null;
  spark_processed_rows_per_s: number;
  spark_processed_rows_per_s_rate_events_per_s: number;
  producer_events_per_s: number;
  kafka_consumer_performance_records_per_s: number;
  kafka_consumer_performance_fetch_records_per_s: number;
  steps: StepResult[];
  ablation_rate_events_per_s: number;
  ablation_seconds: number;
  ablation: AblationResult[];
  charts: { lag: string; freshness: string };
}

const cell = (value: number | null | undefined) =>
  value === null || value === undefined ? "-" : String(value);
const cpu = (step: StepResult) => `${step.cpuCores.spark} / ${step.cpuCores.kafka} / ${step.cpuCores.node}`;
const met = (value: number | null, goal: (v: number) => boolean) =>
  value === null ? "not measured" : goal(value) ? "met" : "missed";

function phaseCells(phases: PhaseSummary | undefined): string {
  if (!phases) return `${batchPhases.map(() => "-").join(" | ")} | 0`;
  return `${batchPhases.map((phase) => phases.meanMs[phase]).join(" | ")} | ${phases.batches}`;
}

const phaseHeader = `| ${batchPhases.join(" | ")} | batches |`;
const phaseRule = `| ${batchPhases.map(() => "---:").join(" | ")} | ---: |`;

/** The step where the job fell behind, and what its batches spent their time on. */
function limitSentence(report: PipelineReport): string {
  const failed = report.steps.find((step) => !step.sustained);
  const top = report.steps.at(-1);
  const step = failed ?? top;
  if (!step) return "No step ran.";
  const totalCores = Object.values(step.cpuCores).reduce((sum, used) => sum + used, 0);
  const slowest = Object.entries(step.phases)
    .filter(([, phases]) => phases.batches > 0)
    .sort(([, a], [, b]) => b.meanMs.triggerExecution - a.meanMs.triggerExecution)[0];
  const phases = slowest
    ? `; the slowest query, ${slowest[0]}, spent per batch ${batchPhases
        .filter((phase) => phase !== "triggerExecution")
        .map((phase) => `${phase} ${slowest[1].meanMs[phase]} ms`)
        .join(", ")} of ${slowest[1].meanMs.triggerExecution} ms`
    : "";
  const producerShort = step.producerEventsPerSecond < step.rate * 0.95;
  return [
    failed
      ? `At ${step.rate} events/s the job fell behind: lag grew by ${step.lagGrowthPerSecond} records/s`
      : `Every step was sustained: the ceiling lies above ${step.rate} events/s`,
    producerShort
      ? `; the producer reached only ${step.producerEventsPerSecond} events/s (producer-limited)`
      : "",
    ` (CPU cores Spark / Kafka / Node ${cpu(step)}: ${totalCores.toFixed(2)} of ${report.machine.cpus}; load average ${step.loadAverage})`,
    phases,
    ".",
  ].join("");
}

export function pipelineReportMarkdown(
  report: PipelineReport,
  options: { warmUpSeconds: number; headlineRate: number },
): string {
  const steps = report.steps;
  const queriesOf = (step: StepResult) => Object.keys(step.phases);
  const lines = [
    "# Pipeline benchmark",
    "",
    `Local runtime (Spark ${report.spark_version} ${report.spark_master}, one Kafka broker), ${report.machine.cpus} cores (${report.machine.cpu}), Node ${report.machine.node}, ${report.date}.`,
    `${report.mode === "quick" ? "**Quick mode**: " : ""}${report.step_seconds} s per rate step after a ${options.warmUpSeconds} s warm-up, one stream job as shipped (its default settings and triggers) through every step; the ablation runs each variant as a fresh job for ${report.ablation_seconds} s at ${report.ablation_rate_events_per_s} events/s. The producer (library, one librdkafka producer) and the stream job (library) run in this process, the broker and the Spark Connect server in their own JVMs on the same cores; ${malformedRatio * 100}% of the records are malformed, for the dead-letter latency.`,
    ...(report.note ? ["", `**Also on the machine during this run:** ${report.note}`] : []),
    "",
    "## Against the goals",
    "",
    "| measure | value | goal | |",
    "| --- | ---: | ---: | --- |",
    `| \`sustained_events_per_s\` (highest step whose lag grew by at most ${lagGrowthTolerance * 100}% of its rate over its second half) | ${report.sustained_events_per_s} | ≥ 20,000 | ${met(report.sustained_events_per_s, (v) => v >= 20_000)} |`,
    `| \`freshness_p50_s\` at ${options.headlineRate} events/s | ${cell(report.freshness_p50_s)} | ≤ 1 | ${met(report.freshness_p50_s, (v) => v <= 1)} |`,
    `| \`freshness_p95_s\` at ${options.headlineRate} events/s | ${cell(report.freshness_p95_s)} | ≤ 2 | ${met(report.freshness_p95_s, (v) => v <= 2)} |`,
    `| \`freshness_p95_at_sustained_s\` (at ${report.sustained_events_per_s} events/s) | ${cell(report.freshness_p95_at_sustained_s)} | ≤ 3 | ${met(report.freshness_p95_at_sustained_s, (v) => v <= 3)} |`,
    `| \`dead_letter_latency_p95_s\` at ${options.headlineRate} events/s | ${cell(report.dead_letter_latency_p95_s)} | ≤ 1 | ${met(report.dead_letter_latency_p95_s, (v) => v <= 1)} |`,
    `| Spark's processed rows/s, all queries, at ${report.spark_processed_rows_per_s_rate_events_per_s} events/s | ${report.spark_processed_rows_per_s} | | |`,
    `| the producer's own rate at that step, events/s (reference) | ${report.producer_events_per_s} | | |`,
    `| Kafka ConsumerPerformance on the same broker and topic, records/s over its run (reference) | ${report.kafka_consumer_performance_records_per_s} | | |`,
    `| the same, over its fetch time only, records/s (reference) | ${report.kafka_consumer_performance_fetch_records_per_s} | | |`,
    "",
    `What limits it: ${limitSentence(report)}`,
    "",
    `Charts (from pipeline.json): [largest query lag over each rate step](${report.charts.lag}), [freshness distribution at ${options.headlineRate} events/s](${report.charts.freshness}).`,
    "",
    "## Rate steps",
    "",
    "| rate (events/s) | producer (events/s) | sustained | lag growth (records/s) | final lag | processed rows/s per query | events per Spark CPU-second | freshness p50 / p95 (s) | dead-letter latency p50 / p95 (s) | CPU cores: Spark / Kafka / Node | load avg |",
    "| ---: | ---: | --- | ---: | ---: | --- | ---: | --- | --- | --- | ---: |",
    ...steps.map(
      (step) =>
        `| ${[
          step.rate,
          step.producerEventsPerSecond,
          step.sustained ? "yes" : "no",
          step.lagGrowthPerSecond,
          step.finalLag,
          queriesOf(step)
            .map((query) => `${query} ${step.processedRowsPerSecond[query] ?? "-"}`)
            .join(", "),
          step.eventsPerSparkCpuSecond,
          `${cell(step.freshnessP50Seconds)} / ${cell(step.freshnessP95Seconds)}`,
          `${cell(step.deadLetterLatencyP50Seconds)} / ${cell(step.deadLetterLatencyP95Seconds)}`,
          cpu(step),
          step.loadAverage,
        ].join(" | ")} |`,
    ),
    "",
    "Mean milliseconds per batch with data, per phase (from each progress' `durationMs`; stateCommit is the state stores' `commitTimeMs`):",
    "",
    `| rate | query ${phaseHeader}`,
    `| ---: | --- ${phaseRule}`,
    ...steps.flatMap((step) =>
      queriesOf(step).map((query) => `| ${step.rate} | ${query} | ${phaseCells(step.phases[query])} |`),
    ),
    "",
    `## Ablation at ${report.ablation_rate_events_per_s} events/s`,
    "",
    "Each row a fresh job, one setting changed from the new defaults (the first row: the job's old",
    "topology and settings; every row checks records with today's compiled checks).",
    "Events per Spark CPU-second compares what each configuration costs even when other work takes",
    "the cores: the records its batches moved each query's offsets over, averaged over its queries,",
    "over the CPU seconds Spark used.",
    "",
    "| variant | change | queries | events per Spark CPU-second | sustained | lag growth (records/s) | processed rows/s per query | freshness p50 / p95 (s) | dead-letter latency p50 / p95 (s) | CPU cores: Spark / Kafka / Node | load avg |",
    "| --- | --- | ---: | ---: | --- | ---: | --- | --- | --- | --- | ---: |",
    ...report.ablation.map(({ variant, change, queries, result }) =>
      [
        "",
        variant,
        change,
        queries.length,
        result.eventsPerSparkCpuSecond,
        result.sustained ? "yes" : "no",
        result.lagGrowthPerSecond,
        queries.map((query) => `${query} ${result.processedRowsPerSecond[query] ?? "-"}`).join(", "),
        `${cell(result.freshnessP50Seconds)} / ${cell(result.freshnessP95Seconds)}`,
        `${cell(result.deadLetterLatencyP50Seconds)} / ${cell(result.deadLetterLatencyP95Seconds)}`,
        cpu(result),
        result.loadAverage,
        "",
      ]
        .join(" | ")
        .trim(),
    ),
    "",
    `| variant | query ${phaseHeader}`,
    `| --- | --- ${phaseRule}`,
    ...report.ablation.flatMap(({ variant, queries, result }) =>
      queries.map((query) => `| ${variant} | ${query} | ${phaseCells(result.phases[query])} |`),
    ),
    "",
    "Method. Lag: the topic's end offsets minus each query's, every second; a step is sustained when the largest",
    "query lag grew by at most the tolerance over its second half and the producer reached 95% of the rate.",
    "Freshness: the metrics records are keyed upserts, a new record each time a group's count grows; for each",
    "record first seen with a higher count N, the time it is first seen on the metrics topic minus the largest",
    "event time among the first N events produced into its group (errs on the long side).",
    "Dead-letter latency: a dead letter's Kafka timestamp minus its source record's. Processed rows/s: per",
    "query, rows over batch time of the batches with data in the second half.",
  ];
  return `${lines.join("\n")}\n`;
}
