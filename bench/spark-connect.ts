/**
 * Our Spark Connect client against the official PySpark Connect client (`pyspark-client`), in one
 * run against the same local Spark Connect server:
 *   (a) collect() and Arrow fetch of 1M and 10M rows × 6 mixed columns, rows/s;
 *   (b) round-trip latency of a trivial plan, p50/p95 over 200 calls;
 *   (c) upload of 1M rows with createDataFrame (rows, and an Arrow table);
 *   plus the peak RSS of streaming 10M rows batch by batch.
 * Writes bench/results/spark-connect.json and .md.
 *
 *   npm run bench:spark-connect [-- --sizes 1000000,10000000 --roundtrips 200 --upload 1000000]
 * SPARK_REMOTE=sc://… uses a running server instead of starting a local one.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { tableFromArrays } from "apache-arrow";
import { startLocalRuntime } from "../workloads/local-servers/index.ts";
import { SparkSession } from "../workloads/spark-connect/index.ts";
import { ensurePysparkClient, pysparkUrlOf } from "../workloads/spark-connect/scripts/pyspark-client.ts";

const benchDir = import.meta.dirname;
const warmupRows = 200_000;
const mixedColumns = [
  "id",
  "CAST(id AS INT) AS i",
  "id * 1.5 AS d",
  "CONCAT('service-', CAST(id % 100 AS STRING)) AS s",
  "id % 2 = 0 AS b",
  "TIMESTAMP_SECONDS(id) AS ts",
];

interface ClientResults {
  version: string;
  collect: Record<string, number>;
  arrow: Record<string, number>;
  roundtrip_ms: number[];
  upload_rows: number;
  upload_arrow: number;
}

async function timed<T>(action: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await action();
  return [(performance.now() - start) / 1000, result];
}

/** Frees the previous step's results before the next is timed (the child runs with --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measureOurs(
  url: string,
  sizes: number[],
  roundtrips: number,
  uploadRows: number,
): Promise<ClientResults> {
  const spark = await SparkSession.builder().remote(url).create();
  const out: ClientResults = {
    version: await spark.version(),
    collect: {},
    arrow: {},
    roundtrip_ms: [],
    upload_rows: 0,
    upload_arrow: 0,
  };
  // Warm up both sides (JIT here, query compilation there) as the PySpark script does.
  await spark
    .range(warmupRows)
    .selectExpr(...mixedColumns)
    .toArrow();
  await spark
    .range(warmupRows)
    .selectExpr(...mixedColumns)
    .collect();
  for (const rows of sizes) {
    const df = spark.range(rows).selectExpr(...mixedColumns);
    const [arrowSeconds, table] = await timed(() => df.toArrow());
    if (table.numRows !== rows) throw new Error(`toArrow returned ${table.numRows} rows, expected ${rows}`);
    out.arrow[rows] = arrowSeconds;
    collectGarbage();
    const [collectSeconds, collected] = await timed(() => df.collect());
    if (collected.length !== rows)
      throw new Error(`collect returned ${collected.length} rows, expected ${rows}`);
    out.collect[rows] = collectSeconds;
    collectGarbage();
  }
  const trivial = spark.range(1);
  for (let i = 0; i < roundtrips; i++) {
    const [seconds] = await timed(() => trivial.collect());
    out.roundtrip_ms.push(seconds * 1000);
  }
  if (uploadRows === 0) {
    await spark.stop();
    return out;
  }
  if (uploadRows === 0) {
    await spark.stop();
    return out;
  }
  const data = Array.from({ length: uploadRows }, (_, i) => ({
    id: i,
    i: i % 1000,
    d: i * 0.5,
    s: `service-${i % 100}`,
    b: i % 2 === 0,
    n: i * 7,
  }));
  const schema = "id BIGINT, i INT, d DOUBLE, s STRING, b BOOLEAN, n BIGINT";
  [out.upload_rows] = await timed(() => spark.createDataFrame(data, schema).count());
  const table = tableFromArrays({
    id: BigInt64Array.from(data, (r) => BigInt(r.id)),
    i: Int32Array.from(data, (r) => r.i),
    d: Float64Array.from(data, (r) => r.d),
    s: data.map((r) => r.s),
    b: data.map((r) => r.b),
    n: BigInt64Array.from(data, (r) => BigInt(r.n)),
  });
  [out.upload_arrow] = await timed(() => spark.createDataFrame(table).count());
  await spark.stop();
  return out;
}

/** Streams `rows` rows batch by batch in this (child) process and reports its peak RSS in MB. */
async function streamPeakRss(url: string, rows: number): Promise<void> {
  const spark = await SparkSession.builder().remote(url).create();
  let peak = process.memoryUsage.rss();
  let seen = 0;
  for await (const batch of spark
    .range(rows)
    .selectExpr(...mixedColumns)
    .toBatches()) {
    seen += batch.numRows;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  await spark.stop();
  if (seen !== rows) throw new Error(`streamed ${seen} rows, expected ${rows}`);
  process.stdout.write(JSON.stringify({ peakRssMb: peak / 1024 / 1024 }));
}

function ratiosAndReport(ours: ClientResults, theirs: ClientResults, sizes: number[], peakRssMb: number) {
  const rate = (rows: number, seconds: number | undefined) => (seconds ? rows / seconds : Number.NaN);
  const byLabel = (rows: number) => (rows >= 1_000_000 ? `${rows / 1_000_000}m` : String(rows));
  const json: Record<string, unknown> = {
    spark_version: ours.version,
    node_version: process.version,
    measured_at: new Date().toISOString(),
  };
  for (const rows of sizes) {
    const label = byLabel(rows);
    json[`collect_${label}_rows_per_s_ts`] = rate(rows, ours.collect[rows]);
    json[`collect_${label}_rows_per_s_pyspark`] = rate(rows, theirs.collect[rows]);
    json[`collect_${label}_ratio_vs_pyspark`] = (theirs.collect[rows] ?? 0) / (ours.collect[rows] ?? 1);
    json[`arrow_${label}_rows_per_s_ts`] = rate(rows, ours.arrow[rows]);
    json[`arrow_${label}_rows_per_s_pyspark`] = rate(rows, theirs.arrow[rows]);
    json[`arrow_${label}_ratio_vs_pyspark`] = (theirs.arrow[rows] ?? 0) / (ours.arrow[rows] ?? 1);
  }
  const p50 = percentile(ours.roundtrip_ms, 50);
  const p95 = percentile(ours.roundtrip_ms, 95);
  const py50 = percentile(theirs.roundtrip_ms, 50);
  const py95 = percentile(theirs.roundtrip_ms, 95);
  Object.assign(json, {
    roundtrip_p50_ms_ts: p50,
    roundtrip_p95_ms_ts: p95,
    roundtrip_p50_ms_pyspark: py50,
    roundtrip_p95_ms_pyspark: py95,
    roundtrip_p50_ratio_vs_pyspark: p50 / py50,
    roundtrip_p95_ratio_vs_pyspark: p95 / py95,
    upload_1m_seconds_ts: ours.upload_rows,
    upload_1m_seconds_pyspark: theirs.upload_rows,
    upload_1m_ratio_vs_pyspark: theirs.upload_rows / ours.upload_rows,
    upload_arrow_1m_ratio_vs_pyspark: theirs.upload_arrow / ours.upload_arrow,
    stream_10m_peak_rss_mb: peakRssMb,
    ratio_meaning:
      "ours/theirs: throughput ratios above 1 mean this client is faster; latency ratios below 1 mean this client is faster",
  });
  const fmt = (n: unknown) => (typeof n === "number" ? (n >= 100 ? n.toFixed(0) : n.toFixed(2)) : String(n));
  const lines = [
    "# Spark Connect client benchmark: TypeScript vs PySpark Connect",
    "",
    `Spark ${ours.version}, Node ${process.version}, one local server shared by both clients; measured ${json.measured_at}.`,
    "Throughput ratios are ours/theirs (above 1: TypeScript faster); latency ratios are ours/theirs (below 1: TypeScript faster).",
    "",
    "| measure | TypeScript | PySpark | ratio |",
    "| --- | ---: | ---: | ---: |",
    ...sizes.flatMap((rows) => {
      const label = byLabel(rows);
      return [
        `| collect() ${label} rows × 6 columns, rows/s | ${fmt(json[`collect_${label}_rows_per_s_ts`])} | ${fmt(json[`collect_${label}_rows_per_s_pyspark`])} | ${fmt(json[`collect_${label}_ratio_vs_pyspark`])} |`,
        `| toArrow() ${label} rows × 6 columns, rows/s | ${fmt(json[`arrow_${label}_rows_per_s_ts`])} | ${fmt(json[`arrow_${label}_rows_per_s_pyspark`])} | ${fmt(json[`arrow_${label}_ratio_vs_pyspark`])} |`,
      ];
    }),
    `| trivial plan round trip p50, ms | ${fmt(p50)} | ${fmt(py50)} | ${fmt(p50 / py50)} |`,
    `| trivial plan round trip p95, ms | ${fmt(p95)} | ${fmt(py95)} | ${fmt(p95 / py95)} |`,
    `| createDataFrame 1M rows + count, s | ${fmt(ours.upload_rows)} | ${fmt(theirs.upload_rows)} | ${fmt(json.upload_1m_ratio_vs_pyspark)} |`,
    `| createDataFrame 1M-row Arrow table + count, s | ${fmt(ours.upload_arrow)} | ${fmt(theirs.upload_arrow)} | ${fmt(json.upload_arrow_1m_ratio_vs_pyspark)} |`,
    "",
    `Streaming 10M rows batch by batch (toBatches): peak RSS ${fmt(peakRssMb)} MB (goal: under 300 MB).`,
    "",
  ];
  return { json, markdown: lines.join("\n") };
}

/** Runs this script in a fresh Node process (its own heap, as PySpark has its own process) and returns its stdout. */
function runChild(args: string[]): string {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(benchDir, "spark-connect.ts"), ...args],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`the benchmark child "${args[0]}" failed (exit ${child.status})`);
  return child.stdout;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sizes: { type: "string", default: "1000000,10000000" },
      roundtrips: { type: "string", default: "200" },
      upload: { type: "string", default: "1000000" },
      "stream-rows": { type: "string", default: "10000000" },
    },
  });
  const sizes = (values.sizes ?? "").split(",").filter(Boolean).map(Number);
  const roundtrips = Number(values.roundtrips);
  const uploadRows = Number(values.upload);
  if (positionals[0] === "stream-rss") {
    await streamPeakRss(positionals[1] ?? "", Number(values["stream-rows"]));
    return;
  }
  if (positionals[0] === "measure") {
    const results = await measureOurs(positionals[1] ?? "", sizes, roundtrips, uploadRows);
    process.stdout.write(JSON.stringify(results));
    return;
  }

  const runtime = process.env.SPARK_REMOTE
    ? undefined
    : await startLocalRuntime({
        spark: true,
        sparkHeap: "4g",
        runDir: join(benchDir, ".scratch", `spark-connect-${Date.now()}`),
        onProgress: (line) => console.log(`[local runtime] ${line}`),
      });
  try {
    const url = process.env.SPARK_REMOTE ?? runtime?.sparkConnectUrl ?? "";
    const version = await (async () => {
      const spark = await SparkSession.builder().remote(url).create();
      try {
        return await spark.version();
      } finally {
        await spark.stop();
      }
    })();
    const python = await ensurePysparkClient(version, console.log);

    console.log("streaming 10M rows in a child process for its peak RSS…");
    const { peakRssMb } = JSON.parse(
      runChild(["stream-rss", url, "--stream-rows", values["stream-rows"] ?? ""]),
    ) as {
      peakRssMb: number;
    };

    console.log("PySpark Connect client…");
    const pysparkUrl = pysparkUrlOf(url);
    const py = spawnSync(
      python,
      [
        join(benchDir, "spark-connect", "pyspark_bench.py"),
        pysparkUrl,
        sizes.join(","),
        String(roundtrips),
        String(uploadRows),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
    );
    if (py.status !== 0) throw new Error(`the PySpark benchmark failed (exit ${py.status})`);
    const theirs = JSON.parse(py.stdout.trim().split("\n").at(-1) ?? "{}") as ClientResults;

    console.log("TypeScript client…");
    // Each part in a fresh process, so one part's garbage (10M collected rows) does not slow the next.
    const part = (partSizes: number[], partRoundtrips: number, partUpload: number) =>
      JSON.parse(
        runChild([
          "measure",
          url,
          "--sizes",
          partSizes.join(","),
          "--roundtrips",
          String(partRoundtrips),
          "--upload",
          String(partUpload),
        ]),
      ) as ClientResults;
    const parts = [...sizes.map((rows) => part([rows], 0, 0)), part([], roundtrips, uploadRows)];
    const ours: ClientResults = {
      version: parts[0]?.version ?? "",
      collect: Object.assign({}, ...parts.map((p) => p.collect)),
      arrow: Object.assign({}, ...parts.map((p) => p.arrow)),
      roundtrip_ms: parts.flatMap((p) => p.roundtrip_ms),
      upload_rows: parts.at(-1)?.upload_rows ?? Number.NaN,
      upload_arrow: parts.at(-1)?.upload_arrow ?? Number.NaN,
    };

    const { json, markdown } = ratiosAndReport(ours, theirs, sizes, peakRssMb);
    const results = join(benchDir, "results");
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, "spark-connect.json"), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(join(results, "spark-connect.md"), markdown);
    console.log(markdown);
  } finally {
    await runtime?.stop();
  }
}

await main();
