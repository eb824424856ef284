import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { LocalRuntimeError } from "./errors.ts";

export interface ServerLaunch {
  /** Shown in errors and progress: "Kafka broker", "etcd", "kube-apiserver". */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Where the server's stdout and stderr go. */
  logFile: string;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/*
 * The server runs under a small sh watchdog that reads our end of a pipe: if this Node process
 * dies without cleaning up (even by SIGKILL), the pipe closes and the watchdog stops the server,
 * so no orphan outlives its owner. The watchdog leads its own process group, which lets stop()
 * signal the server and the watchdog together.
 */
const watchdogScript = [
  "exec 3<&0",
  '"$0" "$@" </dev/null & server=$!',
  "trap 'kill -TERM \"$server\" 2>/dev/null' TERM INT",
  // Owner gone: TERM, then KILL after 10 s (kube-apiserver can hang in shutdown once etcd is gone).
  '( while read -r _; do :; done <&3; kill -TERM "$server" 2>/dev/null; i=0;' +
    ' while kill -0 "$server" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done;' +
    ' kill -KILL "$server" 2>/dev/null ) & watcher=$!',
  'while :; do wait "$server"; status=$?; kill -0 "$server" 2>/dev/null || break; done',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join("\n");

const live = new Set<ServerProcess>();

function killAllNow(): void {
  for (const server of live) server.signalGroup("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
  // An application that handles the signal stops its servers itself, after the clients that use
  // them (stopped first, a Kafka consumer can never stop); the exit hook and the watchdog still
  // stop them should it die first.
  if (process.listenerCount(signal) > 0) return;
  void Promise.allSettled([...live].map((server) => server.stop())).then(() => {
    process.kill(process.pid, signal);
  });
}

function track(server: ServerProcess): void {
  if (live.size === 0) {
    process.on("exit", killAllNow);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  live.add(server);
}

function untrack(server: ServerProcess): void {
  live.delete(server);
  if (live.size === 0) {
    process.removeListener("exit", killAllNow);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** One server process (a JVM of the local runtime, a control-plane binary): started in the background, logging to a file, stopped for sure. */
export class ServerProcess {
  readonly exited: Promise<ServerExit>;
  private readonly child: ChildProcess;
  private exit: ServerExit | undefined;

  private constructor(readonly launch: ServerLaunch) {
    const log = openSync(launch.logFile, "a");
    try {
      this.child = spawn("sh", ["-c", watchdogScript, launch.command, ...launch.args], {
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

  static start(launch: ServerLaunch): ServerProcess {
    return new ServerProcess(launch);
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

  /** The last lines of the server's log, for error messages. */
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

  /** Asks the server to shut down (a JVM's SIGTERM runs its shutdown hooks), then kills it after the grace period. */
  async stop(graceMs = 15_000): Promise<ServerExit> {
    if (!this.running) return this.exited;
    this.signalGroup("SIGTERM");
    const timer = setTimeout(() => this.signalGroup("SIGKILL"), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the server at once, as a crash would: for tests of what survives a dying server. */
  async kill(): Promise<ServerExit> {
    this.signalGroup("SIGKILL");
    return this.exited;
  }
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
 * Polls `ready` until it returns true; fails with the server's log if it exits first or if
 * `timeoutMs` passes. Each attempt's own errors count as "not ready yet".
 */
export async function waitUntilReady(
  server: ServerProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  /** A log line that means start-up failed for good, even if the server takes a while to exit. */
  fatalLogLine?: RegExp,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let delayMs = 100;
  while (Date.now() < deadline) {
    if (!server.running) {
      const exit = await server.exited;
      throw server.error(
        `exited during start-up (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`,
      );
    }
    if (fatalLogLine?.test(server.logTail(500))) {
      await server.stop(5_000);
      throw server.error("failed during start-up");
    }
    try {
      if (await withTimeout(ready(), attemptTimeoutMs)) return;
    } catch (error) {
      lastError = error;
    }
    const exitOrDelay = await Promise.race([
      server.exited.then(() => "exited" as const),
      new Promise<"retry">((resolve) => setTimeout(() => resolve("retry"), delayMs)),
    ]);
    if (exitOrDelay === "retry") delayMs = Math.min(delayMs * 2, 1_000);
  }
  const detail = lastError instanceof Error ? ` (last check: ${lastError.message})` : "";
  throw server.error(`did not become ready within ${Math.round(timeoutMs / 1000)} s${detail}`);
}
