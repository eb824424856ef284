import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pysparkUrlOf } from "../../../workloads/spark-connect/scripts/pyspark-client.ts";
import type { SparkJsonType } from "./canonical.ts";
import { fixtures } from "./fixtures.ts";
import type { Program } from "./program.ts";

export interface RawError {
  class: string | null;
  type: string;
  message: string;
  trace?: string;
}

export type PySparkResult = { schema: SparkJsonType; rows: unknown[][] } | { error: RawError };

/**
 * Runs every program with PySpark in one Python process (one session) and returns the results
 * by name. Aborting `signal` kills the process.
 */
export async function runWithPySpark(
  python: string,
  url: string,
  programs: Program[],
  signal?: AbortSignal,
): Promise<Record<string, PySparkResult>> {
  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  const output = join(dir, "results.json");
  try {
    const child = spawn(python, [join(import.meta.dirname, "run_programs.py"), output], {
      // Naive datetimes from collect() are in the process's zone: make it UTC, as the session's.
      env: { ...process.env, TZ: "UTC" },
      stdio: ["pipe", "inherit", "pipe"],
      signal,
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + String(chunk)).slice(-8000);
    });
    child.stdin.end(
      JSON.stringify({
        url: pysparkUrlOf(url),
        setup: fixtures,
        programs: programs.map((p) => ({ name: p.name, code: p.py })),
      }),
    );
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`the PySpark runner failed (exit ${code}):\n${stderr}`);
    return JSON.parse(readFileSync(output, "utf8")) as Record<string, PySparkResult>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
