import { type EventFormatter, FORMATTERS, type OutputFormat } from "../contract/log-formats.ts";
import { generatorFromConfig, type LogGenerator } from "./generator.ts";
import { defaultSimulatedRate, type LogGeneratorConfig } from "./generator-options.ts";
import { HostileRecordCycle } from "./hostile-records.ts";
import { type BatchTally, emptyTally, tallyEvent, tallyMalformed } from "./totals.ts";

/** Where a batch's records are written as they are built; returns the value's size in bytes. */
export interface RecordWriter {
  /** An event's encoded text. */
  text(key: string, value: string): number;
  /** A malformed record, taken as it is. */
  raw(key: string | null, value: Buffer | null): number;
}

export interface BatchBuilderOptions {
  generator: LogGenerator;
  formatter: EventFormatter;
  /** A batch takes no more events once their values reach this many bytes. */
  maxBatchBytes: number;
  /** Malformed records mixed in per event, e.g. 0.01; needs `hostile`. */
  malformedRatio: number;
  hostile?: HostileRecordCycle;
}

/**
 * Builds the records of one send from the seeded generator: the same calls give the same
 * records, wherever the builder runs (on the event loop or in the generator's worker thread).
 */
export class BatchBuilder {
  private malformedDebt = 0;

  constructor(private readonly options: BatchBuilderOptions) {}

  /**
   * Up to `count` events (fewer once `maxBatchBytes` is reached), spread in event time after
   * `fromMs` up to `toMs`, then the malformed records they owe.
   */
  build(count: number, fromMs: number, toMs: number, writer: RecordWriter): BatchTally {
    const { generator, formatter, malformedRatio, hostile, maxBatchBytes } = this.options;
    const tally = emptyTally();
    const span = toMs - fromMs;
    for (let i = 0; i < count && tally.bytes < maxBatchBytes; i++) {
      const event = generator.next(Math.floor(fromMs + (span * (i + 1)) / count));
      tallyEvent(tally, event.service, event.level, writer.text(event.service, formatter(event)));
    }
    if (hostile && malformedRatio > 0) {
      this.malformedDebt += tally.events * malformedRatio;
      for (; this.malformedDebt >= 1; this.malformedDebt--) {
        const record = hostile.next(toMs);
        tallyMalformed(tally, record.kind, writer.raw(record.key, record.value));
      }
    }
    return tally;
  }
}

/** What a run's events are made from: plain data, so that a worker thread can be given it. */
export interface EventSourceConfig {
  seed: number;
  services: LogGeneratorConfig["services"];
  incidents: LogGeneratorConfig["incidents"];
  format: OutputFormat;
  maxBatchBytes: number;
  malformedRatio: number;
}

/** The run's generator and the builder over it. */
export function builderFromConfig(config: EventSourceConfig): {
  generator: LogGenerator;
  builder: BatchBuilder;
} {
  // Every event gets the loop's time, so the generator's simulated clock is left at its default.
  const generator = generatorFromConfig({
    seed: config.seed,
    services: config.services,
    incidents: config.incidents,
    rate: defaultSimulatedRate,
  });
  const builder = new BatchBuilder({
    generator,
    formatter: FORMATTERS[config.format],
    maxBatchBytes: config.maxBatchBytes,
    malformedRatio: config.malformedRatio,
    ...(config.malformedRatio > 0 ? { hostile: new HostileRecordCycle(config.seed) } : {}),
  });
  return { generator, builder };
}
