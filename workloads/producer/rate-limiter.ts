import { eventsBy, type RateProfile } from "./rate-profile.ts";

/** The target rate of a run: a profile, or `"max"` for as fast as Kafka takes them. */
export type TargetRate = RateProfile | "max";

/**
 * Says how many events are due at a time, against the events issued so far: a run that falls
 * behind catches up rather than silently lowering its target, and the reported rate shows it.
 */
export class RateLimiter {
  private issuedCount = 0;

  constructor(
    private readonly target: TargetRate,
    private readonly startMs: number,
  ) {}

  get issued(): number {
    return this.issuedCount;
  }

  /** Events due by `nowMs` and not issued yet (Infinity at `"max"`). */
  due(nowMs: number): number {
    if (this.target === "max") return Number.POSITIVE_INFINITY;
    return Math.max(0, Math.floor(eventsBy(this.target, nowMs - this.startMs)) - this.issuedCount);
  }

  issue(count: number): void {
    this.issuedCount += count;
  }

  /** Milliseconds from `nowMs` until `count` events are due (0 if they already are). */
  msUntilDue(count: number, nowMs: number): number {
    if (this.target === "max" || this.due(nowMs) >= count) return 0;
    const profile = this.target;
    const wanted = this.issuedCount + count;
    const elapsed = nowMs - this.startMs;
    // The smallest whole millisecond by which `wanted` events are due.
    let low = Math.floor(elapsed);
    let high = low + 1;
    while (eventsBy(profile, high) < wanted) high = low + (high - low) * 2;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (eventsBy(profile, mid) >= wanted) high = mid;
      else low = mid;
    }
    return Math.max(0, Math.ceil(high - elapsed));
  }
}
