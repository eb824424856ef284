import { type LogEvent, logEventProblems } from "../contract/log-event.ts";
import { generatorFromConfig, type LogGenerator } from "./generator.ts";
import { generatorOptionsSchema } from "./generator-options.ts";

export const HOSTILE_KINDS = [
  "invalid-json",
  "not-an-object",
  "wrong-types",
  "missing-fields",
  "unknown-level",
  "bad-timestamp",
  "huge-value",
  "binary",
  "empty",
  "null-value",
  "null-key",
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** A record that a robust consumer must survive; `problems` says what is wrong with it as an event. */
export interface HostileRecord {
  kind: HostileKind;
  key: string | null;
  value: Buffer | null;
  /** The event-contract problems of the value, empty when it is a valid event (a null key, a huge message). */
  problems: string[];
}

/** Message size of the `huge-value` record: far past any real log line, well under Kafka's 1 MiB default. */
export const HUGE_MESSAGE_BYTES = 256 * 1024;

function problemsOf(value: Buffer | null): string[] {
  if (value === null) return ["null value"];
  if (value.length === 0) return ["empty value"];
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(value));
  } catch (error) {
    return [`not UTF-8 JSON: ${(error as Error).message}`];
  }
  return logEventProblems(parsed);
}

function hostileValue(kind: HostileKind, event: LogEvent): Buffer | null {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  switch (kind) {
    case "invalid-json":
      return Buffer.from(JSON.stringify(event).slice(0, -7));
    case "not-an-object":
      return json([event.service, event.level, event.message]);
    case "wrong-types":
      return json({ ...event, status: "two hundred", latency_ms: "fast", bytes: true });
    case "missing-fields": {
      const { timestamp: _timestamp, level: _level, ...rest } = event;
      return json(rest);
    }
    case "unknown-level":
      return json({ ...event, level: "CATASTROPHIC" });
    case "bad-timestamp":
      return json({ ...event, timestamp: "yesterday at noon" });
    case "huge-value":
      return json({ ...event, message: "x".repeat(HUGE_MESSAGE_BYTES) });
    case "binary":
      return Buffer.from([
        0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x80, 0x7b, 0x22, 0x00, 0xde, 0xad, 0xbe, 0xef,
      ]);
    case "empty":
      return Buffer.alloc(0);
    case "null-value":
      return null;
    case "null-key":
      return json(event);
  }
}

/** Hostile records of every kind in turn, each around a fresh event of its own generator. */
export class HostileRecordCycle {
  private readonly generator: LogGenerator;
  private index = 0;

  constructor(seed = 1) {
    this.generator = generatorFromConfig(generatorOptionsSchema.parse({ seed }));
  }

  next(eventTimeMs: number): HostileRecord {
    const kind = HOSTILE_KINDS[this.index++ % HOSTILE_KINDS.length] as HostileKind;
    const event = this.generator.next(eventTimeMs);
    const value = hostileValue(kind, event);
    return { kind, key: kind === "null-key" ? null : event.service, value, problems: problemsOf(value) };
  }
}

/**
 * One record of each hostile kind, built around real events at `eventTimeMs` so that a
 * watermark does not drop them as late: the corpus a consumer's dead-letter tests need.
 */
export function hostileRecords(eventTimeMs: number = Date.now(), seed = 1): HostileRecord[] {
  const cycle = new HostileRecordCycle(seed);
  return HOSTILE_KINDS.map(() => cycle.next(eventTimeMs));
}
