import {
  DataType as ArrowDataType,
  Table as ArrowTable,
  type DataType as ArrowType,
  makeData,
  makeVector,
  type Table,
  tableToIPC,
  type Vector,
  vectorFromArray,
} from "apache-arrow";
import { arrowSchemaOf, arrowTypeOf } from "./arrow.ts";
import { SparkConnectClientError } from "./errors.ts";
import { microsOfDate } from "./timestamp.ts";
import type { DataType, StructField, StructType } from "./types.ts";

/** Local rows as objects keyed by column name, or as arrays in schema order. */
export type LocalRows = readonly (Record<string, unknown> | readonly unknown[])[];

/** The Arrow IPC stream Spark reads from a LocalRelation. */
export function toIpc(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}

/**
 * The table with dictionary-encoded columns decoded to their value type, which Spark reads
 * (apache-arrow's tableFromArrays dictionary-encodes strings; Spark has no dictionary type).
 */
export function withoutDictionaries(table: Table): Table {
  if (!table.schema.fields.some((f) => ArrowDataType.isDictionary(f.type))) return table;
  const columns = Object.fromEntries(
    table.schema.fields.map((field, index) => {
      const vector = table.getChildAt(index) as Vector;
      return [
        field.name,
        ArrowDataType.isDictionary(field.type) ? decodeDictionary(vector, field.type.dictionary) : vector,
      ];
    }),
  );
  return new ArrowTable(columns);
}

/** Local rows as an Arrow table of the given Spark schema (Spark's own Arrow types). */
export function tableOfRows(rows: LocalRows, schema: StructType): Table {
  const arrowSchema = arrowSchemaOf(schema);
  const columns = schema.fields.map((field, index) => {
    const values = rows.map((row) =>
      Array.isArray(row) ? row[index] : (row as Record<string, unknown>)[field.name],
    );
    return vectorOf(values, field);
  });
  const byName = Object.fromEntries(schema.fields.map((f, i) => [f.name, columns[i] as Vector]));
  const table = new ArrowTable(byName);
  return new ArrowTable(arrowSchema, table.batches);
}

/** Infers a schema from the rows as PySpark does: integers BIGINT, other numbers DOUBLE, Dates TIMESTAMP. */
export function inferSchema(rows: LocalRows, names?: readonly string[]): StructType {
  const first = rows[0];
  if (first === undefined && names === undefined) {
    throw new SparkConnectClientError(
      "createDataFrame needs a schema when there are no rows to infer it from",
    );
  }
  const columnNames =
    names ?? (Array.isArray(first) ? first.map((_, i) => `_${i + 1}`) : Object.keys(first ?? {}));
  const fields: StructField[] = columnNames.map((name, index) => {
    const values = rows.map((row) =>
      Array.isArray(row) ? row[index] : (row as Record<string, unknown>)[name],
    );
    return { name, dataType: inferType(values, name), nullable: true };
  });
  return { kind: "struct", fields };
}

function inferType(values: readonly unknown[], name: string): DataType {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (sample === undefined) return { kind: "null" };
  switch (typeof sample) {
    case "boolean":
      return { kind: "boolean" };
    case "string":
      return { kind: "string" };
    case "bigint":
      return { kind: "long" };
    case "number":
      return values.every((v) => v === null || v === undefined || Number.isInteger(v))
        ? { kind: "long" }
        : { kind: "double" };
    default:
      break;
  }
  if (sample instanceof Date) return { kind: "timestamp" };
  if (sample instanceof Uint8Array) return { kind: "binary" };
  if (Array.isArray(sample)) {
    const elements = values.flatMap((v) => (Array.isArray(v) ? v : []));
    return { kind: "array", elementType: inferType(elements, name), containsNull: true };
  }
  if (sample instanceof Map) {
    const entries = values.flatMap((v) => (v instanceof Map ? [...v.entries()] : []));
    return {
      kind: "map",
      keyType: inferType(
        entries.map(([k]) => k),
        name,
      ),
      valueType: inferType(
        entries.map(([, v]) => v),
        name,
      ),
      valueContainsNull: true,
    };
  }
  if (typeof sample === "object") {
    const objects = values.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object");
    return inferSchema(objects);
  }
  throw new SparkConnectClientError(`Cannot infer a Spark type for column "${name}" from ${typeof sample}`);
}

function vectorOf(values: unknown[], field: StructField): Vector {
  const type = arrowTypeOf(field.dataType);
  const length = values.length;
  const { nullBitmap, nullCount } = validityOf(values);
  const fixed = (data: ArrayLike<number> | ArrayLike<bigint>) =>
    makeVector(makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never }));
  switch (field.dataType.kind) {
    case "long":
      return fixed(
        fill(new BigInt64Array(length), values, (v) => (typeof v === "bigint" ? v : BigInt(v as number))),
      );
    case "integer":
      return fixed(fill(new Int32Array(length), values, Number));
    case "short":
      return fixed(fill(new Int16Array(length), values, Number));
    case "byte":
      return fixed(fill(new Int8Array(length), values, Number));
    case "double":
      return fixed(fill(new Float64Array(length), values, Number));
    case "float":
      return fixed(fill(new Float32Array(length), values, Number));
    case "timestamp":
    case "timestamp_ntz":
      return fixed(fill(new BigInt64Array(length), values, (v) => toMicros(v, field.name)));
    case "date":
      return fixed(fill(new Int32Array(length), values, (v) => toEpochDay(v, field.name)));
    case "decimal": {
      const words = new Uint32Array(length * 4);
      values.forEach((v, i) => {
        if (v !== null && v !== undefined) writeDecimal(words, i * 4, String(v), field.dataType, field.name);
      });
      return fixed(words);
    }
    case "string":
    case "char":
    case "varchar": {
      const { offsets, bytes } = utf8Of(values);
      return makeVector(
        makeData({ type: type as never, length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes }),
      );
    }
    case "boolean": {
      const bits = new Uint8Array(Math.ceil(length / 8));
      for (let i = 0; i < length; i++)
        if (values[i] === true) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i % 8));
      return fixed(bits);
    }
    default:
      return vectorFromArray(
        values.map((v) => nestedValue(v, field.dataType, field.name)),
        type as ArrowType,
      ) as Vector;
  }
}

/**
 * A value inside an ARRAY, MAP or STRUCT in the form apache-arrow's builders take: BIGINT as
 * bigint (a JS number is accepted, as at the top level), timestamps as epoch milliseconds,
 * undefined as null.
 */
function nestedValue(value: unknown, type: DataType, name: string): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "long":
      if (typeof value === "bigint") return value;
      if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
      throw new SparkConnectClientError(
        `Column "${name}": ${String(value)} is not a whole number, so not a BIGINT; pass an integer or a bigint`,
      );
    case "array":
      return Array.isArray(value) ? value.map((v) => nestedValue(v, type.elementType, name)) : value;
    case "map": {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      return new Map(
        entries.map(([k, v]) => [nestedValue(k, type.keyType, name), nestedValue(v, type.valueType, name)]),
      );
    }
    case "struct": {
      const record = value as Record<string, unknown>;
      return Object.fromEntries(
        type.fields.map((f) => [f.name, nestedValue(record[f.name], f.dataType, `${name}.${f.name}`)]),
      );
    }
    default:
      return value;
  }
}

/** A dictionary-encoded column as plain values of its value type (strings built directly as Utf8). */
function decodeDictionary(vector: Vector, valueType: ArrowType): Vector {
  const values = [...vector];
  if (!ArrowDataType.isUtf8(valueType)) return vectorFromArray(values, valueType) as Vector;
  const { nullBitmap, nullCount } = validityOf(values);
  const { offsets, bytes } = utf8Of(values);
  return makeVector(
    makeData({
      type: valueType,
      length: values.length,
      nullCount,
      nullBitmap,
      valueOffsets: offsets,
      data: bytes,
    }),
  );
}

/** Fills a typed array from the values, leaving nulls as zeros (the validity bitmap marks them). */
function fill<A extends { [index: number]: V }, V>(
  target: A,
  values: unknown[],
  convert: (value: unknown) => V,
): A {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && value !== undefined) target[i] = convert(value);
  }
  return target;
}

function validityOf(values: unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i % 8));
  }
  return { nullBitmap: nullCount === 0 ? undefined : bitmap, nullCount };
}

const encoder = new TextEncoder();

/** Arrow's Utf8 layout (offsets + bytes) of the values, nulls as empty slots. */
function utf8Of(values: unknown[]): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = new Int32Array(values.length + 1);
  let bytes = new Uint8Array(Math.max(1024, values.length * 16));
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && value !== undefined) {
      const text = String(value);
      if (position + text.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, position + text.length * 3));
        grown.set(bytes.subarray(0, position));
        bytes = grown;
      }
      position += encoder.encodeInto(text, bytes.subarray(position)).written;
    }
    offsets[i + 1] = position;
  }
  return { offsets, bytes: bytes.subarray(0, position) };
}

function toMicros(value: unknown, name: string): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  const date = value instanceof Date ? value : new Date(value as string | number);
  if (Number.isNaN(date.getTime())) {
    throw new SparkConnectClientError(`Column "${name}": ${String(value)} is not a timestamp`);
  }
  return microsOfDate(date);
}

function toEpochDay(value: unknown, name: string): number {
  if (value === null || value === undefined) return 0;
  const text = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const date = text instanceof Date ? text : new Date(text as string | number);
  if (Number.isNaN(date.getTime()))
    throw new SparkConnectClientError(`Column "${name}": ${String(value)} is not a date`);
  return Math.floor(date.getTime() / 86_400_000);
}

/** Writes a decimal string as a 128-bit little-endian two's-complement integer scaled by the type's scale. */
function writeDecimal(words: Uint32Array, at: number, text: string, type: DataType, name: string): void {
  const scale = type.kind === "decimal" ? type.scale : 0;
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) {
    throw new SparkConnectClientError(`Column "${name}": "${text}" is not a decimal number`);
  }
  const fraction = (match[3] ?? "").padEnd(scale, "0");
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) {
    throw new SparkConnectClientError(`Column "${name}": "${text}" has more than ${scale} decimal places`);
  }
  let value = BigInt(`${match[2] || "0"}${fraction.slice(0, scale)}`);
  if (match[1] === "-") value = -value;
  let bits = BigInt.asUintN(128, value);
  for (let w = 0; w < 4; w++) {
    words[at + w] = Number(bits & 0xffffffffn);
    bits >>= 32n;
  }
}
