import { randomUUID } from "node:crypto";
import type { Consumer, Kafka } from "kafkajs";
import type { LogSink, SinkRecord } from "../../workloads/producer/sink.ts";
import { parseOutputRecord } from "../../workloads/stream-job/output-records.ts";

/** The window-metrics group an event or a metric record belongs to: window start, service, level, status class. */
function groupKey(windowStartMs: number, service: string, level: string, statusClass: string): string {
  return `${windowStartMs}|${service}|${level}|${statusClass}`;
}

/**
 * Event-to-metric freshness. The metrics query writes in update mode, so a group (window ×
 * service × level × status class) gets a new record each time its count grows. For every
 * record first seen with a higher count N than before: freshness = the time it is first seen −
 * the largest event time among the first N events produced into its group. For a window's final
 * record that is (first seen) − (the max event time produced into the window). Spark may have
 * counted later events in place of some earlier ones (partitions are read unevenly), so this
 * errs on the long side.
 */
export class FreshnessMeter {
  /** Event times produced into each group, in production order, from the first not yet covered. */
  private readonly produced = new Map<string, { times: number[]; covered: number }>();
  /** Each metric record's first-seen time and freshness in seconds. */
  private readonly samples: [number, number][] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly windowMs: number,
    private readonly kafka: Kafka,
    private readonly metricsTopic: string,
  ) {}

  /** A sink that records each event's group and time, then forwards the batch. */
  observing(sink: LogSink): LogSink {
    return {
      send: (records: SinkRecord[]) => {
        for (const record of records) this.recordProduced(record);
        return sink.send(records);
      },
      close: () => sink.close(),
      // The produce loop overlaps sends only as far as the sink says it may.
      maxSendsInFlight: sink.maxSendsInFlight,
    };
  }

  private recordProduced(record: SinkRecord): void {
    let event: { timestamp: string; service: string; level: string; status: number | null };
    try {
      event = JSON.parse(String(record.value));
    } catch {
      return; // a malformed record the producer mixes in: no metric counts it
    }
    const time = Date.parse(event?.timestamp);
    if (!Number.isFinite(time)) return;
    const statusClass = event.status === null ? "none" : `${Math.floor(event.status / 100)}xx`;
    const key = groupKey(
      Math.floor(time / this.windowMs) * this.windowMs,
      event.service,
      event.level,
      statusClass,
    );
    const group = this.produced.get(key) ?? { times: [], covered: 0 };
    group.times.push(time);
    this.produced.set(key, group);
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `bench-freshness-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.metricsTopic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) this.recordSeen(message.value, Date.now());
      },
    });
  }

  private recordSeen(value: Buffer, seenAtMs: number): void {
    const metric = parseOutputRecord("metrics", value);
    const key = groupKey(Date.parse(metric.window_start), metric.service, metric.level, metric.status_class);
    const group = this.produced.get(key);
    if (!group || metric.events <= group.covered) return;
    let newest = Number.NEGATIVE_INFINITY;
    for (const time of group.times.splice(0, metric.events - group.covered)) newest = Math.max(newest, time);
    group.covered = metric.events;
    if (Number.isFinite(newest)) this.samples.push([seenAtMs, (seenAtMs - newest) / 1000]);
  }

  /** Freshness in seconds of the metric records first seen in [fromMs, toMs). */
  between(fromMs: number, toMs: number): number[] {
    return this.samples.filter(([at]) => at >= fromMs && at < toMs).map(([, seconds]) => seconds);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** The p-quantile (0..1) by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}
