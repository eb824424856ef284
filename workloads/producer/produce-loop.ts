import type { EventFormatter } from "../contract/log-formats.ts";
import type { Clock } from "./clock.ts";
import type { LogGenerator } from "./generator.ts";
import type { HostileRecordCycle } from "./hostile-records.ts";
import { RateLimiter, type TargetRate } from "./rate-limiter.ts";
import type { LogSink, SinkRecord } from "./sink.ts";
import { type BatchTally, emptyTally, ProducerTotals, tallyEvent, tallyMalformed } from "./totals.ts";

export interface ProduceLoopOptions {
  generator: LogGenerator;
  formatter: EventFormatter;
  sink: LogSink;
  clock: Clock;
  target: TargetRate;
  /** Stop after this many events (malformed records not counted). */
  count?: number;
  /** Stop after this much time. */
  durationMs?: number;
  /** At most this many events per send. */
  batchSize: number;
  /** A send takes no more events once their values reach this many bytes. */
  maxBatchBytes: number;
  /** How long due events may wait for a fuller batch. */
  lingerMs: number;
  /** Sends awaiting their acks before the next batch waits (the sink's `maxSendsInFlight`). */
  maxSendsInFlight: number;
  /** Malformed records mixed in per event, e.g. 0.01; needs `hostile`. */
  malformedRatio: number;
  hostile?: HostileRecordCycle;
  /** Give up after this many failed sends in a row. */
  maxConsecutiveFailures: number;
  observer?: ProduceObserver;
  /** Aborting it stops the run: what is in flight is still awaited. */
  signal: AbortSignal;
}

/** Hooks for metrics and logs; the loop itself only counts. */
export interface ProduceObserver {
  batchSent?(tally: BatchTally): void;
  batchAcked?(tally: BatchTally, seconds: number): void;
  batchFailed?(tally: BatchTally, error: unknown): void;
}

export type StopReason = "count" | "duration" | "stopped" | "error";

export interface LoopResult {
  stoppedBy: StopReason;
  startedAtMs: number;
  endedAtMs: number;
  error?: Error;
}

/** Generates, batches and sends at the target rate, up to `maxSendsInFlight` sends while the next batch is built. */
export class ProduceLoop {
  readonly totals = new ProducerTotals();
  private readonly limiter: RateLimiter;
  private readonly startedAtMs: number;
  private lastBatchMs: number;
  private malformedDebt = 0;
  private consecutiveFailures = 0;
  private fatal: Error | undefined;

  constructor(private readonly options: ProduceLoopOptions) {
    this.startedAtMs = options.clock.now();
    this.lastBatchMs = this.startedAtMs;
    this.limiter = new RateLimiter(options.target, this.startedAtMs);
  }

  get startedAt(): number {
    return this.startedAtMs;
  }

  async run(): Promise<LoopResult> {
    const { clock, signal, batchSize, lingerMs, maxSendsInFlight } = this.options;
    const inFlight = new Set<Promise<void>>();
    let firstDueAtMs: number | undefined;
    let stoppedBy: StopReason;
    for (;;) {
      const now = clock.now();
      const reason = this.reasonToStop();
      if (reason) {
        stoppedBy = reason;
        break;
      }
      const untilDeadline = this.msUntilDeadline(now);
      const atDeadline = untilDeadline <= 0;
      // Past the deadline, only what was due by the deadline is still owed (nothing, at max).
      const dueNow = !atDeadline
        ? this.limiter.due(now)
        : this.options.target === "max"
          ? 0
          : this.limiter.due(now + untilDeadline);
      const remaining = this.remaining();
      const due = Math.min(dueNow, remaining, batchSize);
      if (atDeadline && due === 0) {
        stoppedBy = "duration";
        break;
      }
      const full = due === batchSize || due === remaining || atDeadline;
      if (!full) {
        if (due > 0) firstDueAtMs ??= now;
        const lingered = firstDueAtMs !== undefined && now - firstDueAtMs >= lingerMs;
        if (!lingered) {
          const untilLingered = firstDueAtMs === undefined ? lingerMs : lingerMs - (now - firstDueAtMs);
          const untilNext = this.limiter.msUntilDue(due === 0 ? 1 : batchSize, now);
          await clock.sleep(Math.max(1, Math.min(untilLingered, untilNext, untilDeadline)), signal);
          continue;
        }
      }
      firstDueAtMs = undefined;
      const { records, tally } = this.buildBatch(due, now);
      this.limiter.issue(tally.events);
      while (inFlight.size >= maxSendsInFlight) await Promise.race(inFlight);
      if (this.fatal) {
        stoppedBy = "error";
        break;
      }
      const sending = this.send(records, tally).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    const endedAtMs = clock.now();
    if (this.fatal)
      return { stoppedBy: "error", startedAtMs: this.startedAtMs, endedAtMs, error: this.fatal };
    return { stoppedBy, startedAtMs: this.startedAtMs, endedAtMs };
  }

  private remaining(): number {
    return this.options.count === undefined
      ? Number.POSITIVE_INFINITY
      : this.options.count - this.limiter.issued;
  }

  private msUntilDeadline(now: number): number {
    const { durationMs } = this.options;
    return durationMs === undefined ? Number.POSITIVE_INFINITY : this.startedAtMs + durationMs - now;
  }

  private reasonToStop(): StopReason | undefined {
    if (this.fatal) return "error";
    if (this.options.signal.aborted) return "stopped";
    if (this.remaining() <= 0) return "count";
    return undefined;
  }

  /**
   * Up to `count` events (fewer once `maxBatchBytes` is reached), spread in event time from the
   * previous batch to now, then the malformed records they owe.
   */
  private buildBatch(count: number, now: number): { records: SinkRecord[]; tally: BatchTally } {
    const { generator, formatter, malformedRatio, hostile, maxBatchBytes } = this.options;
    const tally = emptyTally();
    const records: SinkRecord[] = [];
    const from = this.lastBatchMs;
    const span = now - from;
    for (let i = 0; i < count && tally.bytes < maxBatchBytes; i++) {
      const event = generator.next(Math.floor(from + (span * (i + 1)) / count));
      // Encoded here, once: the client takes bytes, and the tally counts them.
      const value = Buffer.from(formatter(event));
      records.push({ key: event.service, value });
      tallyEvent(tally, event.service, event.level, value.length);
    }
    this.lastBatchMs = now;
    if (hostile && malformedRatio > 0) {
      this.malformedDebt += tally.events * malformedRatio;
      for (; this.malformedDebt >= 1; this.malformedDebt--) {
        const record = hostile.next(now);
        records.push({ key: record.key, value: record.value });
        tallyMalformed(tally, record.kind, record.value?.length ?? 0);
      }
    }
    return { records, tally };
  }

  private send(records: SinkRecord[], tally: BatchTally): Promise<void> {
    const { sink, clock, observer, maxConsecutiveFailures } = this.options;
    this.totals.sent(tally);
    observer?.batchSent?.(tally);
    const sentAtMs = clock.now();
    return sink.send(records).then(
      () => {
        this.consecutiveFailures = 0;
        this.totals.settled(tally, "acked");
        observer?.batchAcked?.(tally, (clock.now() - sentAtMs) / 1000);
      },
      (error: unknown) => {
        this.totals.settled(tally, "failed");
        observer?.batchFailed?.(tally, error);
        if (++this.consecutiveFailures >= maxConsecutiveFailures) {
          const cause = error instanceof Error ? error.message : String(error);
          this.fatal = new Error(
            `producer: ${this.consecutiveFailures} sends in a row failed, last: ${cause}`,
            {
              cause: error,
            },
          );
        }
      },
    );
  }
}
