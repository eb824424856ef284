import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalRuntime } from "../../workloads/local-servers/index.ts";
import "./provided-context.ts";
import { isProcessAlive } from "../process-alive.ts";

const runsDir = join(import.meta.dirname, "..", "..", ".runtime");

/**
 * Keeps the logs of the last few finished test runs for a look after a failure, and no more.
 * A folder whose run is still going (its pid, the name's last part, is alive) is never touched.
 */
function pruneOldTestRuns(keep: number): void {
  const finished = readdirSync(runsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith("test-run-"))
    .map((entry) => entry.name)
    .filter((name) => !isProcessAlive(Number(name.split("-").at(-1))))
    .sort();
  for (const name of finished.slice(0, Math.max(0, finished.length - keep))) {
    rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}

/**
 * One real Kafka broker, one real Spark Connect server and one real S3-compatible store (the
 * lake's S3 variants) for the whole integration run.
 */
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
    objectStore: true,
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
  project.provide("objectStoreLake", runtime.pipelineData);
  const store = runtime.objectStore;
  if (!store) throw new Error("the integration runtime started without its object store");
  project.provide("objectStore", {
    endpoint: store.endpoint.endpoint,
    region: store.endpoint.region,
    ...store.credentials,
  });
  return () => runtime.stop();
}
