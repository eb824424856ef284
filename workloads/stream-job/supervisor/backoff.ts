/** Delay before the n-th restart in a row (0-based): 1 s, 2 s, 4 s … capped at a minute. */
export function restartDelayMs(attempt: number, baseMs = 1_000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}
