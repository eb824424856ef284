import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalRuntimeError } from "../../workloads/local-servers/errors.ts";
import { JvmProcess, waitUntilReady } from "../../workloads/local-servers/jvm-process.ts";
import { isProcessAlive } from "../process-alive.ts";
import { fakeJava } from "./fake-java.ts";

/** The pid the fake JVM printed, once its log shows it. */
async function fakeJvmPid(logFile: string): Promise<number> {
  const printed = () =>
    existsSync(logFile) ? /fake-java pid (\d+)/.exec(readFileSync(logFile, "utf8"))?.[1] : undefined;
  await expect.poll(printed, { timeout: 10_000, interval: 20 }).toBeDefined();
  return Number(printed());
}

function launch(dir: string, java: string, env: Record<string, string> = {}) {
  return {
    name: "Test server",
    java,
    classpath: ["a.jar", "dir with space/b.jar"],
    jvmOptions: ["-Xmx64m"],
    mainClass: "example.Main",
    args: ["--flag"],
    env,
    logFile: join(dir, "server.log"),
    argFile: join(dir, "server.args"),
  };
}

describe("JvmProcess", () => {
  it("passes the JVM its options, classpath, main class and arguments through an @argfile", async () => {
    const { java, dir } = fakeJava();
    const jvm = JvmProcess.start(launch(dir, java));
    await fakeJvmPid(join(dir, "server.log"));
    expect(readFileSync(join(dir, "server.args"), "utf8").split("\n")).toEqual([
      "-Xmx64m",
      "-cp",
      '"a.jar:dir with space/b.jar"',
      "example.Main",
      "--flag",
    ]);
    await jvm.stop();
  });

  it("stop() ends the JVM and its watchdog, leaving no process behind", async () => {
    const { java, dir } = fakeJava();
    const jvm = JvmProcess.start(launch(dir, java));
    const jvmPid = await fakeJvmPid(join(dir, "server.log"));
    expect(isProcessAlive(jvmPid)).toBe(true);
    await jvm.stop();
    expect(jvm.running).toBe(false);
    expect(isProcessAlive(jvmPid)).toBe(false);
    expect(jvm.pid !== undefined && isProcessAlive(jvm.pid)).toBe(false);
    expect(readFileSync(join(dir, "server.log"), "utf8")).toContain("fake-java got TERM");
  });

  it("stops the JVM when its owner dies without cleaning up (SIGKILL)", async () => {
    const { java, dir } = fakeJava();
    const owner = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { JvmProcess } from ${JSON.stringify(join(import.meta.dirname, "../../workloads/local-servers/jvm-process.ts"))};
         JvmProcess.start(${JSON.stringify(launch(dir, java))});`,
      ],
      { stdio: "ignore" },
    );
    try {
      const jvmPid = await fakeJvmPid(join(dir, "server.log"));
      owner.kill("SIGKILL");
      await new Promise((resolve) => owner.once("exit", resolve));
      await expect.poll(() => isProcessAlive(jvmPid), { timeout: 10_000, interval: 50 }).toBe(false);
    } finally {
      owner.kill("SIGKILL");
    }
  });

  it("reports a JVM that exits during start-up with its name, exit code and log tail", async () => {
    const { java, dir } = fakeJava();
    const jvm = JvmProcess.start(launch(dir, java, { FAKE_JAVA_EXIT: "3" }));
    const failure = await waitUntilReady(jvm, async () => false, 10_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LocalRuntimeError);
    const error = failure as LocalRuntimeError;
    expect(error.server).toBe("Test server");
    expect(error.message).toContain("Test server exited during start-up (exit code 3)");
    expect(error.message).toContain("fatal: cannot start");
    expect(error.message).toContain(`Full log: ${join(dir, "server.log")}`);
  });

  it("gives up at once on a fatal log line, even while the JVM lingers, and stops it", async () => {
    const { java, dir } = fakeJava();
    const jvm = JvmProcess.start(launch(dir, java, { FAKE_JAVA_FATAL: "Exiting due to fatal exception" }));
    const failure = await waitUntilReady(jvm, async () => false, 30_000, /fatal exception/).catch(
      (error: unknown) => error,
    );
    expect((failure as Error).message).toMatch(/Test server failed during start-up/);
    expect((failure as Error).message).toContain("Exiting due to fatal exception");
    expect(jvm.running).toBe(false);
  });

  it("reports a JVM that never becomes ready, with the last readiness failure", async () => {
    const { java, dir } = fakeJava();
    const jvm = JvmProcess.start(launch(dir, java));
    const failure = await waitUntilReady(
      jvm,
      async () => {
        throw new Error("connection refused");
      },
      300,
    ).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /Test server did not become ready within 0 s \(last check: connection refused\)/,
    );
    await jvm.stop();
  });
});
