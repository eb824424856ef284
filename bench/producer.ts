// Producer throughput, side by side with Kafka's own ProducerPerformance on the same local
// broker, same record size and acks; plus the generator's rate without Kafka.
// Run: npm run bench:producer  (BENCH_EVENTS=n events per run, BENCH_ROUNDS=n rounds)
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { pino } from "pino";
import { resolveLocalRuntime, startLocalRuntime } from "../workloads/local/index.ts";
import { requireJava17 } from "../workloads/local/jvm/java.ts";
import { createLogGenerator } from "../workloads/producer/generator.ts";
import { runProducer } from "../workloads/producer/run-producer.ts";

const projectRoot = join(import.meta.dirname, "..");
const resultsDir = join(projectRoot, "bench", "results");
const events = Number(process.env.BENCH_EVENTS ?? 200_000);
const partitions = 6;
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

interface Row {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  megabytesPerSecond: number;
  recordBytes: number;
  compression: string;
  notes: string;
}

function row(
  name: string,
  count: number,
  seconds: number,
  bytes: number,
  compression: string,
  notes: string,
): Row {
  return {
    name,
    events: count,
    seconds: Number(seconds.toFixed(3)),
    eventsPerSecond: Math.round(count / seconds),
    megabytesPerSecond: Number((bytes / 1e6 / seconds).toFixed(2)),
    recordBytes: Math.round(bytes / count),
    compression,
    notes,
  };
}

/** The run with the median rate, its notes saying the range over all runs. */
function median(runs: Row[]): Row {
  const sorted = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)] as Row;
  const range = `${sorted[0]?.eventsPerSecond.toLocaleString("en-US")}-${sorted.at(-1)?.eventsPerSecond.toLocaleString("en-US")}`;
  return { ...middle, notes: `${middle.notes}; median of ${runs.length} runs (${range} events/s)` };
}

/** Generates `events` events with real-time timestamps; returns the seconds and the JSON bytes. */
function generate(serialize: boolean): { seconds: number; bytes: number } {
  const generator = createLogGenerator({ seed: 1 });
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    const event = generator.next(Date.now());
    if (serialize) bytes += Buffer.byteLength(JSON.stringify(event));
  }
  return { seconds: (performance.now() - started) / 1000, bytes };
}

/** The generator alone, no Kafka, after one unmeasured run of each so the JIT has settled. */
function measureGeneration(): Row[] {
  generate(false);
  generate(true);
  const objects = generate(false);
  const json = generate(true);
  return [
    row(
      "generator: events",
      events,
      objects.seconds,
      json.bytes,
      "-",
      "createLogGenerator().next(), objects only",
    ),
    row(
      "generator: events + JSON",
      events,
      json.seconds,
      json.bytes,
      "-",
      "plus JSON.stringify, the bytes sent",
    ),
  ];
}

async function measureProducer(bootstrap: string, compression: "none" | "gzip"): Promise<Row> {
  const topic = `bench-producer-${compression}-${Date.now()}`;
  const handle = runProducer(
    { brokers: bootstrap, topic, partitions, count: events, rate: "max", compression, batchSize: 1000 },
    { logger: pino({ level: "warn" }) },
  );
  const summary = await handle.done;
  if (summary.events.acked !== events)
    throw new Error(`bench: only ${summary.events.acked} of ${events} acked`);
  return row(
    `runProducer (kafkajs), ${compression}`,
    summary.events.acked,
    summary.elapsedSeconds,
    summary.bytes,
    compression,
    "idempotent, acks=all, 1000 events per send, one send in flight, keyed by service",
  );
}

/** Runs Kafka's ProducerPerformance and reads its final line: "N records sent, R records/sec (M MB/sec), …". */
async function measureKafkaTool(bootstrap: string, recordBytes: number): Promise<Row> {
  const java = requireJava17();
  const { kafka } = await resolveLocalRuntime();
  const topic = `bench-kafka-tool-${Date.now()}`;
  const admin = new Kafka({ clientId: "bench", brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const args = [
    "-Xmx512m",
    "-cp",
    kafka.join(":"),
    "org.apache.kafka.tools.ProducerPerformance",
    "--topic",
    topic,
    "--num-records",
    String(events),
    "--record-size",
    String(recordBytes),
    "--throughput",
    "-1",
    "--producer-props",
    `bootstrap.servers=${bootstrap}`,
    "acks=all",
    "enable.idempotence=true",
    "compression.type=none",
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`bench: ProducerPerformance exited ${code}:\n${text}`)),
    );
  });
  const final = output
    .split("\n")
    .filter((line) => /^\d+ records sent, [\d.]+ records\/sec/.test(line))
    .at(-1);
  const match = final && /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(final);
  if (!match) throw new Error(`bench: no final line in ProducerPerformance output:\n${output}`);
  const count = Number(match[1]);
  const perSecond = Number(match[2]);
  return {
    name: "Kafka ProducerPerformance (Java client), none",
    events: count,
    seconds: Number((count / perSecond).toFixed(3)),
    eventsPerSecond: Math.round(perSecond),
    megabytesPerSecond: Number(((perSecond * recordBytes) / 1e6).toFixed(2)),
    recordBytes,
    compression: "none",
    notes: `idempotent, acks=all, client defaults (linger.ms, batch.size), unkeyed; tool reports ${match[3]} MiB/s`,
  };
}

function markdown(rows: Row[], environment: Record<string, string | number>): string {
  const lines = [
    "# Producer benchmark",
    "",
    `${events.toLocaleString("en-US")} events per run, into a local single-node Kafka broker (topics with ${partitions} partitions, replication 1);`,
    `${rounds} interleaved rounds, each row the median run.`,
    "Same broker, record size and acks for both producers; MB/s counts record values (10^6 bytes).",
    "",
    "| run | events/s | MB/s | bytes/record | compression | notes |",
    "| --- | ---: | ---: | ---: | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.eventsPerSecond.toLocaleString("en-US")} | ${r.megabytesPerSecond} | ${r.recordBytes} | ${r.compression} | ${r.notes} |`,
    ),
    "",
    "Kafka's tool runs the Java client with its defaults: with idempotence it keeps up to 5 requests in",
    "flight per broker and batches per partition with linger.ms. kafkajs keeps one request in flight for an",
    "idempotent producer (its ordering guarantee) and encodes in JavaScript, so one runProducer stays below it;",
    "run several producers for more. gzip trades some throughput for about 6x fewer bytes on the wire and on disk.",
    "",
    "Environment: " +
      Object.entries(environment)
        .map(([key, value]) => `${key} ${value}`)
        .join(", "),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  // Other work on the machine skews every row: the report says how busy it was.
  const loadBefore = loadavg()[0] ?? 0;
  const rows = measureGeneration();
  console.log(
    `generation: ${rows.map((r) => `${r.name} ${r.eventsPerSecond.toLocaleString("en-US")}/s`).join("; ")}`,
  );
  const recordBytes = rows[1]?.recordBytes ?? 600;
  const runDir = join(projectRoot, ".runtime", `bench-producer-${Date.now()}`);
  const runtime = await startLocalRuntime({
    kafka: true,
    spark: false,
    runDir,
    onProgress: (line) => console.log(line),
  });
  try {
    const bootstrap = runtime.kafkaBootstrap as string;
    // Interleaved rounds, so that a burst of other work on the machine hits every contender.
    const runs: Row[][] = [[], [], []];
    for (let round = 1; round <= rounds; round++) {
      const results = [
        await measureProducer(bootstrap, "none"),
        await measureProducer(bootstrap, "gzip"),
        await measureKafkaTool(bootstrap, recordBytes),
      ];
      for (const [index, result] of results.entries()) runs[index]?.push(result);
      console.log(
        `round ${round}: ${results.map((r) => `${r.name} ${r.eventsPerSecond.toLocaleString("en-US")}/s`).join("; ")}`,
      );
    }
    rows.push(...runs.map(median));
  } finally {
    await runtime.stop();
  }
  // The broker's data is a few hundred MB of benchmark records: keep it only when a run failed.
  rmSync(runDir, { recursive: true, force: true });
  const environment = {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    "load average (1 min) before": loadBefore.toFixed(2),
    date: new Date().toISOString().slice(0, 10),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "producer.json"),
    `${JSON.stringify({ events, partitions, environment, rows }, null, 2)}\n`,
  );
  writeFileSync(join(resultsDir, "producer.md"), markdown(rows, environment));
  console.log(`wrote bench/results/producer.json and producer.md`);
}

await main();
