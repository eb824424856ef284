import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import "../integration/provided-context.ts";
import { isProcessAlive } from "../process-alive.ts";

const projectRoot = join(import.meta.dirname, "..", "..");

/** The command `npm start` runs (package.json), so the test stops exactly what a user starts. */
function npmStartCommand(): { command: string; args: string[] } {
  const packageJson = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const [node, ...args] = packageJson.scripts.start.split(" ");
  expect(node).toBe("node");
  return { command: process.execPath, args };
}

interface ProcessEntry {
  pid: number;
  ppid: number;
  command: string;
}

function processTable(): ProcessEntry[] {
  return execFileSync("ps", ["-A", "-o", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => {
      const [pid, ppid, command] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), command: command ?? "" };
    });
}

/** Every process started, directly or not, by `root`: the servers' watchdogs and their JVMs. */
function descendantsOf(root: number): ProcessEntry[] {
  const table = processTable();
  const found: ProcessEntry[] = [];
  let parents = new Set([root]);
  while (parents.size > 0) {
    const children = table.filter((entry) => parents.has(entry.ppid));
    found.push(...children);
    parents = new Set(children.map((entry) => entry.pid));
  }
  return found;
}

const lostSparkConnect = "lost the Spark Connect server";

/**
 * `npm start` for real: a Kafka broker and a Spark Connect server of its own, the producer, the
 * stream job and the live view, stopped by a signal as Ctrl-C (or Kubernetes) would.
 */
describe("npm start", () => {
  let running: { pid: number; exited: boolean } | undefined;

  afterEach(() => {
    // A failed test leaves nothing running: the servers' watchdogs stop the JVMs once it is gone.
    if (running && !running.exited) process.kill(running.pid, "SIGKILL");
    running = undefined;
  });

  // Two JVMs start inside the test, which takes as long as the integration servers' own start.
  it.each(["SIGINT", "SIGTERM"] as const)(
    "stops cleanly on %s: exits 0, no JVM left behind, the job stopped before its servers",
    async (signal) => {
      const runDir = join(inject("runtimeDir"), `npm-start-${signal}`);
      const { command, args } = npmStartCommand();
      const child = spawn(
        command,
        [...args, "--rate", "50", "--no-incidents", "--trigger", "10 seconds", "--run-dir", runDir],
        { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] },
      );
      const pid = child.pid as number;
      running = { pid, exited: false };
      const output: string[] = [];
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once("exit", (code, exitSignal) => {
          if (running) running.exited = true;
          resolve({ code, signal: exitSignal });
        }),
      );
      // The live view's first page: the servers are up and the job's queries started.
      const liveView = new Promise<void>((resolve, reject) => {
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on("line", (line) => {
            output.push(line);
            if (line.startsWith("stream job  http://")) resolve();
          });
        }
        void exited.then(({ code }) =>
          reject(new Error(`npm start exited (${code}) before its live view:\n${output.join("\n")}`)),
        );
      });
      await liveView;

      const descendants = descendantsOf(pid);
      const jvms = descendants.filter((entry) => entry.command === "java");
      expect(jvms.length, "the Kafka and Spark Connect JVMs").toBeGreaterThanOrEqual(2);

      child.kill(signal);
      expect(await exited, output.join("\n")).toEqual({ code: 0, signal: null });
      const alive = () => descendants.filter((entry) => isProcessAlive(entry.pid));
      expect(
        alive().filter((entry) => entry.command === "java"),
        "JVMs alive once npm start exited",
      ).toEqual([]);
      // The TypeScript loader's esbuild service ends on its own once it sees its parent's pipe
      // close, a moment after the exit (longer on a busy machine): wait for that, not a snapshot.
      await vi.waitFor(() => expect(alive()).toEqual([]), { timeout: 15_000, interval: 100 });

      const jobLog = readFileSync(join(runDir, "stream-job.log"), "utf8").trim().split("\n");
      const entries = jobLog.map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(entries.map((entry) => entry.msg)).toContain("stream job stopped");
      expect(entries.filter((entry) => entry.msg.includes(lostSparkConnect) || entry.level >= 50)).toEqual(
        [],
      );
      expect(output.filter((line) => line.includes(lostSparkConnect))).toEqual([]);
      expect(output).toContain(
        "local runtime: stopping: flushing the producer, stopping the queries, then Kafka and Spark…",
      );
    },
    300_000,
  );
});
