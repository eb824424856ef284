// Producer throughput, side by side with Kafka's own ProducerPerformance on the same local
// broker, same record size and acks; plus the generator's rate without Kafka. The producer runs
// as its CLI in a process of its own, as it is deployed, so its peak memory is its own.
// Run: npm run bench:producer  (BENCH_EVENTS=n events per run, BENCH_ROUNDS=n rounds)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { nodeEntrypoints } from "../infra/contract.ts";
import { topicLayout } from "../workloads/contract/topics.ts";
import { resolveLocalRuntime, startLocalRuntime } from "../workloads/local-servers/index.ts";
import { requireJava17 } from "../workloads/pinned-jars/java.ts";
import { DEFAULT_GENERATOR_THREADS, DEFAULT_PRODUCERS } from "../workloads/producer/config.ts";
import { createLogGenerator } from "../workloads/producer/generator.ts";
import type { ProducerSummary } from "../workloads/producer/run-producer.ts";
import { cpuSeconds } from "./pipeline/cpu.ts";

const projectRoot = join(import.meta.dirname, "..");
const resultsDir = join(projectRoot, "bench", "results");
const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** The logs topic's partitions, as the pipeline lays it out. */
const partitions = topicLayout.logs.partitions;
/** A way to run the producer CLI: its row's name and the flags that set it apart from the defaults. */
interface ProducerVariant {
  name: string;
  flags: string[];
}

/**
 * The defaults first (their row gives the headline figures), then each choice the defaults make
 * turned the other way: the generator on the event loop instead of its worker thread, and a
 * second producer sharing the partitions.
 */
const producerVariants: ProducerVariant[] = [
  {
    name: `producer CLI, defaults (${DEFAULT_GENERATOR_THREADS === 1 ? "generator in a worker thread" : "generator on the event loop"}, ${DEFAULT_PRODUCERS} producer)`,
    flags: [],
  },
  {
    name: `producer CLI, generator ${DEFAULT_GENERATOR_THREADS === 1 ? "on the event loop" : "in a worker thread"}`,
    flags: ["--generator-threads", String(1 - DEFAULT_GENERATOR_THREADS)],
  },
  {
    name: `producer CLI, ${DEFAULT_PRODUCERS + 1} producers`,
    flags: ["--producers", String(DEFAULT_PRODUCERS + 1)],
  },
];

/** The headline figures, under the names the issue asks for. */
interface ProducerBenchmark {
  generator_events_per_s: number;
  producer_events_per_s: number;
  kafka_perf_events_per_s: number;
  ratio_vs_kafka_perf: number;
  producer_peak_rss_mb: number;
}

interface Run {
  eventsPerSecond: number;
  /** Undefined for Kafka's tool, whose JVM heap is capped by -Xmx. */
  peakRssMb?: number;
  /** CPU time of the whole process (all its threads, start-up included) per event: what each client costs the machine. */
  cpuMicrosPerEvent: number;
  /**
   * The producer's CPU per event while it produced (from its run's start to its end, start-up
   * left out): its event loop's thread, and all its threads. Undefined for Kafka's tool.
   */
  producing?: { eventLoopMicrosPerEvent: number; processMicrosPerEvent: number };
}

/** CPU seconds one thread of a process has used so far (utime + stime, in clock ticks of 10 ms). */
function threadCpuSeconds(pid: number, tid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface CpuSample {
  atMs: number;
  process: number;
  /** The main thread's: node's event loop. */
  eventLoop: number;
}

/** What sampling a running process saw: its CPU seconds over time and its peak resident memory. */
class ProcessSampler {
  private readonly samples: CpuSample[] = [];
  peakRssMb = 0;

  sample(pid: number): void {
    try {
      this.samples.push({
        atMs: Date.now(),
        process: cpuSeconds(pid),
        eventLoop: threadCpuSeconds(pid, pid),
      });
    } catch {
      // The process is gone: its last sample stands.
    }
    this.peakRssMb = Math.max(this.peakRssMb, peakRssMb(pid) ?? 0);
  }

  microsPerEvent(): number {
    return ((this.samples.at(-1)?.process ?? 0) * 1e6) / events;
  }

  /** CPU per event between two times of the run: from the last sample before `fromMs` to the first after `toMs`. */
  microsPerEventBetween(fromMs: number, toMs: number): NonNullable<Run["producing"]> {
    const before = this.samples.findLast((sample) => sample.atMs <= fromMs) ?? this.samples[0];
    const after = this.samples.find((sample) => sample.atMs >= toMs) ?? this.samples.at(-1);
    if (!before || !after) throw new Error("bench: no CPU samples of the producer");
    return {
      eventLoopMicrosPerEvent: ((after.eventLoop - before.eventLoop) * 1e6) / events,
      processMicrosPerEvent: ((after.process - before.process) * 1e6) / events,
    };
  }
}

/** Generates `events` events with real-time timestamps and their JSON; returns events/s. */
function generate(): { eventsPerSecond: number; recordBytes: number } {
  const generator = createLogGenerator({ seed: 1 });
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < events; i++) bytes += Buffer.byteLength(JSON.stringify(generator.next(Date.now())));
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSecond: events / seconds, recordBytes: Math.round(bytes / events) };
}

/** The generator alone, no Kafka, after one unmeasured run so that the JIT has settled. */
function measureGeneration(): { eventsPerSecond: number; recordBytes: number } {
  generate();
  return generate();
}

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: "bench", brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** The peak resident memory the kernel has seen for a process (VmHWM), in MB; undefined once it is gone. */
function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kilobytes) ? (kilobytes * 1024) / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command to its end; rejects with its output when it fails. Calls `watch` with its pid every 50 ms. */
function run(command: string, args: string[], watch?: (pid: number) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const watcher = watch && child.pid ? setInterval(() => watch(child.pid as number), 50) : undefined;
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(watcher);
      if (code === 0) resolve(output);
      else reject(new Error(`bench: ${args.join(" ")} exited ${code}:\n${output}`));
    });
  });
}

/** The producer CLI at max rate, JSON, no compression; its rate is what Kafka acknowledged. */
async function measureProducer(bootstrap: string, runDir: string, variant: ProducerVariant): Promise<Run> {
  const topic = `bench-producer-${Date.now()}`;
  await createTopic(bootstrap, topic);
  const summaryFile = join(runDir, `${topic}.json`);
  const sampler = new ProcessSampler();
  // As the cluster runs it, node's flags included, with this node.
  const [, ...entrypoint] = nodeEntrypoints.producer;
  await run(
    process.execPath,
    [
      ...entrypoint,
      ...["--brokers", bootstrap, "--topic", topic, "--rate", "max", "--count", String(events)],
      ...["--compression", "none", "--metrics-port", "off", ...variant.flags],
      ...["--log-level", "warn", "--no-progress", "--summary-file", summaryFile],
    ],
    (pid) => sampler.sample(pid),
  );
  const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as ProducerSummary;
  if (summary.events.acked !== events)
    throw new Error(`bench: only ${summary.events.acked} of ${events} acked`);
  return {
    eventsPerSecond: summary.achievedRate,
    peakRssMb: sampler.peakRssMb,
    cpuMicrosPerEvent: sampler.microsPerEvent(),
    producing: sampler.microsPerEventBetween(Date.parse(summary.startedAt), Date.parse(summary.endedAt)),
  };
}

/** Runs Kafka's ProducerPerformance and reads its final line: "N records sent, R records/sec (M MB/sec), …". */
async function measureKafkaTool(bootstrap: string, recordBytes: number): Promise<Run> {
  const java = requireJava17();
  const { kafka } = await resolveLocalRuntime();
  const topic = `bench-kafka-tool-${Date.now()}`;
  await createTopic(bootstrap, topic);
  const sampler = new ProcessSampler();
  const output = await run(
    java,
    [
      ...["-Xmx512m", "-cp", kafka.join(":"), "org.apache.kafka.tools.ProducerPerformance"],
      ...["--topic", topic, "--num-records", String(events), "--record-size", String(recordBytes)],
      ...["--throughput", "-1", "--producer-props", `bootstrap.servers=${bootstrap}`],
      ...["acks=all", "enable.idempotence=true", "compression.type=none"],
    ],
    (pid) => sampler.sample(pid),
  );
  const final = output
    .split("\n")
    .filter((line) => /^\d+ records sent, [\d.]+ records\/sec/.test(line))
    .at(-1);
  const match = final && /^\d+ records sent, ([\d.]+) records\/sec/.exec(final);
  if (!match) throw new Error(`bench: no final line in ProducerPerformance output:\n${output}`);
  return { eventsPerSecond: Number(match[1]), cpuMicrosPerEvent: sampler.microsPerEvent() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const rate = (value: number) => Math.round(value).toLocaleString("en-US");

function markdown(
  result: ProducerBenchmark,
  runs: Map<string, Run[]>,
  recordBytes: number,
  environment: Record<string, string | number>,
): string {
  const goal = (met: boolean) => (met ? "met" : "**missed**");
  const rows = [...runs].map(([name, list]) => {
    const rates = list.map((entry) => entry.eventsPerSecond);
    const rss = list.flatMap((entry) => (entry.peakRssMb === undefined ? [] : [entry.peakRssMb]));
    const cpu = median(list.map((entry) => entry.cpuMicrosPerEvent));
    const producing = list.flatMap((entry) => (entry.producing ? [entry.producing] : []));
    const whileProducing =
      producing.length > 0
        ? `${median(producing.map((entry) => entry.eventLoopMicrosPerEvent)).toFixed(1)} / ${median(producing.map((entry) => entry.processMicrosPerEvent)).toFixed(1)}`
        : "-";
    return `| ${name} | ${rate(median(rates))} | ${rates.map(rate).join(", ")} | ${cpu.toFixed(1)} | ${whileProducing} | ${rss.length > 0 ? Math.max(...rss).toFixed(0) : "-"} |`;
  });
  return [
    "# Producer benchmark",
    "",
    `${events.toLocaleString("en-US")} events per run into a local single-node Kafka broker (topics with ${partitions} partitions, replication 1),`,
    `${rounds} interleaved rounds; each figure is the median run. Same broker, acks=all, idempotence, no compression and`,
    `${recordBytes}-byte records (the generator's mean JSON event) for both producers. The producer runs as its CLI`,
    "(`--rate max --compression none`) in a process of its own, started as the cluster starts it (`infra/contract.ts`,",
    "node's flags included); its rate is what Kafka acknowledged, its memory the peak resident set (VmHWM) sampled",
    "every 50 ms. CPU per event is each client process's CPU time (all threads, start-up included) over the events",
    "it sent: unlike the rates, it stays comparable when other work shares the machine. For the producer, the CPU",
    "per event while it produced (its run's start to its end) is split into its event loop's thread and all its",
    "threads: a thread that needs more than the other core can give limits the rate.",
    "",
    "| figure | value | goal |",
    "| --- | ---: | --- |",
    `| \`generator_events_per_s\` (events + JSON, no Kafka) | ${rate(result.generator_events_per_s)} | |`,
    `| \`producer_events_per_s\` (the defaults) | ${rate(result.producer_events_per_s)} | well above 20,000: ${goal(result.producer_events_per_s > 20_000)} |`,
    `| \`kafka_perf_events_per_s\` (ProducerPerformance) | ${rate(result.kafka_perf_events_per_s)} | |`,
    `| \`ratio_vs_kafka_perf\` | ${result.ratio_vs_kafka_perf} | ≥ 0.8: ${goal(result.ratio_vs_kafka_perf >= 0.8)} |`,
    `| \`producer_peak_rss_mb\` | ${result.producer_peak_rss_mb} | ≤ 250: ${goal(result.producer_peak_rss_mb <= 250)} |`,
    "",
    "| run | median events/s | all runs | median CPU µs/event | while producing: event loop / all threads | peak RSS MB |",
    "| --- | ---: | --- | ---: | ---: | ---: |",
    ...rows,
    "",
    "Both clients are configured alike where it matters: acks=all, idempotence, no compression, up to 5 requests in",
    "flight per broker, linger.ms 5 (both clients' default). Kafka's tool runs the Java client otherwise with its",
    "defaults (batch.size 16 KB per partition), one record value repeated, no keys, nothing to generate. The",
    "producer sends through librdkafka (node-rdkafka, its defaults otherwise: batches up to 1 MB), which encodes and",
    "checksums on its own threads; its event loop hands each record to librdkafka and takes each record's delivery",
    "report (node-rdkafka calls back once per record), while a worker thread generates the events and their JSON",
    "(`--generator-threads 1`, the default on two cores or more). The rows after the defaults turn one choice the",
    "other way: the generator on the event loop (or in its thread, where the default is the event loop), and a",
    "second librdkafka producer sharing the partitions.",
    "",
    ...busyNote(environment),
    `Environment: ${Object.entries(environment)
      .map(([key, value]) => `${key} ${value}`)
      .join(", ")}`,
    "",
  ].join("\n");
}

/** Says so when other work competed for the CPUs: then every figure is CPU-starved and varies run to run. */
function busyNote(environment: Record<string, string | number>): string[] {
  const load = Number(environment["load average (1 min) before"]);
  if (load <= Number(environment.cpus)) return [];
  return [
    `Other work ran on the machine during this run (load average ${load} on ${environment.cpus} cores): both producers`,
    "got a share of the CPUs, so each figure is lower than on an idle machine and varies from run to run; the ratio,",
    "measured in interleaved rounds, is what compares.",
    "",
  ];
}

async function main(): Promise<void> {
  // Other work on the machine skews every figure: the report says how busy it was.
  const loadBefore = loadavg()[0] ?? 0;
  const generation = measureGeneration();
  console.log(`generator: ${rate(generation.eventsPerSecond)} events/s with JSON`);
  const runDir = join(projectRoot, ".runtime", `bench-producer-${Date.now()}`);
  const runtime = await startLocalRuntime({
    kafka: true,
    spark: false,
    runDir,
    onProgress: (line) => console.log(line),
  });
  const toolName = "Kafka ProducerPerformance (Java client)";
  const runs = new Map<string, Run[]>([
    ...producerVariants.map(({ name }): [string, Run[]] => [name, []]),
    [toolName, []],
  ]);
  try {
    const bootstrap = runtime.kafkaBootstrap as string;
    // Interleaved rounds, so that a burst of other work on the machine hits every contender.
    for (let round = 1; round <= rounds; round++) {
      for (const variant of producerVariants)
        runs.get(variant.name)?.push(await measureProducer(bootstrap, runDir, variant));
      runs.get(toolName)?.push(await measureKafkaTool(bootstrap, generation.recordBytes));
      console.log(
        `round ${round}: ${[...runs].map(([name, list]) => `${name} ${rate(list.at(-1)?.eventsPerSecond ?? 0)}/s`).join("; ")}`,
      );
    }
  } finally {
    await runtime.stop();
  }
  // The broker's data is a few hundred MB of benchmark records: keep it only when a run failed.
  rmSync(runDir, { recursive: true, force: true });
  const defaults = runs.get((producerVariants[0] as ProducerVariant).name) ?? [];
  const producer = median(defaults.map((entry) => entry.eventsPerSecond));
  const kafkaPerf = median((runs.get(toolName) ?? []).map((entry) => entry.eventsPerSecond));
  const result: ProducerBenchmark = {
    generator_events_per_s: Math.round(generation.eventsPerSecond),
    producer_events_per_s: Math.round(producer),
    kafka_perf_events_per_s: Math.round(kafkaPerf),
    ratio_vs_kafka_perf: Number((producer / kafkaPerf).toFixed(2)),
    producer_peak_rss_mb: Math.round(Math.max(...defaults.map((entry) => entry.peakRssMb ?? 0))),
  };
  const environment = {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    "load average (1 min) before": loadBefore.toFixed(2),
    "load average (1 min) after": (loadavg()[0] ?? 0).toFixed(2),
    date: new Date().toISOString().slice(0, 10),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "producer.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(resultsDir, "producer.md"), markdown(result, runs, generation.recordBytes, environment));
  console.log(JSON.stringify(result));
  console.log("wrote bench/results/producer.json and producer.md");
}

await main();
