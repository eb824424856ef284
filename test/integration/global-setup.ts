import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalRuntime } from "../../workloads/local/index.ts";
import "./provided-context.ts";

const runsDir = join(import.meta.dirname, "..", "..", ".runtime");

/** Keeps the logs of the last few test runs for a look after a failure, and no more. */
function pruneOldTestRuns(keep: number): void {
  const runs = readdirSync(runsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith("test-run-"))
    .map((entry) => entry.name)
    .sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}

/** One real Kafka broker and one real Spark Connect server for the whole integration run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stamp = new Date()
    .toISOString()
    .replaceAll(":", "-")
    .replace(/\.\d+Z$/, "Z");
  const runDir = join(runsDir, `test-run-${stamp}-${process.pid}`);
  const started = Date.now();
  const runtime = await startLocalRuntime({
    kafka: true,
    spark: true,
    runDir,
    onProgress: (line) => console.log(`[local runtime] ${line}`),
  });
  pruneOldTestRuns(3);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `[local runtime] Kafka and Spark ${runtime.sparkVersion} ready in ${seconds} s (logs in ${runDir})`,
  );
  project.provide("kafkaBootstrap", runtime.kafkaBootstrap ?? "");
  project.provide("sparkConnectUrl", runtime.sparkConnectUrl ?? "");
  project.provide("runtimeDir", runtime.dirs.root);
  return () => runtime.stop();
}
