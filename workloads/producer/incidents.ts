import type { ServiceName } from "../contract/log-event.ts";

export const INCIDENT_KINDS = ["error-spike", "latency-regression"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const DEFAULT_INCIDENT_ERROR_RATE = 0.3;
export const DEFAULT_INCIDENT_LATENCY_FACTOR = 5;

/** An incident to inject: a window of event time during which one service misbehaves. */
export interface IncidentSpec {
  service: ServiceName;
  kind: IncidentKind;
  /** Event time from the first event of the run to the start of the incident. */
  startAfterMs: number;
  durationMs: number;
  /** error-spike: the share of HTTP requests that fail with a 5xx during the incident. */
  errorRate?: number;
  /** latency-regression: what every request's latency is multiplied by. */
  latencyFactor?: number;
}

/** What was injected, in event time: what the alerting downstream should find. */
export interface IncidentRecord {
  id: number;
  service: ServiceName;
  kind: IncidentKind;
  source: "scheduled" | "on-demand";
  /** Event time of the start (inclusive) and end (exclusive), ISO-8601 UTC. */
  start: string;
  end: string;
  /** Set on error spikes. */
  errorRate?: number;
  /** Set on latency regressions. */
  latencyFactor?: number;
  /** Events of the service generated inside the window. */
  affectedEvents: number;
}

/** How an active incident changes a service's events. */
export interface IncidentEffect {
  /** Replaces the service's baseline 5xx rate when set. */
  errorRate: number | undefined;
  latencyFactor: number;
}

interface ActiveWindow {
  record: IncidentRecord;
  startMs: number;
  endMs: number;
}

/** The incidents of one generator: fixes their windows at the first event and counts their events. */
export class IncidentSchedule {
  private readonly windows: ActiveWindow[] = [];
  private pending: IncidentSpec[];
  private nextId = 1;

  constructor(specs: readonly IncidentSpec[]) {
    this.pending = [...specs];
  }

  /** Anchors the scheduled incidents to the first event's time. */
  begin(firstEventMs: number): void {
    for (const spec of this.pending) this.open(spec, firstEventMs + spec.startAfterMs, "scheduled");
    this.pending = [];
  }

  /** Starts an incident now (at `nowMs` in event time) regardless of its `startAfterMs`. */
  injectAt(spec: Omit<IncidentSpec, "startAfterMs">, nowMs: number): IncidentRecord {
    return this.open({ ...spec, startAfterMs: 0 }, nowMs, "on-demand");
  }

  private open(spec: IncidentSpec, startMs: number, source: IncidentRecord["source"]): IncidentRecord {
    const endMs = startMs + spec.durationMs;
    const record: IncidentRecord = {
      id: this.nextId++,
      service: spec.service,
      kind: spec.kind,
      source,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      affectedEvents: 0,
    };
    if (spec.kind === "error-spike") record.errorRate = spec.errorRate ?? DEFAULT_INCIDENT_ERROR_RATE;
    else record.latencyFactor = spec.latencyFactor ?? DEFAULT_INCIDENT_LATENCY_FACTOR;
    this.windows.push({ record, startMs, endMs });
    return record;
  }

  /** The combined effect on an event of `service` at `eventMs`, counting it as affected. */
  effectFor(service: ServiceName, eventMs: number): IncidentEffect | undefined {
    let effect: IncidentEffect | undefined;
    for (const window of this.windows) {
      if (window.record.service !== service || eventMs < window.startMs || eventMs >= window.endMs) continue;
      window.record.affectedEvents++;
      effect ??= { errorRate: undefined, latencyFactor: 1 };
      const { errorRate, latencyFactor } = window.record;
      if (errorRate !== undefined) effect.errorRate = Math.max(effect.errorRate ?? 0, errorRate);
      if (latencyFactor !== undefined) effect.latencyFactor *= latencyFactor;
    }
    return effect;
  }

  /** Incidents active at `eventMs`. */
  activeAt(eventMs: number): IncidentRecord[] {
    return this.windows
      .filter((w) => eventMs >= w.startMs && eventMs < w.endMs)
      .map((w) => ({ ...w.record }));
  }

  /** Every incident with its window fixed so far, as copies. */
  records(): IncidentRecord[] {
    return this.windows.map((window) => ({ ...window.record }));
  }
}
