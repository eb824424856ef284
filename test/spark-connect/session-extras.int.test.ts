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

  it("sends copyFromLocalToFs to the server's file-system copy, which refuses a local destination by default", async () => {
    const file = join(scratch, "copy.txt");
    writeFileSync(file, "copied");
    // The server takes the upload as a copy to its file system; without
    // spark.connect.copyFromLocalToFs.allowDestLocal (a static config) a local one is refused.
    await expect(spark.copyFromLocalToFs(file, join(scratch, "copied.txt"))).rejects.toMatchObject({
      errorClass: "_LEGACY_ERROR_TEMP_3161",
    });
    await expect(spark.copyFromLocalToFs(file, "file:/copied.txt")).rejects.toThrow(/must have no scheme/);
    await expect(spark.copyFromLocalToFs(file, "copied.txt")).rejects.toThrow(/absolute path/);
  });

  it("clones a session: the copy has the views and configs, then goes its own way", async () => {
    await spark.range(3).createOrReplaceTempView("before_clone");
    await spark.conf.set("spark.sql.shuffle.partitions", "7");
    const clone = await spark.cloneSession();
    expect(clone.sessionId).not.toBe(spark.sessionId);
    expect(await clone.table("before_clone").count()).toBe(3);
    expect(await clone.conf.get("spark.sql.shuffle.partitions")).toBe("7");
    await clone.range(1).createOrReplaceTempView("after_clone");
    expect(await spark.catalog.tableExists("after_clone")).toBe(false);
    await clone.stop();
    expect(clone.is_stopped).toBe(true);
    expect(spark.is_stopped).toBe(false);
  });
});
