import { type DataType as ArrowType, type Data, type RecordBatch, Type } from "apache-arrow";
import { SparkConnectClientError } from "./errors.ts";
import { floorDiv, Timestamp } from "./timestamp.ts";

/** A result row: column name → value. */
export type Row = Record<string, unknown>;

export interface RowOptions {
  /** BIGINT values as `bigint` (the default, exact) or as `number` (exact only up to 2^53). */
  int64?: "bigint" | "number";
  /** DECIMAL values as exact strings (the default) or as `number`. */
  decimal?: "string" | "number";
  /** TIMESTAMP values as `Timestamp` (the default: a Date that keeps microseconds) or as plain `Date`. */
  timestamp?: "Timestamp" | "Date";
}

type Read = (index: number) => unknown;

/** Converts Arrow record batches to JS rows, column by column, with Spark's types kept faithfully. */
export function rowsOfBatch(batch: RecordBatch, options: RowOptions = {}): Row[] {
  const fields = batch.schema.fields;
  const readers = fields.map((_, i) => {
    const vector = batch.getChildAt(i);
    const data = vector?.data[0];
    return data === undefined ? () => null : readerFor(data, options);
  });
  const rows: Row[] = new Array(batch.numRows);
  const names = fields.map((f) => f.name);
  for (let r = 0; r < batch.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = (readers[c] as Read)(r);
    rows[r] = row;
  }
  return rows;
}

function readerFor(data: Data, options: RowOptions): Read {
  const read = valueReaderFor(data, options);
  if (data.nullCount === 0) return read;
  return (i) => (data.getValid(i) ? read(i) : null);
}

function valueReaderFor(data: Data, options: RowOptions): Read {
  const type: ArrowType = data.type;
  const offset = data.offset;
  switch (type.typeId) {
    case Type.Null:
      return () => null;
    case Type.Int: {
      const values = data.values as ArrayLike<number | bigint>;
      if ((type as unknown as { bitWidth: number }).bitWidth === 64 && options.int64 === "number") {
        return (i) => Number(values[offset + i]);
      }
      return (i) => values[offset + i];
    }
    case Type.Float: {
      const values = data.values as ArrayLike<number>;
      return (i) => values[offset + i];
    }
    case Type.Timestamp: {
      const values = data.values as BigInt64Array;
      const toMicros = timeUnitToMicros((type as unknown as { unit: number }).unit);
      if (options.timestamp === "Date")
        return (i) => Timestamp.of(toMicros(values[offset + i] as bigint)).toDate();
      return (i) => new Timestamp(toMicros(values[offset + i] as bigint));
    }
    case Type.Date: {
      const values = data.values as Int32Array | BigInt64Array;
      const isDay = (type as unknown as { unit: number }).unit === 0;
      return (i) => new Date(isDay ? Number(values[offset + i]) * 86_400_000 : Number(values[offset + i]));
    }
    case Type.Decimal: {
      const words = data.values as Uint32Array;
      const { scale, bitWidth } = type as unknown as { scale: number; bitWidth: number };
      const stride = bitWidth / 32;
      return (i) => {
        const text = decimalToString(words, (offset + i) * stride, stride, scale);
        return options.decimal === "number" ? Number(text) : text;
      };
    }
    case Type.Duration: {
      const values = data.values as BigInt64Array;
      return (i) => values[offset + i];
    }
    case Type.Struct: {
      const children = (type as unknown as { children: { name: string }[] }).children;
      const readers = data.children.map((child) => readerFor(child, options));
      return (i) => {
        const value: Row = {};
        for (let c = 0; c < children.length; c++)
          value[children[c]?.name as string] = (readers[c] as Read)(offset + i);
        return value;
      };
    }
    case Type.List:
    case Type.LargeList: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const child = data.children[0] as Data;
      const read = readerFor(child, options);
      return (i) => {
        const start = Number(offsets[offset + i]);
        const end = Number(offsets[offset + i + 1]);
        const out: unknown[] = new Array(end - start);
        for (let j = start; j < end; j++) out[j - start] = read(j);
        return out;
      };
    }
    case Type.Map: {
      const offsets = data.valueOffsets as Int32Array;
      const entries = data.children[0] as Data;
      const readKey = readerFor(entries.children[0] as Data, options);
      const readValue = readerFor(entries.children[1] as Data, options);
      return (i) => {
        const map = new Map<unknown, unknown>();
        for (let j = offsets[offset + i] as number; j < (offsets[offset + i + 1] as number); j++) {
          map.set(readKey(j), readValue(j));
        }
        return map;
      };
    }
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      return (i) => {
        const index = offset + i;
        return ((bits[index >> 3] as number) & (1 << (index % 8))) !== 0;
      };
    }
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Binary:
    case Type.LargeBinary: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const bytes = data.values as Uint8Array;
      const isText = type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8;
      return (i) => {
        const slice = bytes.subarray(Number(offsets[offset + i]), Number(offsets[offset + i + 1]));
        return isText ? decoder.decode(slice) : slice.slice();
      };
    }
    case Type.Interval: {
      const values = data.values as Int32Array;
      return (i) => values[offset + i];
    }
    default:
      throw new SparkConnectClientError(
        `The result has Arrow type ${String(type)}, which this client cannot convert to JS`,
      );
  }
}

const decoder = new TextDecoder();

/** Converts a value in the Arrow TimeUnit (0 seconds, 1 ms, 2 µs, 3 ns) to microseconds, flooring nanoseconds. */
function timeUnitToMicros(unit: number): (value: bigint) => bigint {
  switch (unit) {
    case 0:
      return (value) => value * 1_000_000n;
    case 1:
      return (value) => value * 1000n;
    case 3:
      return (value) => floorDiv(value, 1000n);
    default:
      return (value) => value;
  }
}

/** A little-endian two's-complement decimal of `stride` 32-bit words, as exact decimal text. */
export function decimalToString(words: Uint32Array, start: number, stride: number, scale: number): string {
  let value = 0n;
  for (let w = stride - 1; w >= 0; w--) value = (value << 32n) | BigInt(words[start + w] as number);
  const bits = BigInt(stride * 32);
  if (value >> (bits - 1n) === 1n) value -= 1n << bits;
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
