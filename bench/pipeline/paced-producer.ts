import type { Kafka } from "kafkajs";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import type { LogEvent } from "../../workloads/producer/log-event.ts";

/** The group a `log-metrics` record counts an event in: the job's key, window start first. */
export function metricsKey(event: LogEvent): string {
  const start = Math.floor(Date.parse(event.timestamp) / 60_000) * 60_000;
  const statusClass = event.status === null ? "none" : `${Math.floor(event.status / 100)}xx`;
  return [
    new Date(start).toISOString().replace(/\.\d{3}Z$/, "Z"),
    event.service,
    event.level,
    statusClass,
  ].join("|");
}

/** A sampled event: its group, how many events its group held once it was sent, and its event time. */
export interface FreshnessSample {
  key: string;
  countInGroup: number;
  eventTimeMs: number;
}

export interface PacedRun {
  sent(): number;
  stop(): Promise<void>;
}

/**
 * Sends real-time events at `rate` per second in 100 ms ticks (the producer library's own loop
 * has no per-event hook; this one records, for every 50th event, what a metric must count to
 * include it). Each tick's events get the tick's time as their event time.
 */
export function startPacedProducer(
  kafka: Kafka,
  topic: string,
  rate: number,
  onSample: (sample: FreshnessSample) => void = () => {},
): PacedRun {
  const generator = createLogGenerator({ seed: 3, rate });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const groupCounts = new Map<string, number>();
  let sent = 0;
  let stopped = false;
  const loop = (async () => {
    await producer.connect();
    const started = Date.now();
    while (!stopped) {
      const due = Math.floor(((Date.now() - started) / 1000) * rate) - sent;
      if (due > 0) {
        const now = Date.now();
        const events = generator.batch(due, now);
        for (const event of events) {
          const key = metricsKey(event);
          const count = (groupCounts.get(key) ?? 0) + 1;
          groupCounts.set(key, count);
          if ((sent + 1) % 50 === 0) onSample({ key, countInGroup: count, eventTimeMs: now });
          sent += 1;
        }
        for (let i = 0; i < events.length; i += 1_000) {
          await producer.send({
            topic,
            acks: -1,
            messages: events
              .slice(i, i + 1_000)
              .map((event) => ({ key: event.service, value: JSON.stringify(event) })),
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await producer.disconnect();
  })();
  return {
    sent: () => sent,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
