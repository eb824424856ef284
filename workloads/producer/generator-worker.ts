// The generator's worker thread: builds the batches the event loop asks for, in order, into one
// buffer per batch that moves to the event loop without a copy (see worker-batch-source.ts).
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { builderFromConfig, type EventSourceConfig, type RecordWriter } from "./batch-builder.ts";
import type { IncidentRecord, IncidentSpec } from "./incidents.ts";
import { ProducerOptionError } from "./option-error.ts";
import type { BatchTally } from "./totals.ts";

export interface GeneratorWorkerData {
  config: EventSourceConfig;
  /** Where `injectIncident` asks and is answered, while the event loop waits on `answered`. */
  incidentPort: MessagePort;
  answered: Int32Array;
}

export interface BuildRequest {
  count: number;
  fromMs: number;
  toMs: number;
}

/** A batch as it crosses threads: values back to back, a length per record (-1: null), keys by index. */
export interface EncodedBatch {
  values: ArrayBuffer;
  lengths: Int32Array;
  keyIndexes: Uint32Array;
  keys: (string | null)[];
  tally: BatchTally;
  incidents: IncidentRecord[];
  activeIncidents: IncidentRecord[];
}

export type BuildReply = { batch: EncodedBatch } | { error: string };

export type IncidentReply =
  | { record: IncidentRecord; incidents: IncidentRecord[]; activeIncidents: IncidentRecord[] }
  | { error: string; option?: string };

/** Writes a batch's values into one growing buffer. */
class BatchEncoder implements RecordWriter {
  private bytes: Buffer;
  private offset = 0;
  private readonly lengths: number[] = [];
  private readonly keyIndexes: number[] = [];
  private readonly keys: (string | null)[] = [];
  private readonly keyIndex = new Map<string | null, number>();

  constructor(expectedBytes: number) {
    this.bytes = Buffer.allocUnsafeSlow(expectedBytes);
  }

  text(key: string, value: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.reserve(value.length * 3);
    const length = this.bytes.write(value, this.offset);
    this.push(key, length);
    return length;
  }

  raw(key: string | null, value: Buffer | null): number {
    if (value === null) {
      this.push(key, -1);
      return 0;
    }
    this.reserve(value.length);
    value.copy(this.bytes, this.offset);
    this.push(key, value.length);
    return value.length;
  }

  finish(): Pick<EncodedBatch, "values" | "lengths" | "keyIndexes" | "keys"> {
    return {
      values: this.bytes.buffer as ArrayBuffer,
      lengths: Int32Array.from(this.lengths),
      keyIndexes: Uint32Array.from(this.keyIndexes),
      keys: this.keys,
    };
  }

  private push(key: string | null, length: number): void {
    let index = this.keyIndex.get(key);
    if (index === undefined) {
      index = this.keys.push(key) - 1;
      this.keyIndex.set(key, index);
    }
    this.keyIndexes.push(index);
    this.lengths.push(length);
    if (length > 0) this.offset += length;
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.bytes.length) return;
    // Its own memory (not the pool's), so that its ArrayBuffer can be handed over whole.
    const larger = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.offset + bytes));
    this.bytes.copy(larger, 0, 0, this.offset);
    this.bytes = larger;
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function serve(port: MessagePort, { config, incidentPort, answered }: GeneratorWorkerData): void {
  const { generator, builder } = builderFromConfig(config);
  port.on("message", ({ count, fromMs, toMs }: BuildRequest) => {
    let reply: BuildReply;
    const transfer: ArrayBuffer[] = [];
    try {
      // Room for the events asked (a few hundred bytes each, up to maxBatchBytes); it grows if needed.
      const encoder = new BatchEncoder(Math.min(count * 1024, config.maxBatchBytes) + 64 * 1024);
      const tally = builder.build(count, fromMs, toMs, encoder);
      const encoded = encoder.finish();
      transfer.push(
        encoded.values,
        encoded.lengths.buffer as ArrayBuffer,
        encoded.keyIndexes.buffer as ArrayBuffer,
      );
      reply = {
        batch: {
          ...encoded,
          tally,
          incidents: generator.incidents(),
          activeIncidents: generator.activeIncidents(),
        },
      };
    } catch (error) {
      reply = { error: message(error) };
    }
    port.postMessage(reply, transfer);
  });
  incidentPort.on("message", (spec: Omit<IncidentSpec, "startAfterMs">) => {
    let reply: IncidentReply;
    try {
      const record = generator.injectIncident(spec);
      reply = { record, incidents: generator.incidents(), activeIncidents: generator.activeIncidents() };
    } catch (error) {
      reply =
        error instanceof ProducerOptionError
          ? { error: error.message, option: error.option }
          : { error: message(error) };
    }
    incidentPort.postMessage(reply);
    Atomics.store(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}

if (parentPort) serve(parentPort, workerData as GeneratorWorkerData);
