import { randomUUID } from "node:crypto";
import type { Consumer, Kafka } from "kafkajs";
import { parseOutputRecord } from "../../workloads/stream-job/output-records.ts";

/**
 * Dead-letter latency: a dead letter's own Kafka timestamp (when the job wrote it) minus the
 * Kafka timestamp of the record it stands for (carried in the letter as `kafka_timestamp`).
 */
export class DeadLetterLatencyMeter {
  private readonly samples: [number, number][] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: `bench-dead-letters-${randomUUID()}`,
      maxWaitTimeInMs: 50,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const letter = parseOutputRecord("deadLetters", message.value);
        const sourceMs = Date.parse(letter.kafka_timestamp);
        const writtenMs = Number(message.timestamp);
        if (Number.isFinite(sourceMs)) this.samples.push([writtenMs, (writtenMs - sourceMs) / 1000]);
      },
    });
  }

  /** Latencies in seconds of the letters written in [fromMs, toMs). */
  between(fromMs: number, toMs: number): number[] {
    return this.samples.filter(([at]) => at >= fromMs && at < toMs).map(([, seconds]) => seconds);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
