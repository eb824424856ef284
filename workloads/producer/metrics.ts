import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { IncidentRecord } from "./incidents.ts";
import type { ProduceObserver } from "./produce-loop.ts";
import type { BatchTally } from "./totals.ts";

type Outcome = "sent" | "acked" | "failed";

/** The producer's Prometheus metrics, in a registry of its own so that runs never share counters. */
export class ProducerMetrics implements ProduceObserver {
  readonly registry = new Registry();
  private readonly events: Record<Outcome, Counter<"service" | "level">>;
  private readonly malformed: Record<Outcome, Counter<"kind">>;
  private readonly bytesSent: Counter;
  private readonly batchSize: Histogram;
  private readonly sendDuration: Histogram;
  private readonly rate: Gauge;
  private readonly targetRate: Gauge | undefined;
  private readonly incidentActive: Gauge<"service" | "kind">;

  /** `withTargetRate: false` leaves out the target gauge, for runs at max rate (no target to show). */
  constructor(options: { withTargetRate?: boolean } = {}) {
    const registers = [this.registry];
    const eventCounter = (outcome: Outcome, help: string) =>
      new Counter({
        name: `producer_events_${outcome}_total`,
        help,
        labelNames: ["service", "level"],
        registers,
      });
    this.events = {
      sent: eventCounter("sent", "Log events handed to Kafka."),
      acked: eventCounter("acked", "Log events acknowledged by all in-sync replicas."),
      failed: eventCounter("failed", "Log events whose send failed after retries."),
    };
    const malformedCounter = (outcome: Outcome) =>
      new Counter({
        name: `producer_malformed_${outcome}_total`,
        help: `Deliberately malformed records ${outcome}.`,
        labelNames: ["kind"],
        registers,
      });
    this.malformed = {
      sent: malformedCounter("sent"),
      acked: malformedCounter("acked"),
      failed: malformedCounter("failed"),
    };
    this.bytesSent = new Counter({
      name: "producer_bytes_sent_total",
      help: "Bytes of message values handed to Kafka (before compression).",
      registers,
    });
    this.batchSize = new Histogram({
      name: "producer_batch_size",
      help: "Records per send.",
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000],
      registers,
    });
    this.sendDuration = new Histogram({
      name: "producer_send_duration_seconds",
      help: "Time from a send to its acknowledgement.",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.rate = new Gauge({
      name: "producer_rate_events_per_second",
      help: "Acknowledged events per second over the last seconds.",
      registers,
    });
    this.targetRate =
      options.withTargetRate === false
        ? undefined
        : new Gauge({
            name: "producer_target_rate_events_per_second",
            help: "The rate the producer aims at now (absent at max).",
            registers,
          });
    this.incidentActive = new Gauge({
      name: "producer_incident_active",
      help: "1 while an injected incident is active for the service.",
      labelNames: ["service", "kind"],
      registers,
    });
    collectDefaultMetrics({ register: this.registry, prefix: "producer_" });
  }

  private count(tally: BatchTally, outcome: Outcome): void {
    for (const [service, levels] of tally.byServiceLevel) {
      for (const [level, count] of levels) this.events[outcome].inc({ service, level }, count);
    }
    for (const [kind, count] of tally.malformedByKind) this.malformed[outcome].inc({ kind }, count);
  }

  batchSent(tally: BatchTally): void {
    this.count(tally, "sent");
    this.bytesSent.inc(tally.bytes);
    this.batchSize.observe(tally.events + tally.malformed);
  }

  batchAcked(tally: BatchTally, seconds: number): void {
    this.count(tally, "acked");
    this.sendDuration.observe(seconds);
  }

  batchFailed(tally: BatchTally): void {
    this.count(tally, "failed");
  }

  setRates(current: number, target: number | undefined): void {
    this.rate.set(current);
    if (target !== undefined) this.targetRate?.set(target);
  }

  /** Marks the incidents active now with 1 and every other known one with 0. */
  setIncidents(all: readonly IncidentRecord[], active: readonly IncidentRecord[]): void {
    for (const incident of all)
      this.incidentActive.set({ service: incident.service, kind: incident.kind }, 0);
    for (const incident of active)
      this.incidentActive.set({ service: incident.service, kind: incident.kind }, 1);
  }
}
