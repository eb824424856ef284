import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/**
 * Cores a cgroup v2 `cpu.max` ("<quota> <period>", or "max <period>") allows; undefined when it
 * sets no limit or cannot be read.
 */
export function coresOfCpuMax(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  const cores = Number(quota) / Number(period);
  return Number.isFinite(cores) && cores > 0 ? cores : undefined;
}

function cgroupCores(): number | undefined {
  try {
    return coresOfCpuMax(readFileSync("/sys/fs/cgroup/cpu.max", "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The cores this process may keep busy: the CPUs it may run on, fewer when its container's CPU
 * limit says so (a pod limited to one core still sees all of its node's CPUs).
 */
export function usableCores(): number {
  return Math.min(availableParallelism(), cgroupCores() ?? Number.POSITIVE_INFINITY);
}
