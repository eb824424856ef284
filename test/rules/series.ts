/**
 * Synthetic per-minute series for the promtool tests: one value per minute from time 0, built
 * from phases so a scenario reads as its story ("quiet for 4 h, then a spike for 30 min").
 */

export type Phase = (minute: number, previous: number) => number;

/**
 * A quiet level with deterministic noise of up to ±`noise` (a sum of two sines of unrelated
 * periods), so a baseline has a real spread and the tests need no random seed.
 */
export function around(level: number, noise: number): Phase {
  return (minute) => level + noise * (0.6 * Math.sin(minute * 0.7) + 0.4 * Math.sin(minute * 0.13));
}

export function constant(level: number): Phase {
  return () => level;
}

/** Rises (or falls) by `perMinute` from wherever the previous phase ended. */
export function drift(perMinute: number): Phase {
  return (_minute, previous) => previous + perMinute;
}

/** Concatenates phases, each lasting its minutes; the series ends after the last. */
export function timeline(...phases: [minutes: number, phase: Phase][]): number[] {
  const values: number[] = [];
  for (const [minutes, phase] of phases) {
    for (let index = 0; index < minutes; index++) {
      values.push(phase(values.length, values.at(-1) ?? 0));
    }
  }
  return values;
}

/** promtool's `values` notation for explicit samples, one per test interval. */
export function promtoolValues(values: number[]): string {
  return values.map((value) => Number(value.toFixed(6)).toString()).join(" ");
}

/** The stream job exports each series from one pod; these are the labels a scrape adds. */
export const streamJobScrapeLabels = { job: "stream-job", instance: "10.0.0.7:9465" } as const;

export function streamJobSeries(metric: string, labels: Record<string, string>): string {
  const all = { ...labels, ...streamJobScrapeLabels };
  return `${metric}{${Object.entries(all)
    .map(([name, value]) => `${name}="${value}"`)
    .join(", ")}}`;
}
