// The same stream job with its lake (and checkpoints) in a local folder and on the local S3
// store, side by side in one run: the same rate steps, alternating between the two jobs step by
// step so both see the same machine; per step, whether the job kept up, the lake query's batch
// durations, events per Spark CPU-second, and the files the lake holds after the run.
// Run: npm run bench:lake [-- --quick] [-- --rates 5000,10000,20000] [-- --step-seconds 120] [-- --note "what else ran"]
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import { startLocalRuntime } from "../workloads/local-servers/index.ts";
import { folderLakeSize, type LakeSize, objectStoreLakeSize } from "./lake/lake-size.ts";
import { type LakeReport, type LakeStep, lakeReportMarkdown, lakeSummary } from "./lake/report.ts";
import { javaChildPid } from "./pipeline/cpu.ts";
import { type BenchEnvironment, PipelineUnderTest } from "./pipeline/step.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rates: { type: "string", default: "5000,10000,20000" },
    "step-seconds": { type: "string" },
    note: { type: "string", default: "" },
  },
});
const stepSeconds = Number(args["step-seconds"] ?? (args.quick ? 30 : 120));
const warmUpSeconds = args.quick ? 20 : 60;
const rates = args.rates.split(",").map(Number);
if (!(stepSeconds > 0) || rates.some((rate) => !(rate > 0)))
  throw new Error("bench:lake: --step-seconds and every --rates entry must be positive numbers");
const lakes = ["file", "s3"] as const;
const resultsDir = join(import.meta.dirname, "results");

const runtime = await startLocalRuntime({
  objectStore: true,
  onProgress: (line) => console.error(`[runtime] ${line}`),
});
const store = runtime.objectStore;
if (!store) throw new Error("bench:lake: the local runtime started without its object store");
const bootstrap = runtime.kafkaBootstrap as string;
const env: BenchEnvironment = {
  kafka: new Kafka({ clientId: "bench-lake", brokers: [bootstrap], logLevel: logLevel.NOTHING }),
  bootstrap,
  sparkConnectUrl: runtime.sparkConnectUrl as string,
  workDir: runtime.dirs.pipeline,
  pids: {
    spark: javaChildPid(runtime.spark?.jvm?.pid as number),
    kafka: javaChildPid(runtime.kafka?.jvm?.pid as number),
    objectStore: javaChildPid(store.jvm?.pid as number),
    node: process.pid,
  },
};
// Not path.join for the store: it would fold the `//` of the s3a:// URI.
const roots = { file: join(runtime.dirs.pipeline, "lake-file"), s3: `${runtime.pipelineData}/lake-s3` };

try {
  const jobs = new Map<(typeof lakes)[number], PipelineUnderTest>();
  for (const lake of lakes) {
    jobs.set(
      lake,
      await PipelineUnderTest.start(env, `lake-${lake}`, {
        window: "1 minute",
        windowMs: 60_000,
        job: { lakePath: `${roots[lake]}/lake`, checkpointPath: `${roots[lake]}/checkpoints` },
      }),
    );
  }
  const steps: LakeStep[] = [];
  try {
    // A first, unreported step per job warms the JVM and each sink's first batches.
    for (const [lake, job] of jobs) {
      await job.step(rates[0] as number, warmUpSeconds);
      console.error(`[bench] ${lake} warm-up done; lag left ${await job.drain(1_000, 180)} records`);
    }
    const behind = new Set<string>();
    for (const rate of rates) {
      for (const [lake, job] of jobs) {
        if (behind.has(lake)) continue;
        const step = await job.step(rate, stepSeconds);
        steps.push({ lake, ...step });
        if (!step.sustained) behind.add(lake);
        // The other job starts its step from an empty backlog, not from this one's.
        await job.drain(1_000, 120);
      }
      if (behind.size === lakes.length) break;
    }
  } finally {
    for (const job of jobs.values()) await job.stop();
  }

  const s3 = store.client();
  let sizes: Record<(typeof lakes)[number], LakeSize>;
  try {
    sizes = {
      file: folderLakeSize(`${roots.file}/lake/events`),
      s3: await objectStoreLakeSize(s3, `${roots.s3}/lake/events`),
    };
  } finally {
    s3.destroy();
  }
  const report: LakeReport = {
    date: new Date().toISOString(),
    mode: args.quick ? "quick" : "full",
    note: args.note,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version },
    spark_version: runtime.sparkVersion,
    step_seconds: stepSeconds,
    warm_up_seconds: warmUpSeconds,
    lakes: {
      file: lakeSummary(
        steps.filter((step) => step.lake === "file"),
        sizes.file,
      ),
      s3: lakeSummary(
        steps.filter((step) => step.lake === "s3"),
        sizes.s3,
      ),
    },
    steps,
  };
  writeFileSync(join(resultsDir, "lake.json"), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = lakeReportMarkdown(report);
  writeFileSync(join(resultsDir, "lake.md"), markdown);
  console.log(markdown);
} finally {
  await runtime.stop();
}
