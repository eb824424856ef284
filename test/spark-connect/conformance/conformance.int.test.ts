import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SparkSession } from "../../../workloads/spark-connect/index.ts";
import { ensurePysparkClient } from "../../../workloads/spark-connect/scripts/pyspark-client.ts";
import "../../integration/provided-context.ts";
import { type Outcome, outcomeOfClient, outcomeOfPySpark } from "./compare.ts";
import { differences } from "./differences.ts";
import { programs } from "./programs/index.ts";
import { type ClientResult, runWithClient } from "./run-client.ts";
import { type PySparkResult, runWithPySpark } from "./run-pyspark.ts";

const url = inject("sparkConnectUrl");
const spark = await SparkSession.builder().remote(url).create();
let ours: Record<string, ClientResult> = {};
let theirs: Record<string, PySparkResult> = {};
const tally = { matches: 0, sameErrors: 0, documentedDifferences: 0 };
const pyspark = new AbortController();

// Over 400 query runs (every program, once per client) on the shared two-core server: about
// two minutes on a quiet machine, more when other suites load it, hence the longer limit.
const runAllTimeoutMs = 900_000;

beforeAll(async () => {
  const python = await ensurePysparkClient(await spark.version(), (line) =>
    console.log(`[conformance] ${line}`),
  );
  // Two sessions on the same server, one per client, running side by side.
  [theirs, ours] = await Promise.all([
    runWithPySpark(python, url, programs, pyspark.signal),
    runWithClient(spark, programs),
  ]);
}, runAllTimeoutMs);

afterAll(async () => {
  pyspark.abort();
  console.log(
    `[conformance] ${programs.length} programs: ${tally.matches} equal results, ${tally.sameErrors} same error class, ` +
      `${tally.documentedDifferences} documented differences`,
  );
  await spark.stop();
});

function outcomes(name: string): { client: Outcome; pyspark: Outcome } {
  const program = programs.find((p) => p.name === name);
  const mine = ours[name];
  const pys = theirs[name];
  if (!program || !mine || !pys) throw new Error(`no result for ${name}`);
  return { client: outcomeOfClient(mine, program), pyspark: outcomeOfPySpark(pys, program) };
}

describe("The same programs give the same schema, values and error classes with this client and PySpark", () => {
  it("has unique program names", () => {
    expect(new Set(programs.map((p) => p.name)).size).toBe(programs.length);
  });

  it.for(programs)("$name", (program) => {
    const { client, pyspark } = outcomes(program.name);
    if (program.fails) {
      expect(
        "errorClass" in pyspark && pyspark.errorClass,
        "PySpark should fail with an error class",
      ).toBeTruthy();
      expect(client).toMatchObject({ errorClass: (pyspark as { errorClass: string }).errorClass });
      tally.sameErrors++;
    } else if (program.difference) {
      expect("errorClass" in pyspark, `PySpark failed: ${JSON.stringify(pyspark)}`).toBe(false);
      expect(client, `documented difference "${program.difference}" no longer shows`).not.toEqual(pyspark);
      tally.documentedDifferences++;
    } else {
      expect("errorClass" in pyspark, `PySpark failed: ${JSON.stringify(pyspark)}`).toBe(false);
      expect(client).toEqual(pyspark);
      tally.matches++;
    }
  });

  it("documents every difference it shows in docs/spark-connect.md", () => {
    const docs = readFileSync(
      join(import.meta.dirname, "..", "..", "..", "docs", "spark-connect.md"),
      "utf8",
    );
    for (const id of Object.keys(differences)) expect(docs).toContain(`\`${id}\``);
  });
});
