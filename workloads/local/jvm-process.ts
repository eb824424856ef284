import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { LocalRuntimeError } from "./errors.ts";

export interface JvmLaunch {
  /** Shown in errors and progress: "Kafka broker", "Spark Connect server". */
  name: string;
  java: string;
  classpath: string[];
  jvmOptions: string[];
  mainClass: string;
  args: string[];
  env?: Record<string, string>;
  /** Where the JVM's stdout and stderr go. */
  logFile: string;
  /** The JVM's arguments go in this Java @argfile, which keeps `ps` readable and tokens off it. */
  argFile: string;
}

export interface JvmExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/*
 * The JVM runs under a small sh watchdog that reads our end of a pipe: if this Node process
 * dies without cleaning up (even by SIGKILL), the pipe closes and the watchdog stops the JVM,
 * so no orphan JVM outlives its owner. The watchdog leads its own process group, which lets
 * stop() signal the JVM and the watchdog together.
 */
const watchdogScript = [
  "exec 3<&0",
  '"$0" "$@" </dev/null & jvm=$!',
  // A TERM for the group reaches the JVM too; the watchdog waits for it to finish shutting down.
  "trap 'kill -TERM \"$jvm\" 2>/dev/null' TERM INT",
  '( while read -r _; do :; done <&3; kill -TERM "$jvm" 2>/dev/null ) & watcher=$!',
  'while :; do wait "$jvm"; status=$?; kill -0 "$jvm" 2>/dev/null || break; done',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join("\n");

const live = new Set<JvmProcess>();

function killAllNow(): void {
  for (const jvm of live) jvm.signalGroup("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  // Re-raise only when nobody else handles the signal, so an application's own handler keeps control.
  const applicationHandlesIt = process.listenerCount(signal) > 1;
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  void Promise.allSettled([...live].map((jvm) => jvm.stop())).then(() => {
    if (!applicationHandlesIt) process.kill(process.pid, signal);
  });
}

function track(jvm: JvmProcess): void {
  if (live.size === 0) {
    process.on("exit", killAllNow);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  live.add(jvm);
}

function untrack(jvm: JvmProcess): void {
  live.delete(jvm);
  if (live.size === 0) {
    process.removeListener("exit", killAllNow);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** One JVM of the local runtime: started in the background, logging to a file, stopped for sure. */
export class JvmProcess {
  readonly exited: Promise<JvmExit>;
  private readonly child: ChildProcess;
  private exit: JvmExit | undefined;

  private constructor(readonly launch: JvmLaunch) {
    writeFileSync(
      launch.argFile,
      [...launch.jvmOptions, "-cp", launch.classpath.join(":"), launch.mainClass, ...launch.args]
        .map(quoteForArgFile)
        .join("\n"),
    );
    const log = openSync(launch.logFile, "a");
    try {
      this.child = spawn("sh", ["-c", watchdogScript, launch.java, `@${launch.argFile}`], {
        detached: true,
        stdio: ["pipe", log, log],
        env: { ...process.env, ...launch.env },
      });
    } finally {
      closeSync(log);
    }
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        untrack(this);
        resolve(this.exit);
      });
    });
    track(this);
  }

  static start(launch: JvmLaunch): JvmProcess {
    return new JvmProcess(launch);
  }

  get name(): string {
    return this.launch.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The last lines of the JVM's log, for error messages. */
  logTail(lines = 25): string {
    try {
      return readFileSync(this.launch.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  error(reason: string): LocalRuntimeError {
    return new LocalRuntimeError(this.name, reason, this.launch.logFile, this.logTail());
  }

  signalGroup(signal: NodeJS.Signals): void {
    if (!this.running || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // Already gone between the check and the signal.
    }
  }

  /** Asks the JVM to shut down (SIGTERM runs its shutdown hooks), then kills it after the grace period. */
  async stop(graceMs = 15_000): Promise<JvmExit> {
    if (!this.running) return this.exited;
    this.signalGroup("SIGTERM");
    const timer = setTimeout(() => this.signalGroup("SIGKILL"), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the JVM at once, as a crash would: for tests of what survives a dying server. */
  async kill(): Promise<JvmExit> {
    this.signalGroup("SIGKILL");
    return this.exited;
  }
}

/** Java @argfiles treat whitespace as a separator and backslashes as escapes inside quotes. */
function quoteForArgFile(arg: string): string {
  return /[\s"'\\#]/.test(arg) ? `"${arg.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` : arg;
}

/** A readiness check that hangs (a port that accepts but never answers) must not stall start-up. */
const attemptTimeoutMs = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Polls `ready` until it returns true; fails with the process's log if the JVM exits first or
 * if `timeoutMs` passes. Each attempt's own errors count as "not ready yet".
 */
export async function waitUntilReady(
  jvm: JvmProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  /** A log line that means start-up failed for good, even if the JVM takes a while to exit. */
  fatalLogLine?: RegExp,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let delayMs = 100;
  while (Date.now() < deadline) {
    if (!jvm.running) {
      const exit = await jvm.exited;
      throw jvm.error(
        `exited during start-up (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`,
      );
    }
    if (fatalLogLine?.test(jvm.logTail(500))) {
      await jvm.stop(5_000);
      throw jvm.error("failed during start-up");
    }
    try {
      if (await withTimeout(ready(), attemptTimeoutMs)) return;
    } catch (error) {
      lastError = error;
    }
    const exitOrDelay = await Promise.race([
      jvm.exited.then(() => "exited" as const),
      new Promise<"retry">((resolve) => setTimeout(() => resolve("retry"), delayMs)),
    ]);
    if (exitOrDelay === "retry") delayMs = Math.min(delayMs * 2, 1_000);
  }
  const detail = lastError instanceof Error ? ` (last check: ${lastError.message})` : "";
  throw jvm.error(`did not become ready within ${Math.round(timeoutMs / 1000)} s${detail}`);
}
