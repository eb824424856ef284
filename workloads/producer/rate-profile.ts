/** The shape of the target traffic over time, in events/s, from the start of a run. */
export type RateProfile =
  | { kind: "constant"; rate: number }
  /** From `from` to `to` events/s linearly over `durationMs`, then `to`. */
  | { kind: "ramp"; from: number; to: number; durationMs: number }
  /** `rate` with a burst of `factor` × rate for `lastingMs` at the start of every `everyMs`. */
  | { kind: "burst"; rate: number; factor: number; everyMs: number; lastingMs: number }
  /** A day compressed into `periodMs`: quiet at the start, `rate` × (1 + amplitude) at mid-period. */
  | { kind: "diurnal"; rate: number; amplitude: number; periodMs: number };

export const RATE_PROFILE_KINDS = ["constant", "ramp", "burst", "diurnal"] as const;

/** The target rate at `elapsedMs` after the start, in events/s. */
export function rateAt(profile: RateProfile, elapsedMs: number): number {
  const t = Math.max(0, elapsedMs);
  switch (profile.kind) {
    case "constant":
      return profile.rate;
    case "ramp":
      return t >= profile.durationMs
        ? profile.to
        : profile.from + ((profile.to - profile.from) * t) / profile.durationMs;
    case "burst":
      return t % profile.everyMs < profile.lastingMs ? profile.rate * profile.factor : profile.rate;
    case "diurnal":
      return profile.rate * (1 - profile.amplitude * Math.cos((2 * Math.PI * t) / profile.periodMs));
  }
}

/** How many events the profile asks for from the start until `elapsedMs` (the integral of the rate). */
export function eventsBy(profile: RateProfile, elapsedMs: number): number {
  const t = Math.max(0, elapsedMs);
  switch (profile.kind) {
    case "constant":
      return (profile.rate * t) / 1000;
    case "ramp": {
      const { from, to, durationMs } = profile;
      const rampTime = Math.min(t, durationMs);
      const during = (from * rampTime + ((to - from) * rampTime * rampTime) / (2 * durationMs)) / 1000;
      return during + (to * Math.max(0, t - durationMs)) / 1000;
    }
    case "burst": {
      const { rate, factor, everyMs, lastingMs } = profile;
      const perPeriod = rate * factor * lastingMs + rate * (everyMs - lastingMs);
      const periods = Math.floor(t / everyMs);
      const rest = t - periods * everyMs;
      const inRest =
        rest < lastingMs ? rate * factor * rest : rate * factor * lastingMs + rate * (rest - lastingMs);
      return (periods * perPeriod + inRest) / 1000;
    }
    case "diurnal": {
      const { rate, amplitude, periodMs } = profile;
      const angle = (2 * Math.PI * t) / periodMs;
      return (rate * (t - (amplitude * periodMs * Math.sin(angle)) / (2 * Math.PI))) / 1000;
    }
  }
}
