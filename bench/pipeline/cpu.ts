import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU seconds a process and its threads have used so far (utime + stime, in clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The java process the local runtime runs under its watchdog shell. */
export function javaChildPid(watchdogPid: number): number {
  return Number(
    execFileSync("pgrep", ["-P", String(watchdogPid), "-x", "java"], { encoding: "utf8" }).trim(),
  );
}

/** Cores each named process used between `start()` and `stop()`: CPU seconds over wall seconds. */
export class CpuMeter {
  private startedAtMs = 0;
  private startCpu = new Map<string, number>();

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    this.startedAtMs = Date.now();
    this.startCpu = new Map(Object.entries(this.pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  }

  stop(): Record<string, number> {
    const wallSeconds = (Date.now() - this.startedAtMs) / 1000;
    return Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        Number(((cpuSeconds(pid) - (this.startCpu.get(name) ?? 0)) / wallSeconds).toFixed(2)),
      ]),
    );
  }
}
