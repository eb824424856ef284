/**
 * Regenerates the PySpark reference data with the pyspark-client release of the pinned Spark (in
 * its own virtual environment): the API names per class (pyspark-api.json), how each function is
 * sent (pyspark-function-calls.json), and the coverage section of docs/spark-connect.md.
 *
 *   node --import tsx workloads/spark-connect/scripts/update-pyspark-reference.ts [--docs-only]
 *
 * `--docs-only` rewrites only the docs section from the committed PySpark names (no Python), as
 * needed after this client gains or loses a name.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { readJvmVersions } from "../../pinned-jars/manifest.ts";
import {
  coverageDoc,
  coverageOf,
  type PysparkApi,
  pysparkApiFile,
  readPysparkApi,
  renderCoverage,
  withCoverageSection,
} from "./coverage.ts";
import { ourApiNames } from "./our-api.ts";
import { ensurePysparkClient } from "./pyspark-client.ts";

const run = promisify(execFile);

/**
 * Runs a script of this folder with the PySpark environment and writes its JSON output beside it,
 * laid out by the project's formatter so that regenerating unchanged data changes nothing.
 */
async function writeReference(python: string, script: string, output: string): Promise<string> {
  const { stdout } = await run(python, [join(import.meta.dirname, script)], { maxBuffer: 64 * 1024 * 1024 });
  const file = join(import.meta.dirname, output);
  writeFileSync(file, stdout);
  await run("npx", ["biome", "format", "--write", file]);
  return stdout;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "docs-only": { type: "boolean", default: false } } });
  let api = readPysparkApi();
  if (!values["docs-only"]) {
    const python = await ensurePysparkClient(readJvmVersions().spark, console.log);
    api = JSON.parse(await writeReference(python, "pyspark-api.py", "pyspark-api.json")) as PysparkApi;
    await writeReference(python, "pyspark-function-calls.py", "pyspark-function-calls.json");
  }
  const section = renderCoverage(api, coverageOf(api, await ourApiNames()));
  writeFileSync(coverageDoc, withCoverageSection(readFileSync(coverageDoc, "utf8"), section));
  const updated = values["docs-only"]
    ? coverageDoc
    : `${pysparkApiFile}, the function calls and ${coverageDoc}`;
  console.log(`PySpark ${api.pyspark}: updated ${updated}`);
  // The probe session never connected; only its idle channel would keep the process alive.
  process.exit(0);
}

await main();
