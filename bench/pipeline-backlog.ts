// What each configuration of the stream job costs per event, measured so that other work on the
// machine does not change it: one fixed backlog in `logs`, worked off by each variant from fresh
// checkpoints with `availableNow` triggers and batches capped as a live rate would cut them, the
// Spark Connect server's CPU seconds read from /proc over each run. The variants run in turns
// (A B A B …), so a drift in the machine's load falls on all of them alike.
// Run: npm run bench:pipeline-backlog [-- --events 200000] [-- --batch 20000] [-- --rounds 2]
//      [-- --variants merged,combined]
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import pino from "pino";
import { type TopicNames, topicsToCreate } from "../workloads/contract/topics.ts";
import { startLocalRuntime } from "../workloads/local-servers/index.ts";
import { runProducer } from "../workloads/producer/run-producer.ts";
import { runStreamJob } from "../workloads/stream-job/run-stream-job.ts";
import { type AblationVariant, ablationVariants } from "./pipeline/ablation.ts";
import { cpuSeconds, javaChildPid } from "./pipeline/cpu.ts";
import { malformedRatio } from "./pipeline/step.ts";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    batch: { type: "string", default: "20000" },
    rounds: { type: "string", default: "2" },
    variants: { type: "string", default: "new,combined" },
  },
});
const events = Number(args.events);
const batch = Number(args.batch);
const rounds = Number(args.rounds);
if (!(events > 0) || !(batch > 0) || !(rounds > 0))
  throw new Error("bench:pipeline-backlog: --events, --batch and --rounds must be positive numbers");
const variants = args.variants.split(",").map((name) => {
  const variant = ablationVariants.find((candidate) => candidate.name === name);
  if (!variant)
    throw new Error(
      `bench:pipeline-backlog: unknown variant ${name}; choose from ${ablationVariants.map((v) => v.name).join(", ")}`,
    );
  // One server serves every variant in turns here; a server setting is measured by bench:pipeline.
  if (variant.server)
    throw new Error(
      `bench:pipeline-backlog: variant ${name} changes the Spark Connect server's settings; measure it with npm run bench:pipeline -- --variants ${name}`,
    );
  return variant;
});

const runtime = await startLocalRuntime({ onProgress: (line) => console.error(`[runtime] ${line}`) });
const bootstrap = runtime.kafkaBootstrap as string;
const sparkPid = javaChildPid(runtime.spark?.jvm?.pid as number);
const topics: TopicNames = {
  logs: "backlog-logs",
  metrics: "backlog-metrics",
  alerts: "backlog-alerts",
  deadLetters: "backlog-dead-letters",
};

/** Works the backlog off with one variant from fresh checkpoints; Spark's CPU seconds for it. */
async function workOff(variant: AblationVariant, run: string): Promise<number> {
  const before = cpuSeconds(sparkPid);
  const job = await runStreamJob(
    {
      sparkConnectUrl: runtime.sparkConnectUrl as string,
      kafkaBootstrap: bootstrap,
      topics,
      lakePath: join(runtime.dirs.pipeline, run, "lake"),
      checkpointPath: join(runtime.dirs.pipeline, run, "checkpoints"),
      pollIntervalMs: 1_000,
      http: { port: 0 },
      ...variant.job,
      maxOffsetsPerTrigger: batch,
      trigger: undefined,
      triggers: { lake: "availableNow", analytics: "availableNow", deadLetters: "availableNow" },
    },
    pino({ level: "warn" }),
  );
  await job.done;
  return cpuSeconds(sparkPid) - before;
}

try {
  const kafka = new Kafka({ clientId: "bench-backlog", brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: topicsToCreate(topics) });
  await admin.disconnect();
  const producer = runProducer(
    {
      brokers: bootstrap,
      topic: topics.logs,
      rate: "max",
      count: events,
      seed: 1,
      logLevel: "warn",
      malformedRatio,
    },
    { logger: pino({ level: "warn" }) },
  );
  await producer.done;
  // A first, unreported run warms the JVM (JIT, class loading) for every variant alike.
  await workOff(variants[0] as AblationVariant, "warm-up");
  const cpu = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const variant of variants) {
      const seconds = await workOff(variant, `${variant.name}-${round}`);
      cpu.get(variant.name)?.push(seconds);
      console.error(`[backlog] round ${round} ${variant.name}: ${seconds.toFixed(1)} Spark CPU-s`);
    }
  }
  const results = variants.map((variant) => {
    const runs = cpu.get(variant.name) ?? [];
    const best = Math.min(...runs);
    return {
      variant: variant.name,
      change: variant.change,
      spark_cpu_seconds: runs.map((seconds) => Number(seconds.toFixed(1))),
      spark_cpu_us_per_event: Math.round((best / events) * 1e6),
      events_per_spark_cpu_second: Math.round(events / best),
    };
  });
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version },
    spark_version: runtime.sparkVersion,
    backlog_events: events,
    max_offsets_per_trigger: batch,
    rounds,
    results,
  };
  writeFileSync(
    join(import.meta.dirname, "results", "pipeline-backlog.json"),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  console.log(JSON.stringify(results, null, 2));
} finally {
  await runtime.stop();
}
