import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../workloads/producer/rate-limiter.ts";
import { eventsBy, type RateProfile, rateAt } from "../../workloads/producer/rate-profile.ts";

const profiles: RateProfile[] = [
  { kind: "constant", rate: 500 },
  { kind: "ramp", from: 100, to: 1000, durationMs: 30_000 },
  { kind: "burst", rate: 200, factor: 5, everyMs: 10_000, lastingMs: 2000 },
  { kind: "diurnal", rate: 1000, amplitude: 0.6, periodMs: 60_000 },
];

/** The integral of the rate, summed in 1 ms steps: what eventsBy must agree with. */
function integrate(profile: RateProfile, untilMs: number): number {
  let total = 0;
  for (let t = 0; t < untilMs; t++) total += rateAt(profile, t + 0.5) / 1000;
  return total;
}

describe("rate profiles", () => {
  for (const profile of profiles) {
    it(`${profile.kind}: eventsBy is the integral of rateAt`, () => {
      for (const untilMs of [0, 1234, 9_999, 10_001, 45_000, 95_000]) {
        expect(eventsBy(profile, untilMs)).toBeCloseTo(integrate(profile, untilMs), 0);
      }
    });
  }

  it("ramps from its start rate to its end rate and stays there", () => {
    const ramp = profiles[1] as RateProfile;
    expect(rateAt(ramp, 0)).toBe(100);
    expect(rateAt(ramp, 15_000)).toBe(550);
    expect(rateAt(ramp, 60_000)).toBe(1000);
  });

  it("bursts at the start of every period", () => {
    const burst = profiles[2] as RateProfile;
    expect([0, 1999, 2000, 10_500, 13_000].map((t) => rateAt(burst, t))).toEqual([
      1000, 1000, 200, 1000, 200,
    ]);
  });

  it("is quiet at the start of a diurnal day and peaks mid-day", () => {
    const diurnal = profiles[3] as RateProfile;
    expect(rateAt(diurnal, 0)).toBeCloseTo(400);
    expect(rateAt(diurnal, 30_000)).toBeCloseTo(1600);
  });
});

describe("RateLimiter", () => {
  it("releases events as the profile asks for them, minus those issued", () => {
    const limiter = new RateLimiter({ kind: "constant", rate: 1000 }, 10_000);
    expect(limiter.due(10_000)).toBe(0);
    expect(limiter.due(10_250)).toBe(250);
    limiter.issue(200);
    expect(limiter.due(10_250)).toBe(50);
    expect(limiter.msUntilDue(150, 10_250)).toBe(100);
    expect(limiter.msUntilDue(10, 10_250)).toBe(0);
  });

  it("finds when a count is due on non-linear profiles", () => {
    const limiter = new RateLimiter({ kind: "ramp", from: 100, to: 1000, durationMs: 30_000 }, 0);
    const wait = limiter.msUntilDue(500, 0);
    expect(eventsBy({ kind: "ramp", from: 100, to: 1000, durationMs: 30_000 }, wait)).toBeGreaterThanOrEqual(
      500,
    );
    expect(eventsBy({ kind: "ramp", from: 100, to: 1000, durationMs: 30_000 }, wait - 2)).toBeLessThan(500);
  });

  it("has everything due at max", () => {
    const limiter = new RateLimiter("max", 0);
    expect(limiter.due(0)).toBe(Number.POSITIVE_INFINITY);
    expect(limiter.msUntilDue(1_000_000, 0)).toBe(0);
  });
});
