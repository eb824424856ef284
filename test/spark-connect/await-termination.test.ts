import { afterEach, describe, expect, it, vi } from "vitest";
import { awaitInSlices, waitSliceMs } from "../../workloads/spark-connect/streaming/await-termination.ts";

/** A server wait that takes the whole slice (on the fake clock) and reports an end on call `endsOn`. */
function serverWait(endsOn = Number.POSITIVE_INFINITY) {
  const slices: bigint[] = [];
  const waitSlice = async (sliceMs: bigint) => {
    slices.push(sliceMs);
    vi.setSystemTime(Date.now() + Number(sliceMs));
    return slices.length >= endsOn;
  };
  return { slices, waitSlice };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("awaiting termination in short server waits", () => {
  it("waits slice after slice without a timeout until the server reports an end", async () => {
    vi.useFakeTimers();
    const { slices, waitSlice } = serverWait(3);
    expect(await awaitInSlices(undefined, waitSlice)).toBe(true);
    expect(slices).toEqual([BigInt(waitSliceMs), BigInt(waitSliceMs), BigInt(waitSliceMs)]);
  });

  it("never asks the server to wait past the deadline, and answers false when it passes", async () => {
    vi.useFakeTimers();
    const { slices, waitSlice } = serverWait();
    expect(await awaitInSlices(2.5 * waitSliceMs, waitSlice)).toBe(false);
    expect(slices).toEqual([BigInt(waitSliceMs), BigInt(waitSliceMs), BigInt(waitSliceMs / 2)]);
  });

  it("asks once, without waiting, for a timeout of zero", async () => {
    vi.useFakeTimers();
    const { slices, waitSlice } = serverWait();
    expect(await awaitInSlices(0, waitSlice)).toBe(false);
    expect(slices).toEqual([0n]);
  });

  it("answers true when the end comes within the last slice", async () => {
    vi.useFakeTimers();
    const { waitSlice } = serverWait(2);
    expect(await awaitInSlices(1.5 * waitSliceMs, waitSlice)).toBe(true);
  });
});
