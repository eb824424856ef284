import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";
import {
  type AlertRecord,
  parseOutputRecord,
  type WindowMetricRecord,
} from "../stream-job/output-records.ts";
import { type StoppableConsumer, stoppableConsumer } from "../stream-job/supervisor/stoppable-consumer.ts";

export interface ServiceWindowSummary {
  service: string;
  requests: number;
  errorRate: number;
  /** The highest p95 among the service's level/status groups: an upper bound of its p95. */
  worstP95Ms: number;
}

/**
 * Follows the job's output topics for the live view: the latest value of every metrics group
 * (they are keyed upserts) and the alerts as they arrive.
 */
export class PipelineFeed {
  private readonly metrics = new Map<string, WindowMetricRecord>();
  private readonly alertsByKey = new Map<string, AlertRecord>();
  private consumer: StoppableConsumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: { metrics: string; alerts: string },
  ) {}

  async start(): Promise<void> {
    this.consumer = stoppableConsumer(this.kafka, { groupId: `live-view-${randomUUID()}` });
    const { consumer } = this.consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.metrics, this.topics.alerts], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!message.key) return;
        const key = message.key.toString();
        // A tombstone: the job took an anomaly back.
        if (!message.value) {
          this.alertsByKey.delete(key);
          return;
        }
        if (topic === this.topics.metrics) this.metrics.set(key, parseOutputRecord("metrics", message.value));
        else this.alertsByKey.set(key, parseOutputRecord("alerts", message.value));
      },
    });
  }

  /** Per service in the newest window that has data, busiest first. */
  latestWindow(): { windowStart: string; services: ServiceWindowSummary[] } | undefined {
    let newest = "";
    for (const metric of this.metrics.values())
      if (metric.window_start > newest) newest = metric.window_start;
    if (!newest) return undefined;
    const byService = new Map<string, ServiceWindowSummary & { errors: number }>();
    for (const metric of this.metrics.values()) {
      if (metric.window_start !== newest || metric.requests === 0) continue;
      const entry = byService.get(metric.service) ?? {
        service: metric.service,
        requests: 0,
        errors: 0,
        errorRate: 0,
        worstP95Ms: 0,
      };
      entry.requests += metric.requests;
      entry.errors += metric.server_errors;
      entry.errorRate = entry.errors / entry.requests;
      entry.worstP95Ms = Math.max(entry.worstP95Ms, metric.latency_p95_ms ?? 0);
      byService.set(metric.service, entry);
    }
    const services = [...byService.values()].sort((a, b) => b.requests - a.requests);
    return { windowStart: newest, services };
  }

  alerts(): AlertRecord[] {
    return [...this.alertsByKey.values()].sort((a, b) => a.window_start.localeCompare(b.window_start));
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
