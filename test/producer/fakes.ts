import type { Clock } from "../../workloads/producer/clock.ts";
import type { LogSink, SinkRecord } from "../../workloads/producer/sink.ts";

/** A clock that moves only when the code under test sleeps (or a fake sink takes time). */
export class ManualClock implements Clock {
  constructor(public ms = Date.parse("2025-03-01T12:00:00.000Z")) {}

  now(): number {
    return this.ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal?.aborted) this.ms += ms;
  }
}

/** Keeps every batch; can take clock time per send, fail on demand, and tracks sends in flight. */
export class RecordingSink implements LogSink {
  readonly batches: SinkRecord[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  closed = false;

  constructor(
    private readonly options: {
      clock?: ManualClock;
      msPerSend?: number;
      fail?: (batchIndex: number) => boolean;
    } = {},
  ) {}

  async send(records: SinkRecord[]): Promise<void> {
    const index = this.batches.length;
    this.batches.push(records);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    if (this.options.clock && this.options.msPerSend) this.options.clock.ms += this.options.msPerSend;
    this.inFlight--;
    if (this.options.fail?.(index)) throw new Error(`broker said no to batch ${index}`);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get records(): SinkRecord[] {
    return this.batches.flat();
  }
}
