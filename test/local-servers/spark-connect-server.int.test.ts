import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import { fairSchedulerAllocationXml } from "../../workloads/pinned-jars/spark-scheduler.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

describe("the local Spark Connect server", () => {
  const url = inject("sparkConnectUrl");

  it("answers AnalyzePlan with the pinned Spark version", async () => {
    const session = await SparkSession.builder().remote(url).getOrCreate();
    try {
      expect(await session.version()).toBe(readJvmVersions().spark);
    } finally {
      await session.stop();
    }
  });

  it("schedules the queries' jobs FAIR, from the allocation file the cluster mounts too", async () => {
    const session = await SparkSession.builder().remote(url).getOrCreate();
    try {
      expect(await session.conf.get("spark.scheduler.mode")).toBe("FAIR");
      const allocationFile = new URL(String(await session.conf.get("spark.scheduler.allocation.file")));
      expect(readFileSync(allocationFile, "utf8")).toBe(fairSchedulerAllocationXml);
    } finally {
      await session.stop();
    }
  });

  it("rejects a client that does not present this run's token", async () => {
    const withoutToken = url.replace(/;token=[^;]*/, "");
    const session = await SparkSession.builder().remote(withoutToken).getOrCreate();
    await expect(session.version()).rejects.toThrow(/UNAUTHENTICATED|token|auth/i);
    await session.stop().catch(() => {});
  });
});
