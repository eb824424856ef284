import { SparkConnectClientError } from "./errors.ts";

const microsPerMilli = 1000n;
const microsPerSecond = 1_000_000n;

/** Floor division of bigints (toward minus infinity, unlike `/`): instants before 1970 stay in their own second. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

/**
 * A Spark TIMESTAMP (or TIMESTAMP_NTZ) with its full microsecond precision. It is a `Date` (so
 * everything that takes a Date takes it, at millisecond precision, floored), and also keeps the
 * exact microseconds since the epoch: `epochMicros`, `microsecond` (as Python's
 * `datetime.microsecond`) and `toISOString()` with six fraction digits when they are not zero.
 */
export class Timestamp extends Date {
  readonly epochMicros: bigint;

  constructor(epochMicros: bigint) {
    super(Number(floorDiv(epochMicros, microsPerMilli)));
    this.epochMicros = epochMicros;
  }

  /** The instant of a Date, or an exact count of microseconds since 1970-01-01T00:00:00Z. */
  static of(value: Date | bigint): Timestamp {
    if (typeof value === "bigint") return new Timestamp(value);
    return value instanceof Timestamp ? value : new Timestamp(BigInt(value.getTime()) * microsPerMilli);
  }

  /**
   * An ISO 8601 instant with up to six fraction digits, e.g. `1969-12-31T23:59:59.999999Z`
   * (a time without an offset is read as UTC).
   */
  static fromISOString(text: string): Timestamp {
    const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
    const seconds = match ? Date.parse(`${match[1]}${match[3] ?? "Z"}`) : Number.NaN;
    if (!match || Number.isNaN(seconds)) {
      throw new SparkConnectClientError(
        `"${text}" is not an ISO 8601 timestamp like 2024-01-31T12:00:00.123456Z`,
      );
    }
    return new Timestamp(BigInt(seconds) * microsPerMilli + BigInt((match[2] ?? "").padEnd(6, "0")));
  }

  /** Microseconds within the second, 0…999999. */
  get microsecond(): number {
    return Number(this.epochMicros - floorDiv(this.epochMicros, microsPerSecond) * microsPerSecond);
  }

  /** A plain Date (milliseconds, the microseconds below them dropped). */
  toDate(): Date {
    return new Date(this.getTime());
  }

  /** ISO 8601 in UTC, with six fraction digits when the value has microseconds below the millisecond. */
  override toISOString(): string {
    const iso = super.toISOString();
    const belowMillis = this.microsecond % 1000;
    return belowMillis === 0 ? iso : `${iso.slice(0, -1)}${String(belowMillis).padStart(3, "0")}Z`;
  }
}

/** Microseconds since the epoch of a Date (a Timestamp's exact value). */
export function microsOfDate(date: Date): bigint {
  return date instanceof Timestamp ? date.epochMicros : BigInt(date.getTime()) * microsPerMilli;
}
