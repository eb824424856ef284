import type { LogLevel, ServiceName } from "../contract/log-event.ts";
import type { HostileKind } from "./hostile-records.ts";

export interface Outcomes {
  sent: number;
  acked: number;
  failed: number;
}

/** What one batch holds, counted once when it is built and applied on its outcome. */
export interface BatchTally {
  events: number;
  malformed: number;
  bytes: number;
  /** Events per service and level. */
  byServiceLevel: Map<ServiceName, Map<LogLevel, number>>;
  malformedByKind: Map<HostileKind, number>;
}

export function emptyTally(): BatchTally {
  return { events: 0, malformed: 0, bytes: 0, byServiceLevel: new Map(), malformedByKind: new Map() };
}

export function tallyEvent(tally: BatchTally, service: ServiceName, level: LogLevel, bytes: number): void {
  tally.events++;
  tally.bytes += bytes;
  let levels = tally.byServiceLevel.get(service);
  if (!levels) {
    levels = new Map();
    tally.byServiceLevel.set(service, levels);
  }
  levels.set(level, (levels.get(level) ?? 0) + 1);
}

export function tallyMalformed(tally: BatchTally, kind: HostileKind, bytes: number): void {
  tally.malformed++;
  tally.bytes += bytes;
  tally.malformedByKind.set(kind, (tally.malformedByKind.get(kind) ?? 0) + 1);
}

export interface TotalsSnapshot {
  /** Log events (malformed records are counted apart). */
  events: Outcomes;
  malformed: Outcomes & { byKind: Partial<Record<HostileKind, number>> };
  byService: Partial<Record<ServiceName, Outcomes>>;
  byLevel: Partial<Record<LogLevel, Outcomes>>;
  /** Bytes of message values handed to the sink. */
  bytes: number;
  batches: number;
  /** Batches handed to the sink and not settled yet. */
  inFlight: number;
}

type Outcome = keyof Outcomes;

const zero = (): Outcomes => ({ sent: 0, acked: 0, failed: 0 });

/** The running totals of a run: every event is sent, then acked or failed, exactly once. */
export class ProducerTotals {
  private readonly events = zero();
  private readonly malformed = zero();
  private readonly malformedByKind: Partial<Record<HostileKind, number>> = {};
  private readonly byService: Partial<Record<ServiceName, Outcomes>> = {};
  private readonly byLevel: Partial<Record<LogLevel, Outcomes>> = {};
  private bytes = 0;
  private batches = 0;
  private inFlight = 0;

  sent(tally: BatchTally): void {
    this.apply(tally, "sent");
    this.bytes += tally.bytes;
    this.batches++;
    this.inFlight++;
    for (const [kind, count] of tally.malformedByKind) {
      this.malformedByKind[kind] = (this.malformedByKind[kind] ?? 0) + count;
    }
  }

  settled(tally: BatchTally, outcome: "acked" | "failed"): void {
    this.apply(tally, outcome);
    this.inFlight--;
  }

  get acked(): number {
    return this.events.acked;
  }

  private apply(tally: BatchTally, outcome: Outcome): void {
    this.events[outcome] += tally.events;
    this.malformed[outcome] += tally.malformed;
    for (const [service, levels] of tally.byServiceLevel) {
      const perService = this.byService[service] ?? zero();
      this.byService[service] = perService;
      for (const [level, count] of levels) {
        perService[outcome] += count;
        const perLevel = this.byLevel[level] ?? zero();
        this.byLevel[level] = perLevel;
        perLevel[outcome] += count;
      }
    }
  }

  snapshot(): TotalsSnapshot {
    const copy = <K extends string>(table: Partial<Record<K, Outcomes>>) =>
      Object.fromEntries(
        Object.entries(table).map(([key, value]) => [key, { ...(value as Outcomes) }]),
      ) as Partial<Record<K, Outcomes>>;
    return {
      events: { ...this.events },
      malformed: { ...this.malformed, byKind: { ...this.malformedByKind } },
      byService: copy(this.byService),
      byLevel: copy(this.byLevel),
      bytes: this.bytes,
      batches: this.batches,
      inFlight: this.inFlight,
    };
  }
}
