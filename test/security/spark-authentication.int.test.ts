import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveLocalRuntime } from "../../workloads/local-servers/runtime.ts";
import { requireJava17 } from "../../workloads/pinned-jars/java.ts";
import "../integration/provided-context.ts";
import { logShows, StandaloneMaster } from "./spark-standalone.ts";

/**
 * The cluster's Spark standalone setup (infra/spark.ts) on real daemons: a master started with
 * `spark.authenticate` and RPC encryption accepts a worker that holds the shared secret and
 * refuses one without it or with another secret.
 */
describe("a Spark standalone master started with spark.authenticate", () => {
  const secret = randomBytes(32).toString("hex");
  let master: StandaloneMaster;

  beforeAll(async () => {
    const classpaths = await resolveLocalRuntime();
    master = new StandaloneMaster({
      java: requireJava17(),
      classpath: classpaths.spark,
      dir: join(inject("runtimeDir"), "spark-standalone-auth"),
    });
    await master.start({ secret });
  });

  afterAll(async () => {
    await master?.stop();
  });

  it("registers a worker that holds the shared secret", async () => {
    const worker = await master.startWorker("with-secret", { secret });
    await logShows(worker, /Successfully registered with master/, 90_000);
    const { workers } = await master.state();
    expect(workers.map((candidate) => candidate.state)).toEqual(["ALIVE"]);
  });

  it("refuses a worker without the shared secret", async () => {
    const worker = await master.startWorker("without-secret", "none");
    await logShows(worker, /Failed to connect to master/, 90_000);
    expect((await master.state()).workers).toHaveLength(1);
    expect(worker.logTail(2_000)).not.toMatch(/Successfully registered with master/);
  });

  it("refuses a worker with a different secret", async () => {
    const worker = await master.startWorker("wrong-secret", { secret: randomBytes(32).toString("hex") });
    await logShows(worker, /Failed to connect to master/, 90_000);
    expect((await master.state()).workers).toHaveLength(1);
    expect(worker.logTail(2_000)).not.toMatch(/Successfully registered with master/);
  });
});
