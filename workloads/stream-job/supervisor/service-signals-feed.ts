import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kafka, Message, Producer } from "kafkajs";
import type { Logger } from "pino";
import { parseOutputRecord } from "../output-records.ts";
import {
  type AnomalyAlert,
  AnomalyDetector,
  type AnomalySettings,
  anomalySignals,
} from "./anomaly-detector.ts";
import { ServiceSignals } from "./service-signals.ts";
import { type StoppableConsumer, stoppableConsumer } from "./stoppable-consumer.ts";
import type { SupervisorMetrics } from "./supervisor-metrics.ts";

export interface ServiceSignalsFeedOptions {
  topics: { metrics: string; alerts: string };
  /** The job's metrics window, in ms. */
  windowMs: number;
  anomaly: AnomalySettings & { minRequests: number };
}

export interface ServiceSignalsFeed {
  readonly signals: ServiceSignals;
  stop(): Promise<void>;
}

/**
 * Follows the job's metrics topic with kafkajs (from its start, under a group of its own, since
 * a compacted topic holds each group's latest value), sets the per-service gauges from each
 * service's latest complete window, and judges every complete window against the service's
 * baseline, writing anomaly alerts to the alerts topic as keyed upserts
 * (`<window start>|<service>|<kind>`; a tombstone when late data takes an anomaly back).
 * Connecting is retried until it succeeds or the feed stops: the topic may not exist before
 * the job's first window.
 */
export function followServiceSignals(
  kafka: Kafka,
  options: ServiceSignalsFeedOptions,
  metrics: SupervisorMetrics,
  log: Logger,
): ServiceSignalsFeed {
  const signals = new ServiceSignals(options.anomaly.baselineWindows + options.anomaly.gapWindows + 2);
  const detector = new AnomalyDetector(options.anomaly, options.windowMs);
  /** What each alert key last carried (without `raised_at`), so that only changes are written. */
  const published = new Map<string, string>();
  const abort = new AbortController();
  let consumer: StoppableConsumer | undefined;
  let producer: Producer | undefined;

  const anomalyMessages = (): Message[] => {
    const messages: Message[] = [];
    for (const signal of signals.completeWindows()) {
      const raised = new Map<string, AnomalyAlert>(
        detector.observe(signal).map((alert) => [alert.kind, alert]),
      );
      for (const kind of anomalySignals.map((signalKind) => `${signalKind}-anomaly` as const)) {
        const key = `${signal.windowStart}|${signal.service}|${kind}`;
        const alert = raised.get(kind);
        const value = alert === undefined ? undefined : JSON.stringify(alert);
        if (published.get(key) === value) continue;
        if (value === undefined && !published.has(key)) continue;
        if (value === undefined) published.delete(key);
        else published.set(key, value);
        messages.push({
          key,
          value:
            alert === undefined ? null : JSON.stringify({ ...alert, raised_at: new Date().toISOString() }),
        });
      }
    }
    return messages;
  };

  const publish = async () => {
    for (const signal of signals.latest()) {
      metrics.serviceErrorRate.set({ service: signal.service }, signal.errorRate);
      if (Number.isFinite(signal.latencyP95Ms))
        metrics.serviceLatencyP95.set({ service: signal.service }, signal.latencyP95Ms / 1000);
    }
    const messages = anomalyMessages();
    if (messages.length > 0) await producer?.send({ topic: options.topics.alerts, acks: -1, messages });
  };

  const run = async () => {
    while (!abort.signal.aborted) {
      const candidate = stoppableConsumer(kafka, { groupId: `stream-job-service-signals-${randomUUID()}` });
      const writer = kafka.producer();
      try {
        await writer.connect();
        producer = writer;
        await candidate.consumer.connect();
        await candidate.consumer.subscribe({ topic: options.topics.metrics, fromBeginning: true });
        await candidate.consumer.run({
          eachBatch: async ({ batch }) => {
            for (const message of batch.messages) {
              if (message.value) signals.update(parseOutputRecord("metrics", message.value));
            }
            await publish();
          },
        });
        consumer = candidate;
        return;
      } catch (error) {
        await candidate.stop().catch(() => undefined);
        await writer.disconnect().catch(() => undefined);
        producer = undefined;
        log.warn(
          { err: (error as Error).message, topic: options.topics.metrics },
          "service signals: cannot follow the metrics topic yet",
        );
        await sleep(5_000, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  };
  const running = run();

  return {
    signals,
    async stop() {
      abort.abort();
      await running;
      await consumer?.stop();
      await producer?.disconnect();
    },
  };
}
