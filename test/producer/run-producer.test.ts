import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ProducerMetrics } from "../../workloads/producer/metrics.ts";
import { ProducerOptionError } from "../../workloads/producer/option-error.ts";
import { formatProgress, formatSummary } from "../../workloads/producer/progress-line.ts";
import { ProducerRunError, runProducer } from "../../workloads/producer/run-producer.ts";
import { emptyTally, tallyEvent, tallyMalformed } from "../../workloads/producer/totals.ts";
import { ManualClock, RecordingSink } from "./fakes.ts";

const logger = pino({ level: "silent" });

describe("runProducer", () => {
  it("rejects bad options before connecting to anything", () => {
    expect(() => runProducer({ brokers: "kafka:9092", rate: -1 }, { logger })).toThrow(ProducerOptionError);
    expect(() => runProducer({ brokers: "kafka:9092", format: "xml" as "json" }, { logger })).toThrow(
      'producer: option "format" must be one of json, apache, syslog, syslog-rfc3164, logfmt, got "xml"',
    );
  });

  it("resolves with an honest summary: every event sent was acked, per service and level", async () => {
    const clock = new ManualClock();
    const sink = new RecordingSink();
    const handle = runProducer(
      {
        brokers: "kafka:9092",
        rate: 5000,
        durationMs: 4000,
        seed: 3,
        malformedRatio: 0.001,
        incidents: [{ service: "cart", kind: "error-spike", startAfterMs: 1000, durationMs: 2000 }],
      },
      { sink, clock, logger },
    );
    await handle.ready;
    const summary = await handle.done;
    expect(summary.stoppedBy).toBe("duration");
    expect(summary.events).toEqual({ sent: 20_000, acked: 20_000, failed: 0 });
    expect(summary.malformed).toMatchObject({ sent: 20, acked: 20, failed: 0 });
    expect(sink.records).toHaveLength(20_020);
    expect(sink.closed).toBe(true);
    const perService = Object.values(summary.byService).reduce(
      (sum, outcomes) => sum + (outcomes?.acked ?? 0),
      0,
    );
    const perLevel = Object.values(summary.byLevel).reduce(
      (sum, outcomes) => sum + (outcomes?.acked ?? 0),
      0,
    );
    expect([perService, perLevel]).toEqual([20_000, 20_000]);
    expect(summary.achievedRate).toBe(5000);
    expect(summary.elapsedSeconds).toBe(4);
    expect(summary.bytes).toBe(
      sink.records.reduce((sum, record) => sum + Buffer.byteLength(record.value ?? ""), 0),
    );
    expect(summary.incidents).toEqual([
      expect.objectContaining({
        service: "cart",
        kind: "error-spike",
        start: new Date(Date.parse(summary.startedAt) + 1000).toISOString(),
        end: new Date(Date.parse(summary.startedAt) + 3000).toISOString(),
      }),
    ]);
    expect(summary.incidents[0]?.affectedEvents).toBeGreaterThan(0);
    expect(formatSummary(summary)).toContain("events    sent 20,000, acked 20,000, failed 0");
  });

  it.each([
    [0, "on the event loop"],
    [1, "in a worker thread"],
  ])(
    "stops on request and sends every event generated (generator threads %i: %s)",
    async (generatorThreads) => {
      const clock = new ManualClock();
      const sink = new RecordingSink();
      const handle = runProducer(
        { brokers: "kafka:9092", rate: "max", batchSize: 10, generatorThreads, logLevel: "silent" },
        { sink, clock },
      );
      await handle.ready;
      const send = sink.send.bind(sink);
      let stopping: Promise<unknown> | undefined;
      sink.send = async (records) => {
        if (sink.batches.length === 20) stopping = handle.stop();
        await send(records);
      };
      const summary = await handle.done;
      await stopping;
      expect(summary.stoppedBy).toBe("stopped");
      expect(summary.events.sent).toBe(sink.records.length);
      expect(summary.events.acked).toBe(summary.events.sent);
      // The batch built while the stop came was sent too: none is left behind.
      expect(sink.batches.length).toBeGreaterThan(20);
    },
  );

  it("sends the same records with the generator in a worker thread as on the event loop", async () => {
    const runWith = async (generatorThreads: number) => {
      const sink = new RecordingSink();
      const handle = runProducer(
        {
          brokers: "kafka:9092",
          rate: 3000,
          count: 9000,
          seed: 11,
          malformedRatio: 0.01,
          generatorThreads,
          incidents: [{ service: "search", kind: "error-spike", startAfterMs: 500, durationMs: 1000 }],
        },
        { sink, clock: new ManualClock(), logger },
      );
      const { startedAt: _startedAt, endedAt: _endedAt, ...summary } = await handle.done;
      return {
        summary,
        records: sink.records.map(({ key, value }) => ({ key, value: value?.toString("base64") })),
      };
    };
    const inWorker = await runWith(1);
    const inline = await runWith(0);
    expect(inWorker.records).toHaveLength(9090);
    expect(inWorker.records).toEqual(inline.records);
    expect(inWorker.summary).toEqual(inline.summary);
    expect(inWorker.summary.incidents[0]?.affectedEvents).toBeGreaterThan(0);
  });

  it("rejects with the summary when sends keep failing", async () => {
    const sink = new RecordingSink({ fail: () => true });
    const handle = runProducer(
      { brokers: "kafka:9092", count: 100, batchSize: 10, maxConsecutiveFailures: 2, rate: "max" },
      { sink, clock: new ManualClock(), logger },
    );
    const failure = await handle.done.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProducerRunError);
    expect((failure as ProducerRunError).summary).toMatchObject({
      stoppedBy: "error",
      events: { sent: 20, acked: 0, failed: 20 },
    });
  });

  it("shows progress with totals and active incidents", async () => {
    const clock = new ManualClock();
    const handle = runProducer(
      {
        brokers: "kafka:9092",
        rate: 100,
        count: 50,
        incidents: [{ service: "auth", kind: "latency-regression", startAfterMs: 0, durationMs: 60_000 }],
      },
      { sink: new RecordingSink(), clock, logger },
    );
    await handle.done;
    const line = formatProgress(handle.progress());
    expect(line).toMatch(
      /ev\/s \(target 100\) \| sent 50 acked 50 failed 0 \| incident: auth latency-regression$/,
    );
  });
});

describe("ProducerMetrics", () => {
  it("counts events by outcome, service and level, and malformed records by kind", async () => {
    const metrics = new ProducerMetrics();
    const tally = emptyTally();
    tallyEvent(tally, "cart", "INFO", 100);
    tallyEvent(tally, "cart", "INFO", 100);
    tallyEvent(tally, "auth", "ERROR", 50);
    tallyMalformed(tally, "binary", 14);
    metrics.batchSent(tally);
    metrics.batchAcked(tally, 0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('producer_events_sent_total{service="cart",level="INFO"} 2');
    expect(text).toContain('producer_events_acked_total{service="auth",level="ERROR"} 1');
    expect(text).toContain('producer_malformed_acked_total{kind="binary"} 1');
    expect(text).toContain("producer_bytes_sent_total 264");
    expect(text).toContain('producer_send_duration_seconds_bucket{le="0.025"} 1');
    expect(text).toContain('producer_batch_size_bucket{le="10"} 1');
  });
});
