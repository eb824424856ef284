/** How long one server-side wait lasts: short enough to survive the server's stream time limits. */
export const waitSliceMs = 10_000;

/**
 * Waits in short server calls until `waitSlice` reports an end: true when one did, false when
 * `timeoutMs` passed first (unbounded when undefined). Each call waits at most `waitSliceMs`.
 */
export async function awaitInSlices(
  timeoutMs: number | undefined,
  waitSlice: (sliceMs: bigint) => Promise<boolean>,
): Promise<boolean> {
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
  for (;;) {
    const slice = Math.max(0, Math.min(waitSliceMs, deadline - Date.now()));
    if (await waitSlice(BigInt(Math.round(slice)))) return true;
    if (Date.now() >= deadline) return false;
  }
}
