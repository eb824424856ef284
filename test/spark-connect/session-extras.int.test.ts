import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  type ExecutionProgress,
  functions as F,
  Observation,
  SparkConnectClientError,
  SparkSession,
} from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
const scratch = mkdtempSync(join(tmpdir(), "artifacts-"));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await spark.stop();
});

describe("session progress handlers, observations and artifacts", () => {
  it("calls progress handlers for each operation until removed, the last call marked done", async () => {
    const seen: ExecutionProgress[] = [];
    const handler = (progress: ExecutionProgress) => seen.push(progress);
    spark.registerProgressHandler(handler);
    await spark.range(1000).groupBy().agg(F.sum("id")).collect();
    const done = seen.filter((p) => p.done);
    expect(done).toHaveLength(1);
    expect(done[0]?.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.at(-1)?.done).toBe(true);

    spark.removeProgressHandler(handler);
    const before = seen.length;
    await spark.range(10).collect();
    expect(seen).toHaveLength(before);
  });

  it("gives an observation's metrics only after an action ran the observed DataFrame", async () => {
    const observation = new Observation();
    const observed = spark
      .range(10)
      .observe(observation, F.count("*").alias("rows"), F.max("id").alias("top"));
    expect(() => observation.get()).toThrow(/run an action/);
    expect(await observed.count()).toBe(10);
    expect(observation.get()).toEqual({ rows: 10n, top: 9n });
  });

  it("uploads small and chunked artifacts, and names a file it cannot read", async () => {
    const small = join(scratch, "small.txt");
    const large = join(scratch, "large.bin");
    writeFileSync(small, "hello");
    writeFileSync(large, randomBytes(100 * 1024));
    await expect(spark.addArtifacts(small, large)).resolves.toBeUndefined();
    await expect(spark.addArtifacts(join(scratch, "missing.txt"))).rejects.toThrow(
      expect.objectContaining({
        name: SparkConnectClientError.name,
        message: expect.stringContaining("missing.txt"),
      }),
    );
  });
});
