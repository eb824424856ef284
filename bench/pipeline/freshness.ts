import { randomUUID } from "node:crypto";
import type { Consumer, Kafka } from "kafkajs";
import type { FreshnessSample } from "./paced-producer.ts";

/**
 * Event-to-metric freshness: for each sampled event, the time from its event time until a
 * `log-metrics` record of its group counts at least as many events as the group held when the
 * event was sent (group counts only grow, so that record includes the event).
 */
export class FreshnessMeter {
  private readonly pending = new Map<string, FreshnessSample[]>();
  readonly delaysSeconds: number[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  add(sample: FreshnessSample): void {
    const waiting = this.pending.get(sample.key) ?? [];
    waiting.push(sample);
    this.pending.set(sample.key, waiting);
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `bench-freshness-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.key || !message.value) return;
        const seenAt = Date.now();
        const key = message.key.toString();
        const counted = (JSON.parse(message.value.toString()) as { events: number }).events;
        const waiting = this.pending.get(key);
        if (!waiting) return;
        const stillWaiting = waiting.filter((sample) => {
          if (sample.countInGroup > counted) return true;
          this.delaysSeconds.push((seenAt - sample.eventTimeMs) / 1000);
          return false;
        });
        this.pending.set(key, stillWaiting);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}
