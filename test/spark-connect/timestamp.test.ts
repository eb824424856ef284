import { describe, expect, it } from "vitest";
import { SparkConnectClientError, Timestamp } from "../../workloads/spark-connect/index.ts";

describe("Timestamp: a Date that keeps Spark's microseconds", () => {
  it("reads ISO instants to the microsecond, with or without an offset", () => {
    expect(Timestamp.fromISOString("2024-01-02T03:04:05.678901Z").epochMicros).toBe(1_704_164_645_678_901n);
    expect(Timestamp.fromISOString("2024-01-02T04:04:05.5+01:00").epochMicros).toBe(1_704_164_645_500_000n);
    expect(Timestamp.fromISOString("1970-01-01T00:00:00").epochMicros).toBe(0n);
    expect(() => Timestamp.fromISOString("yesterday")).toThrow(SparkConnectClientError);
  });

  it("floors before 1970, as a Date and in its microsecond", () => {
    const ts = new Timestamp(-1n);
    expect(ts.getTime()).toBe(-1);
    expect(ts.microsecond).toBe(999_999);
    expect(ts.toISOString()).toBe("1969-12-31T23:59:59.999999Z");
    expect(new Timestamp(-1_000n).toISOString()).toBe("1969-12-31T23:59:59.999Z");
  });

  it("converts to a plain Date and from one", () => {
    const ts = new Timestamp(1_500n);
    expect(ts.toDate()).toStrictEqual(new Date(1));
    expect(Timestamp.of(new Date(2)).epochMicros).toBe(2_000n);
    expect(Timestamp.of(ts)).toBe(ts);
    expect(JSON.stringify({ ts })).toBe('{"ts":"1970-01-01T00:00:00.001500Z"}');
  });
});
