import { builderFromConfig, type EventSourceConfig, type RecordWriter } from "./batch-builder.ts";
import type { IncidentRecord, IncidentSpec } from "./incidents.ts";
import type { SinkRecord } from "./sink.ts";
import type { BatchTally } from "./totals.ts";

/** The records of one send and what they hold. */
export interface BuiltBatch {
  records: SinkRecord[];
  tally: BatchTally;
}

/** The incidents of the run's generator, as the monitor, the progress line and the summary see them. */
export interface IncidentView {
  /** Starts an incident at the time of the last event generated. */
  injectIncident(spec: Omit<IncidentSpec, "startAfterMs">): IncidentRecord;
  /** The incidents so far, with the events they affected. */
  incidents(): IncidentRecord[];
  /** Incidents whose window contains the last event's time. */
  activeIncidents(): IncidentRecord[];
}

/**
 * The run's events, built in the order asked: on the event loop, or in a worker thread
 * (`worker-batch-source.ts`) while the event loop sends the previous batch.
 */
export interface BatchSource extends IncidentView {
  /**
   * Up to `count` events spread after `fromMs` up to `toMs` (see `BatchBuilder.build`): the
   * batch itself when built on the event loop, a promise of it when built elsewhere.
   */
  build(count: number, fromMs: number, toMs: number): BuiltBatch | Promise<BuiltBatch>;
  close(): Promise<void>;
}

/** Builds on the event loop, each event's value encoded to its own buffer. */
export function inlineBatchSource(config: EventSourceConfig): BatchSource {
  const { generator, builder } = builderFromConfig(config);
  return {
    build: (count, fromMs, toMs) => {
      const records: SinkRecord[] = [];
      const writer: RecordWriter = {
        text: (key, text) => {
          const value = Buffer.from(text);
          records.push({ key, value });
          return value.length;
        },
        raw: (key, value) => {
          records.push({ key, value });
          return value?.length ?? 0;
        },
      };
      const tally = builder.build(count, fromMs, toMs, writer);
      return { records, tally };
    },
    // A copy, as from the worker: the generator goes on counting the incident's events in its own.
    injectIncident: (spec) => ({ ...generator.injectIncident(spec) }),
    incidents: () => generator.incidents(),
    activeIncidents: () => generator.activeIncidents(),
    close: async () => {},
  };
}
