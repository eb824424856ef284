import { describe, expect, it } from "vitest";
import { restartDelayMs } from "../../workloads/stream-job/supervisor/backoff.ts";

describe("restartDelayMs", () => {
  it("doubles from one second and stops at a minute", () => {
    expect([0, 1, 2, 3, 5, 6, 7, 30].map((attempt) => restartDelayMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("treats a negative attempt as the first and honours its own base and cap", () => {
    expect(restartDelayMs(-3)).toBe(1_000);
    expect([0, 1, 2, 3].map((attempt) => restartDelayMs(attempt, 100, 500))).toEqual([100, 200, 400, 500]);
  });
});
