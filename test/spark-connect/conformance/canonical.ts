/**
 * One canonical form for what both clients return, so a result can be compared exactly:
 * the schema as text with every nested nullability (`struct<id:bigint!,tags:array<string?>?>`),
 * values by their Spark type as JSON that loses nothing (64-bit integers and decimals as text,
 * doubles with NaN, ±Infinity and -0 spelled out, timestamps to the microsecond).
 */

import type { DataType, Row, StructType } from "../../../workloads/spark-connect/index.ts";
import { Timestamp } from "../../../workloads/spark-connect/index.ts";
import { parseDataType, simpleString } from "../../../workloads/spark-connect/types.ts";

/** Spark's JSON form of a type (PySpark's `DataType.jsonValue()`). */
type SparkJsonType =
  | string
  | { type: "array"; elementType: SparkJsonType; containsNull: boolean }
  | { type: "map"; keyType: SparkJsonType; valueType: SparkJsonType; valueContainsNull: boolean }
  | { type: "struct"; fields: { name: string; type: SparkJsonType; nullable: boolean }[] }
  | { type: "udt"; sqlType: SparkJsonType };

/** A type from Spark's JSON form, as this client's DataType. */
export function dataTypeOfSparkJson(json: SparkJsonType): DataType {
  if (typeof json === "string") {
    if (json.startsWith("interval day")) return { kind: "day_time_interval" };
    if (json.startsWith("interval year")) return { kind: "year_month_interval" };
    return parseDataType(json);
  }
  switch (json.type) {
    case "array":
      return {
        kind: "array",
        elementType: dataTypeOfSparkJson(json.elementType),
        containsNull: json.containsNull,
      };
    case "map":
      return {
        kind: "map",
        keyType: dataTypeOfSparkJson(json.keyType),
        valueType: dataTypeOfSparkJson(json.valueType),
        valueContainsNull: json.valueContainsNull,
      };
    case "struct":
      return {
        kind: "struct",
        fields: json.fields.map((f) => ({
          name: f.name,
          dataType: dataTypeOfSparkJson(f.type),
          nullable: f.nullable,
        })),
      };
    case "udt":
      return dataTypeOfSparkJson(json.sqlType);
  }
}

const nullMark = (nullable: boolean) => (nullable ? "?" : "!");

/** The type as text with the nullability of every field, element and map value (`?` nullable, `!` not). */
export function canonicalType(type: DataType): string {
  switch (type.kind) {
    case "array":
      return `array<${canonicalType(type.elementType)}${nullMark(type.containsNull)}>`;
    case "map":
      return `map<${canonicalType(type.keyType)},${canonicalType(type.valueType)}${nullMark(type.valueContainsNull)}>`;
    case "struct":
      return `struct<${type.fields.map((f) => `${f.name}:${canonicalType(f.dataType)}${nullMark(f.nullable)}`).join(",")}>`;
    default:
      return simpleString(type);
  }
}

function canonicalDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (Object.is(value, -0)) return "-0.0";
  return String(value);
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** Microseconds since the epoch as ISO 8601 with all six fraction digits. */
function isoMicros(micros: bigint): string {
  const ts = new Timestamp(micros);
  const micro = String(ts.microsecond).padStart(6, "0");
  return `${ts.toDate().toISOString().slice(0, 19)}.${micro}Z`;
}

/** A value from this client's `collect()` in canonical form. */
export function canonicalOfClient(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "byte":
    case "short":
    case "integer":
    case "long":
      return String(value);
    case "float":
    case "double":
      return canonicalDouble(value as number);
    case "date":
      return (value as Date).toISOString().slice(0, 10);
    case "timestamp":
    case "timestamp_ntz":
      return isoMicros(
        value instanceof Timestamp ? value.epochMicros : BigInt((value as Date).getTime()) * 1000n,
      );
    case "day_time_interval":
      return String(value);
    case "binary":
      return hex(value as Uint8Array);
    case "array":
      return (value as unknown[]).map((v) => canonicalOfClient(v, type.elementType));
    case "map":
      return [...(value as Map<unknown, unknown>).entries()].map(([k, v]) => [
        canonicalOfClient(k, type.keyType),
        canonicalOfClient(v, type.valueType),
      ]);
    case "struct": {
      const record = value as Record<string, unknown>;
      return type.fields.map((f) => canonicalOfClient(record[f.name], f.dataType));
    }
    default:
      return value;
  }
}

/** A value as the PySpark runner encodes it (see run_programs.py) in canonical form. */
export function canonicalOfPySpark(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "float":
    case "double":
      return canonicalDouble(Number(value));
    case "timestamp":
    case "timestamp_ntz":
      return isoMicros(BigInt(value as string));
    case "array":
      return (value as unknown[]).map((v) => canonicalOfPySpark(v, type.elementType));
    case "map":
      return (value as [unknown, unknown][]).map(([k, v]) => [
        canonicalOfPySpark(k, type.keyType),
        canonicalOfPySpark(v, type.valueType),
      ]);
    case "struct":
      return type.fields.map((f, i) => canonicalOfPySpark((value as unknown[])[i], f.dataType));
    default:
      return value;
  }
}

/** Rows of this client in canonical form: each row a list of values in schema order. */
export function canonicalRowsOfClient(rows: Row[], schema: StructType): unknown[][] {
  return rows.map((row) => schema.fields.map((f) => canonicalOfClient(row[f.name], f.dataType)));
}

export function canonicalRowsOfPySpark(rows: unknown[][], schema: StructType): unknown[][] {
  return rows.map((row) => schema.fields.map((f, i) => canonicalOfPySpark(row[i], f.dataType)));
}

export type { SparkJsonType };
