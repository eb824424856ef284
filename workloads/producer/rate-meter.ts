/** The recent rate of a growing count, over a sliding window of samples. */
export class RateMeter {
  private readonly samples: { atMs: number; count: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  record(atMs: number, count: number): void {
    this.samples.push({ atMs, count });
    while (this.samples.length > 2 && (this.samples[1] as { atMs: number }).atMs <= atMs - this.windowMs) {
      this.samples.shift();
    }
  }

  /** Per second over the window; 0 until two samples span some time. */
  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.atMs <= first.atMs) return 0;
    return ((last.count - first.count) * 1000) / (last.atMs - first.atMs);
  }
}
