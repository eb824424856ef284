import { lagGrowthTolerance, type StepResult } from "../pipeline/step.ts";

/** One rate step of the job with its lake in one place. */
export type LakeStep = StepResult & { lake: "file" | "s3" };

/** Per lake: what the comparison is about. */
export interface LakeSummary {
  /** The highest step whose lag grew by at most 10% of its rate over its second half. */
  sustained_events_per_s: number;
  /** By rate: mean ms per lake-query batch with data (its `triggerExecution`). */
  lake_batch_duration_ms: Record<string, number | null>;
  /** By rate: events the job handled per second of Spark's CPU. */
  events_per_spark_cpu_s: Record<string, number>;
  /** The lake's Parquet files after the run, and their bytes. */
  lake_files: number;
  lake_bytes: number;
}

/** What the report renders: the JSON written beside it. */
export interface LakeReport {
  date: string;
  mode: string;
  note: string;
  machine: { cpus: number; cpu: string; node: string };
  spark_version: string | undefined;
  step_seconds: number;
  warm_up_seconds: number;
  lakes: { file: LakeSummary; s3: LakeSummary };
  steps: LakeStep[];
}

/** What one lake's steps and files come to. */
export function lakeSummary(steps: LakeStep[], size: { files: number; bytes: number }): LakeSummary {
  return {
    sustained_events_per_s: steps.filter((step) => step.sustained).at(-1)?.rate ?? 0,
    lake_batch_duration_ms: Object.fromEntries(
      steps.map((step) => {
        const lake = step.phases.lake;
        return [step.rate, lake && lake.batches > 0 ? lake.meanMs.triggerExecution : null];
      }),
    ),
    events_per_spark_cpu_s: Object.fromEntries(
      steps.map((step) => [step.rate, step.eventsPerSparkCpuSecond]),
    ),
    lake_files: size.files,
    lake_bytes: size.bytes,
  };
}

const ms = (value: number | undefined) => (value === undefined ? "-" : String(value));
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function otherQueries(step: LakeStep): string {
  return Object.entries(step.phases)
    .filter(([name, phases]) => name !== "lake" && phases.batches > 0)
    .map(([name, phases]) => `${name} ${phases.meanMs.triggerExecution}`)
    .join(", ");
}

export function lakeReportMarkdown(report: LakeReport): string {
  const { file, s3 } = report.lakes;
  const cores = (step: LakeStep) =>
    ["spark", "kafka", "objectStore", "node"].map((name) => step.cpuCores[name] ?? "-").join(" / ");
  const stepRows = report.steps.map((step) => {
    const measured = step.phases.lake;
    const lake = measured && measured.batches > 0 ? measured : undefined;
    return `| ${step.rate} | ${step.lake} | ${step.producerEventsPerSecond} | ${step.sustained ? "yes" : "no"} | ${step.lagGrowthPerSecond} | ${ms(lake?.meanMs.triggerExecution)} | ${ms(lake?.meanMs.addBatch)} | ${ms(lake?.meanMs.walCommit)} | ${ms(lake?.meanMs.commitOffsets)} | ${lake?.batches ?? 0} | ${otherQueries(step)} | ${step.eventsPerSparkCpuSecond} | ${cores(step)} | ${step.loadAverage} |`;
  });
  const perRate = (summary: LakeSummary, rate: string) =>
    `${summary.lake_batch_duration_ms[rate] ?? "no batch"}${summary.lake_batch_duration_ms[rate] == null ? "" : " ms"}, ${summary.events_per_spark_cpu_s[rate] ?? "-"} events per Spark CPU-second`;
  const rates = [...new Set(report.steps.map((step) => String(step.rate)))];
  return `# Lake benchmark: a local folder against an S3-compatible store

Local runtime (Spark ${report.spark_version} local[*], one Kafka broker, S3Proxy as the S3 store over a folder), ${report.machine.cpus} cores (${report.machine.cpu.split(" ").slice(0, 2).join(" ")}), Node ${report.machine.node}, ${report.date}${report.note ? `; ${report.note}` : ""}.
Two stream jobs as shipped, each on its own topics: one with its lake and checkpoints in a folder, one with both on the local S3 store through the S3A connector. Each warmed up for ${report.warm_up_seconds} s, then the rate steps (${report.step_seconds} s each) alternate between the two jobs, each step starting from a drained backlog, so both see the same machine; a job that falls behind at a rate takes no higher steps. The idle job keeps polling its empty topic.

## Side by side

| measure | file | s3 |
| --- | ---: | ---: |
| \`sustained_events_per_s\` (lag grew by at most ${lagGrowthTolerance * 100}% of the rate) | ${file.sustained_events_per_s} | ${s3.sustained_events_per_s} |
${rates.map((rate) => `| at ${rate} events/s: lake batch duration, events per Spark CPU-second | ${perRate(file, rate)} | ${perRate(s3, rate)} |`).join("\n")}
| lake Parquet files after the run | ${file.lake_files} | ${s3.lake_files} |
| lake size after the run (MiB) | ${mib(file.lake_bytes)} | ${mib(s3.lake_bytes)} |

## Rate steps

Mean milliseconds per batch with data, over each step's second half (from each progress' \`durationMs\`).

| rate (events/s) | lake | producer (events/s) | sustained | lag growth (records/s) | lake batch ms | lake addBatch ms | lake walCommit ms | lake commitOffsets ms | lake batches | other queries' batch ms | events per Spark CPU-second | CPU cores: Spark / Kafka / store / Node | load avg |
| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |
${stepRows.join("\n")}
`;
}
