import type { BatchSource, BuiltBatch } from "./batch-source.ts";
import type { Clock } from "./clock.ts";
import { RateLimiter, type TargetRate } from "./rate-limiter.ts";
import type { LogSink, SinkRecord } from "./sink.ts";
import { type BatchTally, ProducerTotals } from "./totals.ts";

export interface ProduceLoopOptions {
  /** Where the batches are built (generated, encoded, malformed records mixed in). */
  source: BatchSource;
  sink: LogSink;
  clock: Clock;
  target: TargetRate;
  /** Stop after this many events (malformed records not counted). */
  count?: number;
  /** Stop after this much time. */
  durationMs?: number;
  /** At most this many events per send. */
  batchSize: number;
  /** How long due events may wait for a fuller batch. */
  lingerMs: number;
  /** Sends awaiting their acks before the next batch waits (the sink's `maxSendsInFlight`). */
  maxSendsInFlight: number;
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
  private consecutiveFailures = 0;
  private fatal: Error | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: ProduceLoopOptions) {
    this.startedAtMs = options.clock.now();
    this.lastBatchMs = this.startedAtMs;
    this.limiter = new RateLimiter(options.target, this.startedAtMs);
  }

  get startedAt(): number {
    return this.startedAtMs;
  }

  async run(): Promise<LoopResult> {
    const { clock, signal, batchSize, lingerMs, source } = this.options;
    let firstDueAtMs: number | undefined;
    let stoppedBy: StopReason;
    /** Built and not sent yet: it goes out while the next one is built. */
    let built: BuiltBatch | undefined;
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
          if (built) {
            if (this.sendsFull) await this.sendSlot();
            this.dispatch(built);
            built = undefined;
            continue;
          }
          const untilLingered = firstDueAtMs === undefined ? lingerMs : lingerMs - (now - firstDueAtMs);
          const untilNext = this.limiter.msUntilDue(due === 0 ? 1 : batchSize, now);
          await clock.sleep(Math.max(1, Math.min(untilLingered, untilNext, untilDeadline)), signal);
          continue;
        }
      }
      firstDueAtMs = undefined;
      try {
        const building = source.build(due, this.lastBatchMs, now);
        this.lastBatchMs = now;
        // A worker builds this batch while the previous one is sent; its failure is caught below.
        if (building instanceof Promise) building.catch(() => {});
        if (built) {
          if (this.sendsFull) await this.sendSlot();
          this.dispatch(built);
          built = undefined;
        }
        built = building instanceof Promise ? await building : building;
      } catch (error) {
        this.fatal ??= new Error(`producer: generating events failed: ${(error as Error).message}`, {
          cause: error,
        });
        stoppedBy = "error";
        break;
      }
      this.limiter.issue(built.tally.events);
    }
    // What was built is sent even when the run is stopped: nothing generated is lost.
    if (built) {
      if (this.sendsFull) await this.sendSlot();
      this.dispatch(built);
    }
    await Promise.all(this.inFlight);
    const endedAtMs = clock.now();
    if (this.fatal)
      return { stoppedBy: "error", startedAtMs: this.startedAtMs, endedAtMs, error: this.fatal };
    return { stoppedBy, startedAtMs: this.startedAtMs, endedAtMs };
  }

  private get sendsFull(): boolean {
    return this.inFlight.size >= this.options.maxSendsInFlight;
  }

  private async sendSlot(): Promise<void> {
    while (this.sendsFull) await Promise.race(this.inFlight);
  }

  /** Sends the batch (call it once a send slot is free); after a fatal failure, sends nothing. */
  private dispatch({ records, tally }: BuiltBatch): void {
    if (this.fatal) return;
    const sending = this.send(records, tally).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
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
