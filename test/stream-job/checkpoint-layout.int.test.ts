import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import {
  CheckpointLayoutError,
  checkpointLayoutVersion,
  verifyCheckpointLayout,
} from "../../workloads/stream-job/checkpoint-layout.ts";
import { parseStreamJobConfig, type StreamJobConfig } from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";
import "../integration/provided-context.ts";

const session = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
afterAll(async () => {
  await session.stop();
});

function configAt(checkpointPath: string, topology: "combined" | "separate" = "combined"): StreamJobConfig {
  return parseStreamJobConfig({
    sparkConnectUrl: inject("sparkConnectUrl"),
    kafkaBootstrap: inject("kafkaBootstrap"),
    lakePath: join(checkpointPath, "..", "lake"),
    checkpointPath,
    topology,
  });
}

const verify = (config: StreamJobConfig) => verifyCheckpointLayout(session, config, streamJobQueries(config));

describe("the checkpoint layout marker", () => {
  const root = join(inject("runtimeDir"), `checkpoint-layout-${randomUUID().slice(0, 8)}`);

  it("is written on a first run and accepted by the next run of the same layout", async () => {
    const config = configAt(join(root, "fresh"));
    await verify(config);
    const [marker] = await session.read.json(join(root, "fresh", "_layout")).collect({ int64: "number" });
    expect(marker).toEqual({
      version: checkpointLayoutVersion,
      queries: ["analytics", "dead-letters", "lake"],
    });
    await expect(verify(config)).resolves.toBeUndefined();
  });

  it("refuses checkpoints of another topology, naming CHECKPOINT_PATH and what to do", async () => {
    const path = join(root, "switched");
    await verify(configAt(path, "combined"));
    const failure = await verify(configAt(path, "separate")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CheckpointLayoutError);
    expect(String(failure)).toMatch(/CHECKPOINT_PATH/);
    expect(String(failure)).toMatch(/queries analytics, dead-letters, lake/);
    expect(String(failure)).toMatch(/point CHECKPOINT_PATH at a new folder or delete the old one/);
  });

  it("refuses unmarked checkpoints of the earlier four-query layout", async () => {
    const path = join(root, "layout-1");
    for (const query of ["lake", "window-metrics"]) {
      mkdirSync(join(path, query), { recursive: true });
      writeFileSync(join(path, query, "metadata"), `{"id":"${randomUUID()}"}\n`);
    }
    const failure = await verify(configAt(path)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CheckpointLayoutError);
    expect(String(failure)).toMatch(/unmarked layout \(query checkpoints: lake, window-metrics\)/);
  });
});
