import type { MessageInitShape } from "@bufbuild/protobuf";
import { SparkConnectClientError } from "./errors.ts";
import type { Expression_Literal, Expression_LiteralSchema } from "./gen/spark/connect/expressions_pb.ts";
import { microsOfDate, Timestamp } from "./timestamp.ts";
import type { DataType } from "./types.ts";
import { dataTypeToProto, type ProtoDataTypeInit } from "./types-proto.ts";

export type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** A JS value with an explicit Spark type, for literals JS cannot tell apart (dates, decimals, longs…). */
export class TypedValue {
  constructor(
    readonly value: unknown,
    readonly dataType: DataType,
  ) {}
}

const int32Min = -(2 ** 31);
const int32Max = 2 ** 31 - 1;
const microsPerDay = 86_400_000_000n;

/**
 * The protocol literal for a JS value, typed as PySpark types Python values: integers that fit
 * 32 bits are INT, larger ones BIGINT, other numbers DOUBLE, bigint BIGINT, Date TIMESTAMP,
 * Uint8Array BINARY, arrays ARRAY, Map and plain objects MAP.
 */
export function literalOf(value: unknown): LiteralInit {
  if (value instanceof TypedValue) return typedLiteral(value.value, value.dataType);
  if (value === null || value === undefined)
    return { literalType: { case: "null", value: { kind: { case: "null", value: {} } } } };
  switch (typeof value) {
    case "boolean":
      return { literalType: { case: "boolean", value } };
    case "string":
      return { literalType: { case: "string", value } };
    case "bigint":
      return { literalType: { case: "long", value } };
    case "number":
      // -0 can only have been written as a float (-0.0), which PySpark types DOUBLE.
      if (Object.is(value, -0)) return { literalType: { case: "double", value } };
      if (Number.isInteger(value) && value >= int32Min && value <= int32Max) {
        return { literalType: { case: "integer", value } };
      }
      if (Number.isSafeInteger(value)) return { literalType: { case: "long", value: BigInt(value) } };
      return { literalType: { case: "double", value } };
    default:
      break;
  }
  if (value instanceof Date) return { literalType: { case: "timestamp", value: microsOfDate(value) } };
  if (value instanceof Uint8Array) return { literalType: { case: "binary", value } };
  if (Array.isArray(value)) return arrayLiteral(value);
  if (value instanceof Map) return mapLiteral([...value.entries()]);
  if (typeof value === "object") return mapLiteral(Object.entries(value as Record<string, unknown>));
  throw new SparkConnectClientError(`Cannot make a Spark literal of ${typeof value} ${String(value)}`);
}

/** An array literal with its element type (the server needs it), numbers widened to one type. */
function arrayLiteral(items: unknown[]): LiteralInit {
  const elementType = commonTypeOf(items.map(literalOf));
  const widenTo =
    elementType.kind?.case === "double" ? "double" : elementType.kind?.case === "long" ? "long" : undefined;
  const elements = items.map((v) => (widenTo ? typedLiteral(v, { kind: widenTo }) : literalOf(v)));
  return {
    literalType: { case: "array", value: { elementType, elements } },
    dataType: { kind: { case: "array", value: { elementType, containsNull: true } } },
  };
}

function mapLiteral(entries: [unknown, unknown][]): LiteralInit {
  const keys = entries.map(([k]) => literalOf(k));
  const values = entries.map(([, v]) => literalOf(v));
  return {
    literalType: {
      case: "map",
      value: { keyType: commonTypeOf(keys), valueType: commonTypeOf(values), keys, values },
    },
    dataType: {
      kind: {
        case: "map",
        value: { keyType: commonTypeOf(keys), valueType: commonTypeOf(values), valueContainsNull: true },
      },
    },
  };
}

/** The Spark type of a literal made by literalOf (collections carry theirs in `dataType`). */
function typeOfLiteral(literal: LiteralInit): ProtoDataTypeInit {
  const kind = literal.literalType;
  switch (kind?.case) {
    case undefined:
    case "null":
      return { kind: { case: "null", value: {} } };
    case "array":
    case "map":
      return literal.dataType ?? { kind: { case: "null", value: {} } };
    case "decimal":
      return {
        kind: { case: "decimal", value: { precision: kind.value.precision, scale: kind.value.scale } },
      };
    case "boolean":
    case "string":
    case "integer":
    case "long":
    case "double":
    case "binary":
    case "timestamp":
      return { kind: { case: kind.case, value: {} } };
    default:
      throw new SparkConnectClientError(`Cannot infer an element type from a ${kind?.case} literal`);
  }
}

/** The element type of a collection literal: the first non-null element's (INT widened to BIGINT/DOUBLE when mixed). */
function commonTypeOf(literals: LiteralInit[]): ProtoDataTypeInit {
  const types = literals.map(typeOfLiteral).filter((t) => t.kind?.case !== "null");
  const cases = new Set(types.map((t) => t.kind?.case));
  if (cases.has("double") && [...cases].every((c) => c === "double" || c === "integer" || c === "long")) {
    return { kind: { case: "double", value: {} } };
  }
  if (cases.has("long") && [...cases].every((c) => c === "integer" || c === "long")) {
    return { kind: { case: "long", value: {} } };
  }
  return types[0] ?? { kind: { case: "null", value: {} } };
}

/** The literal of `value` as the given Spark type. */
export function typedLiteral(value: unknown, type: DataType): LiteralInit {
  if (value === null || value === undefined) {
    return { literalType: { case: "null", value: dataTypeToProto(type) } };
  }
  const fail = (): never => {
    throw new SparkConnectClientError(
      `Cannot make a ${type.kind} literal of ${typeof value} ${String(value)}`,
    );
  };
  switch (type.kind) {
    case "boolean":
      return { literalType: { case: "boolean", value: Boolean(value) } };
    case "byte":
    case "short":
    case "integer":
      return { literalType: { case: type.kind, value: Number(value) } };
    case "long":
      return { literalType: { case: "long", value: BigInt(value as number | bigint | string) } };
    case "float":
    case "double":
      return { literalType: { case: type.kind, value: Number(value) } };
    case "string":
      return { literalType: { case: "string", value: String(value) } };
    case "binary":
      return value instanceof Uint8Array ? { literalType: { case: "binary", value } } : fail();
    case "decimal":
      return {
        literalType: {
          case: "decimal",
          value: { value: String(value), precision: type.precision, scale: type.scale },
        },
      };
    case "date":
      return { literalType: { case: "date", value: toEpochDay(value) ?? fail() } };
    case "timestamp":
    case "timestamp_ntz": {
      const micros = toMicros(value) ?? fail();
      return {
        literalType: { case: type.kind === "timestamp" ? "timestamp" : "timestampNtz", value: micros },
      };
    }
    case "array":
      return Array.isArray(value)
        ? {
            literalType: {
              case: "array",
              value: {
                elementType: dataTypeToProto(type.elementType),
                elements: value.map((v) => typedLiteral(v, type.elementType)),
              },
            },
          }
        : fail();
    case "map": {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      return {
        literalType: {
          case: "map",
          value: {
            keyType: dataTypeToProto(type.keyType),
            valueType: dataTypeToProto(type.valueType),
            keys: entries.map(([k]) => typedLiteral(k, type.keyType)),
            values: entries.map(([, v]) => typedLiteral(v, type.valueType)),
          },
        },
      };
    }
    case "struct": {
      const record = value as Record<string, unknown>;
      return {
        literalType: {
          case: "struct",
          value: {
            structType: dataTypeToProto(type),
            elements: type.fields.map((f) => typedLiteral(record[f.name], f.dataType)),
          },
        },
      };
    }
    default:
      return fail();
  }
}

/** Microseconds since the epoch for a Date, an ISO string, or a bigint already in microseconds. */
function toMicros(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (value instanceof Date) return microsOfDate(value);
  if (typeof value === "string" || typeof value === "number") {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : microsOfDate(date);
  }
  return undefined;
}

/** Days since 1970-01-01 for a Date (its UTC day) or a `YYYY-MM-DD` string. */
function toEpochDay(value: unknown): number | undefined {
  const micros = toMicros(
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value,
  );
  if (micros === undefined) return undefined;
  const days = micros / microsPerDay;
  return Number(micros < 0n && micros % microsPerDay !== 0n ? days - 1n : days);
}

/** The JS value of a protocol literal, typed as `collect()` types values (observed metrics come this way). */
export function valueOfLiteral(literal: Expression_Literal): unknown {
  const kind = literal.literalType;
  switch (kind.case) {
    case undefined:
    case "null":
      return null;
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "string":
    case "binary":
      return kind.value;
    case "decimal":
      return kind.value.value;
    case "date":
      return new Date(kind.value * 86_400_000);
    case "timestamp":
    case "timestampNtz":
      return new Timestamp(kind.value);
    case "dayTimeInterval":
      return kind.value;
    case "array":
      return kind.value.elements.map(valueOfLiteral);
    case "map":
      return new Map(
        kind.value.keys.map((k, i) => [
          valueOfLiteral(k),
          valueOfLiteral(kind.value.values[i] as Expression_Literal),
        ]),
      );
    case "struct": {
      const fields =
        kind.value.structType?.kind.case === "struct" ? kind.value.structType.kind.value.fields : [];
      return Object.fromEntries(
        kind.value.elements.map((e, i) => [fields[i]?.name ?? `_${i + 1}`, valueOfLiteral(e)]),
      );
    }
    default:
      throw new SparkConnectClientError(
        `Cannot convert a ${kind.case} literal from the server to a JS value`,
      );
  }
}
