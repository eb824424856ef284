import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { coresOfCpuMax, usableCores } from "../../workloads/producer/cpu-cores.ts";

describe("usable cores", () => {
  it("reads a container's CPU limit from cgroup v2's cpu.max, none when it says max", () => {
    expect(coresOfCpuMax("100000 100000\n")).toBe(1);
    expect(coresOfCpuMax("250000 100000")).toBe(2.5);
    expect(coresOfCpuMax("max 100000\n")).toBeUndefined();
    expect(coresOfCpuMax("")).toBeUndefined();
  });

  it("never counts more cores than the process may run on", () => {
    expect(usableCores()).toBeLessThanOrEqual(availableParallelism());
    expect(usableCores()).toBeGreaterThan(0);
  });
});
