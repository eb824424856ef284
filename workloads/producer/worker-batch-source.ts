import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { EventSourceConfig } from "./batch-builder.ts";
import type { BatchSource, BuiltBatch } from "./batch-source.ts";
import type {
  BuildReply,
  BuildRequest,
  EncodedBatch,
  GeneratorWorkerData,
  IncidentReply,
} from "./generator-worker.ts";
import type { IncidentRecord } from "./incidents.ts";
import { ProducerOptionError } from "./option-error.ts";
import type { SinkRecord } from "./sink.ts";

/**
 * The generator thread's young generation, in MB: its garbage is short-lived event text, so a
 * small one is collected cheaply; the default (24 MB with the producer's 8 MB semi-spaces) put
 * the producer's peak at 264 MB against 244 with this, and cost more CPU per event.
 */
const generatorYoungGenerationMb = 6;

/** How long `injectIncident` waits for the worker, which answers between two batches. */
const incidentAnswerMs = 10_000;

/**
 * The worker's module is TypeScript, like the rest: the worker registers tsx's loader before it
 * imports it (tsx's `--import` flag does not reach a worker's own entry module).
 */
const workerBootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL("./generator-worker.ts", import.meta.url).href)}); })`;

function decode({ values, lengths, keyIndexes, keys }: EncodedBatch): SinkRecord[] {
  const records = new Array<SinkRecord>(lengths.length);
  let offset = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as number;
    const key = keys[keyIndexes[i] as number] as string | null;
    if (length < 0) records[i] = { key, value: null };
    else {
      records[i] = { key, value: Buffer.from(values, offset, length) };
      offset += length;
    }
  }
  return records;
}

interface PendingBuild {
  resolve(batch: BuiltBatch): void;
  reject(error: Error): void;
}

/**
 * Builds the batches in a worker thread, so that generating events and their JSON runs beside
 * the event loop's sends. Batches come back in the order asked; the worker's failure fails the
 * builds waiting and every build after it.
 */
export class WorkerBatchSource implements BatchSource {
  private readonly worker: Worker;
  private readonly incidentPort: MessageChannel["port1"];
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending: PendingBuild[] = [];
  private failure: Error | undefined;
  private closing = false;
  private incidentsSeen: IncidentRecord[] = [];
  private activeSeen: IncidentRecord[] = [];

  constructor(config: EventSourceConfig) {
    const channel = new MessageChannel();
    this.incidentPort = channel.port1;
    const workerData: GeneratorWorkerData = { config, incidentPort: channel.port2, answered: this.answered };
    this.worker = new Worker(workerBootstrap, {
      eval: true,
      workerData,
      transferList: [channel.port2],
      resourceLimits: { maxYoungGenerationSizeMb: generatorYoungGenerationMb },
    });
    this.worker.on("message", (reply: BuildReply) => this.settle(reply));
    this.worker.on("error", (error) =>
      this.fail(new Error(`generator worker failed: ${error.message}`, { cause: error })),
    );
    this.worker.on("exit", (code) => {
      if (!this.closing) this.fail(new Error(`generator worker stopped (exit code ${code})`));
    });
  }

  build(count: number, fromMs: number, toMs: number): Promise<BuiltBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const request: BuildRequest = { count, fromMs, toMs };
    this.worker.postMessage(request);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  injectIncident(spec: Parameters<BatchSource["injectIncident"]>[0]): IncidentRecord {
    if (this.failure) throw this.failure;
    Atomics.store(this.answered, 0, 0);
    this.incidentPort.postMessage(spec);
    // The worker answers between two batches; blocking here keeps `injectIncident` synchronous.
    if (Atomics.wait(this.answered, 0, 0, incidentAnswerMs) === "timed-out")
      throw new Error(`generator worker: no answer to injectIncident within ${incidentAnswerMs / 1000} s`);
    const reply = receiveMessageOnPort(this.incidentPort)?.message as IncidentReply;
    if ("error" in reply) {
      throw reply.option === undefined
        ? new Error(reply.error)
        : new ProducerOptionError(reply.option, reply.error);
    }
    this.incidentsSeen = reply.incidents;
    this.activeSeen = reply.activeIncidents;
    return reply.record;
  }

  incidents(): IncidentRecord[] {
    return this.incidentsSeen;
  }

  activeIncidents(): IncidentRecord[] {
    return this.activeSeen;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.incidentPort.close();
    await this.worker.terminate();
    this.fail(new Error("generator worker closed"));
  }

  private settle(reply: BuildReply): void {
    const waiting = this.pending.shift();
    if (!waiting) return;
    if ("error" in reply) {
      waiting.reject(new Error(`generator worker: ${reply.error}`));
      return;
    }
    const { batch } = reply;
    this.incidentsSeen = batch.incidents;
    this.activeSeen = batch.activeIncidents;
    waiting.resolve({ records: decode(batch), tally: batch.tally });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.splice(0)) waiting.reject(this.failure);
  }
}
