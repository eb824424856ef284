import { describe, expect, it } from "vitest";
import type { EventSourceConfig } from "../../workloads/producer/batch-builder.ts";
import { type BatchSource, inlineBatchSource } from "../../workloads/producer/batch-source.ts";
import { parseGeneratorOptions } from "../../workloads/producer/generator-options.ts";
import { HOSTILE_KINDS } from "../../workloads/producer/hostile-records.ts";
import { ProduceLoop, type ProduceLoopOptions } from "../../workloads/producer/produce-loop.ts";
import { ManualClock, RecordingSink } from "./fakes.ts";

function loopWith(
  overrides: Partial<ProduceLoopOptions> & {
    clock: ManualClock;
    sink: RecordingSink;
    events?: Partial<EventSourceConfig>;
  },
) {
  const { events, ...options } = overrides;
  const { seed, services, incidents } = parseGeneratorOptions({ seed: 1 });
  return new ProduceLoop({
    source: inlineBatchSource({
      seed,
      services,
      incidents,
      format: "json",
      maxBatchBytes: 1024 * 1024,
      malformedRatio: 0,
      ...events,
    }),
    target: { kind: "constant", rate: 1000 },
    batchSize: 100,
    lingerMs: 50,
    maxSendsInFlight: 1,
    maxConsecutiveFailures: 3,
    signal: new AbortController().signal,
    ...options,
  });
}

describe("ProduceLoop", () => {
  it("sends exactly what the target rate asks for over the duration", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    const loop = loopWith({ clock, sink, durationMs: 10_000 });
    const result = await loop.run();
    expect(result.stoppedBy).toBe("duration");
    expect(sink.records).toHaveLength(10_000);
    expect(loop.totals.snapshot().events).toEqual({ sent: 10_000, acked: 10_000, failed: 0 });
    expect(result.endedAtMs - result.startedAtMs).toBe(10_000);
  });

  it("waits at most the linger time for a fuller batch at low rates", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    await loopWith({ clock, sink, target: { kind: "constant", rate: 200 }, durationMs: 2000 }).run();
    const sizes = sink.batches.map((batch) => batch.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(12);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(400);
  });

  it("fills whole batches at high rates and stops at the count", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    const result = await loopWith({ clock, sink, target: "max", count: 1050 }).run();
    expect(result.stoppedBy).toBe("count");
    expect(sink.batches.map((batch) => batch.length)).toEqual([
      100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50,
    ]);
  });

  it("stops a max-rate run at its duration", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink({ clock, msPerSend: 10 });
    const result = await loopWith({ clock, sink, target: "max", durationMs: 1000 }).run();
    expect(result.stoppedBy).toBe("duration");
    const times = sink.records.map((record) => Date.parse(JSON.parse(record.value as string).timestamp));
    expect(Math.max(...times)).toBeLessThan(result.startedAtMs + 1000);
    expect(sink.records.length).toBeGreaterThanOrEqual(100 * 100);
  });

  it("ends a batch once its values reach the byte limit", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    await loopWith({
      clock,
      sink,
      target: "max",
      count: 3000,
      batchSize: 1000,
      events: { maxBatchBytes: 50_000 },
    }).run();
    const sizes = sink.batches.map((batch) =>
      batch.reduce((sum, record) => sum + Buffer.byteLength(record.value ?? ""), 0),
    );
    expect(sink.records).toHaveLength(3000);
    expect(Math.max(...sink.batches.map((batch) => batch.length))).toBeLessThan(1000);
    expect(Math.max(...sizes)).toBeLessThan(50_000 + 2000);
  });

  it("follows a burst profile", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    await loopWith({
      clock,
      sink,
      target: { kind: "burst", rate: 100, factor: 10, everyMs: 1000, lastingMs: 200 },
      durationMs: 3000,
      batchSize: 1000,
    }).run();
    expect(sink.records).toHaveLength(3 * (200 + 80));
  });

  it("keeps one send in flight and reports the rate Kafka allows when it is slower than the target", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink({ clock, msPerSend: 100 });
    const loop = loopWith({
      clock,
      sink,
      // Twice what the sink takes: the events owed by the deadline are still sent, so a higher
      // target only makes the test generate more of them.
      target: { kind: "constant", rate: 20_000 },
      batchSize: 1000,
      durationMs: 5000,
    });
    const result = await loop.run();
    expect(sink.maxInFlight).toBe(1);
    expect(Math.max(...sink.batches.map((batch) => batch.length))).toBe(1000);
    const achieved = (loop.totals.acked * 1000) / (result.endedAtMs - result.startedAtMs);
    expect(achieved).toBeLessThanOrEqual(10_000);
    expect(achieved).toBeGreaterThan(9000);
  });

  it("keeps as many sends in flight as the sink takes, in the order they were built", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink({ clock, msPerSend: 100 });
    const loop = loopWith({
      clock,
      sink,
      target: "max",
      batchSize: 1000,
      maxSendsInFlight: 2,
      count: 10_000,
    });
    await loop.run();
    expect(sink.maxInFlight).toBe(2);
    expect(loop.totals.snapshot().events).toEqual({ sent: 10_000, acked: 10_000, failed: 0 });
    const times = sink.records.map((record) => Date.parse(JSON.parse(record.value as string).timestamp));
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(true);
  });

  it("keys every record by service and spreads event time across the batch", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    await loopWith({ clock, sink, count: 300 }).run();
    const events = sink.records.map((record) => ({
      key: record.key,
      event: JSON.parse(record.value as string),
    }));
    expect(events.every(({ key, event }) => key === event.service)).toBe(true);
    const times = events.map(({ event }) => Date.parse(event.timestamp));
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(true);
    expect(new Set(times).size).toBeGreaterThan(100);
  });

  it("counts failed sends as failed and gives up after too many in a row", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink({ fail: (index) => index === 1 || index >= 4 });
    const loop = loopWith({ clock, sink, target: "max", batchSize: 10, count: 1000 });
    const result = await loop.run();
    expect(result.stoppedBy).toBe("error");
    expect(result.error?.message).toMatch(/3 sends in a row failed, last: broker said no to batch 6/);
    expect(loop.totals.snapshot().events).toEqual({ sent: 70, acked: 30, failed: 40 });
  });

  it("stops with an error when a batch cannot be built, after sending every batch built before it", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    const { seed, services, incidents } = parseGeneratorOptions({ seed: 1 });
    const events = inlineBatchSource({
      seed,
      services,
      incidents,
      format: "json",
      maxBatchBytes: 1 << 20,
      malformedRatio: 0,
    });
    let builds = 0;
    const source: BatchSource = {
      ...events,
      // As from a worker thread: the batch comes later, and the sixth never does.
      build: async (count, fromMs, toMs) => {
        if (++builds === 6) throw new Error("worker thread gone");
        return events.build(count, fromMs, toMs);
      },
    };
    const loop = loopWith({
      clock,
      sink,
      source,
      target: "max",
      batchSize: 10,
      count: 1000,
      maxSendsInFlight: 2,
    });
    const result = await loop.run();
    expect(result.stoppedBy).toBe("error");
    expect(result.error?.message).toBe("producer: generating events failed: worker thread gone");
    expect(sink.records).toHaveLength(50);
    expect(loop.totals.snapshot().events).toEqual({ sent: 50, acked: 50, failed: 0 });
  });

  it("stops when asked and still settles what is in flight", async () => {
    const clock = new ManualClock();
    const stopper = new AbortController();
    const sink = new RecordingSink();
    const originalSend = sink.send.bind(sink);
    sink.send = async (records) => {
      if (sink.batches.length === 4) stopper.abort();
      await originalSend(records);
    };
    const loop = loopWith({ clock, sink, target: "max", signal: stopper.signal });
    const result = await loop.run();
    expect(result.stoppedBy).toBe("stopped");
    const snapshot = loop.totals.snapshot();
    expect(snapshot.inFlight).toBe(0);
    expect(snapshot.events.acked).toBe(snapshot.events.sent);
    expect(snapshot.events.sent).toBe(sink.records.length);
  });

  it("mixes malformed records in at the ratio and counts them apart", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    const loop = loopWith({
      clock,
      sink,
      target: "max",
      count: 2200,
      events: { malformedRatio: 0.01 },
    });
    await loop.run();
    const snapshot = loop.totals.snapshot();
    expect(snapshot.events.acked).toBe(2200);
    expect(snapshot.malformed.acked).toBe(22);
    expect(sink.records).toHaveLength(2222);
    expect(Object.keys(snapshot.malformed.byKind).sort()).toEqual([...HOSTILE_KINDS].sort());
  });
});
