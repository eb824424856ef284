import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Kafka, logLevel } from "kafkajs";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { startLocalRuntime } from "../../workloads/local-servers/runtime.ts";
import "../integration/provided-context.ts";

const fixture = join(import.meta.dirname, "fixtures", "stop-during-restart.ts");

// A broker of its own (a broker is cheap), since the test kills it.
describe("a stoppable consumer", () => {
  it("lets its process exit when stopped while kafkajs restarts it against a dead broker", async () => {
    const runtime = await startLocalRuntime({
      kafka: true,
      spark: false,
      runDir: join(inject("runtimeDir"), "stoppable-consumer"),
    });
    onTestFinished(() => runtime.stop());
    const bootstrap = runtime.kafkaBootstrap as string;
    const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: "followed" }] });
    await admin.disconnect();

    const child = spawn(process.execPath, ["--import", "tsx", fixture, bootstrap, "followed"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    // Also when the test times out, which is how a consumer that never stops shows.
    onTestFinished(() => void child.kill("SIGKILL"));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const lines: string[] = [];
    const running = new Promise<void>((resolve) =>
      createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        if (line === "running") resolve();
      }),
    );
    await Promise.race([running, exited]);
    expect(lines).toContain("running");
    await runtime.kafka?.jvm?.kill();
    expect(await exited).toBe(0);
    expect(lines).toEqual(["running", "stopping during a restart", "stopped"]);
  });
});
