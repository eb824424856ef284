import type { MessageInitShape } from "@bufbuild/protobuf";
import { SparkConnectClientError } from "./errors.ts";
import type { DataTypeSchema, DataType as ProtoDataType } from "./gen/spark/connect/types_pb.ts";
import type { DataType, StructType } from "./types.ts";

export type ProtoDataTypeInit = MessageInitShape<typeof DataTypeSchema>;

/** The client's DataType for the protocol's. */
export function dataTypeFromProto(proto: ProtoDataType): DataType {
  const kind = proto.kind;
  switch (kind.case) {
    case "null":
    case "binary":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "string":
    case "date":
    case "timestamp":
    case "variant":
      return { kind: kind.case };
    case "timestampNtz":
      return { kind: "timestamp_ntz" };
    case "calendarInterval":
      return { kind: "calendar_interval" };
    case "yearMonthInterval":
      return { kind: "year_month_interval" };
    case "dayTimeInterval":
      return { kind: "day_time_interval" };
    case "decimal":
      return { kind: "decimal", precision: kind.value.precision ?? 10, scale: kind.value.scale ?? 0 };
    case "char":
      return { kind: "char", length: kind.value.length };
    case "varChar":
      return { kind: "varchar", length: kind.value.length };
    case "array":
      return {
        kind: "array",
        elementType: dataTypeFromProto(required(kind.value.elementType, "array element type")),
        containsNull: kind.value.containsNull,
      };
    case "map":
      return {
        kind: "map",
        keyType: dataTypeFromProto(required(kind.value.keyType, "map key type")),
        valueType: dataTypeFromProto(required(kind.value.valueType, "map value type")),
        valueContainsNull: kind.value.valueContainsNull,
      };
    case "struct":
      return {
        kind: "struct",
        fields: kind.value.fields.map((f) => ({
          name: f.name,
          dataType: dataTypeFromProto(required(f.dataType, `type of field ${f.name}`)),
          nullable: f.nullable,
          metadata: f.metadata,
        })),
      };
    case "udt":
      return dataTypeFromProto(required(kind.value.sqlType, "UDT's SQL type"));
    default:
      throw new SparkConnectClientError(
        `The server sent a data type this client does not support: ${kind.case}`,
      );
  }
}

export function structFromProto(proto: ProtoDataType | undefined): StructType {
  const type = dataTypeFromProto(required(proto, "schema"));
  if (type.kind !== "struct") throw new SparkConnectClientError(`Expected a struct schema, got ${type.kind}`);
  return type;
}

/** The protocol's DataType for the client's. */
export function dataTypeToProto(type: DataType): ProtoDataTypeInit {
  switch (type.kind) {
    case "timestamp_ntz":
      return { kind: { case: "timestampNtz", value: {} } };
    case "calendar_interval":
      return { kind: { case: "calendarInterval", value: {} } };
    case "year_month_interval":
      return { kind: { case: "yearMonthInterval", value: {} } };
    case "day_time_interval":
      return { kind: { case: "dayTimeInterval", value: {} } };
    case "decimal":
      return { kind: { case: "decimal", value: { precision: type.precision, scale: type.scale } } };
    case "char":
      return { kind: { case: "char", value: { length: type.length } } };
    case "varchar":
      return { kind: { case: "varChar", value: { length: type.length } } };
    case "array":
      return {
        kind: {
          case: "array",
          value: { elementType: dataTypeToProto(type.elementType), containsNull: type.containsNull },
        },
      };
    case "map":
      return {
        kind: {
          case: "map",
          value: {
            keyType: dataTypeToProto(type.keyType),
            valueType: dataTypeToProto(type.valueType),
            valueContainsNull: type.valueContainsNull,
          },
        },
      };
    case "struct":
      return {
        kind: {
          case: "struct",
          value: {
            fields: type.fields.map((f) => ({
              name: f.name,
              dataType: dataTypeToProto(f.dataType),
              nullable: f.nullable,
              metadata: f.metadata,
            })),
          },
        },
      };
    default:
      return { kind: { case: type.kind, value: {} } };
  }
}

function required<V>(value: V | undefined, what: string): V {
  if (value === undefined) throw new SparkConnectClientError(`The server's data type has no ${what}`);
  return value;
}
