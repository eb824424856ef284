import {
  type DataType as ArrowType,
  Binary,
  Bool,
  DateDay,
  Decimal,
  Duration,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  Map_,
  Null,
  type RecordBatch,
  RecordBatchReader,
  Schema,
  Struct,
  Table,
  Timestamp,
  TimeUnit,
  Type,
  Utf8,
} from "apache-arrow";
import { SparkConnectClientError } from "./errors.ts";
import type { DataType, StructType } from "./types.ts";

/** The record batches of one `ArrowBatch` response (a complete Arrow IPC stream). */
export function batchesOfIpc(data: Uint8Array): RecordBatch[] {
  return RecordBatchReader.from(data).readAll();
}

/** An empty table with the Arrow form of a Spark schema (a result with no rows still has columns). */
export function emptyTable(schema: StructType): Table {
  return new Table(arrowSchemaOf(schema));
}

export function arrowSchemaOf(schema: StructType): Schema {
  return new Schema(schema.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType), f.nullable)));
}

/** The Arrow type Spark uses for a Spark type (Spark's ArrowUtils.toArrowType). */
export function arrowTypeOf(type: DataType): ArrowType {
  switch (type.kind) {
    case "null":
      return new Null();
    case "boolean":
      return new Bool();
    case "byte":
      return new Int8();
    case "short":
      return new Int16();
    case "integer":
      return new Int32();
    case "long":
      return new Int64();
    case "float":
      return new Float32();
    case "double":
      return new Float64();
    case "string":
    case "char":
    case "varchar":
      return new Utf8();
    case "binary":
      return new Binary();
    case "date":
      return new DateDay();
    case "timestamp":
      return new Timestamp(TimeUnit.MICROSECOND, "UTC");
    case "timestamp_ntz":
      return new Timestamp(TimeUnit.MICROSECOND);
    case "decimal":
      return new Decimal(type.scale, type.precision, 128);
    case "day_time_interval":
      return new Duration(TimeUnit.MICROSECOND);
    case "array":
      return new List(new Field("element", arrowTypeOf(type.elementType), type.containsNull));
    case "map":
      return new Map_(
        new Field(
          "entries",
          new Struct([
            new Field("key", arrowTypeOf(type.keyType), false),
            new Field("value", arrowTypeOf(type.valueType), type.valueContainsNull),
          ] as Field[]) as never,
          false,
        ),
      );
    case "struct":
      return new Struct(type.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType), f.nullable)));
    default:
      throw new SparkConnectClientError(`Spark type ${type.kind} has no Arrow form in this client`);
  }
}

/** The Spark type for an Arrow type, for `createDataFrame(arrowTable)` without an explicit schema. */
export function sparkTypeOf(type: ArrowType): DataType {
  switch (type.typeId) {
    case Type.Null:
      return { kind: "null" };
    case Type.Bool:
      return { kind: "boolean" };
    case Type.Int: {
      const bitWidth: number = (type as unknown as { bitWidth: number }).bitWidth;
      return {
        kind: bitWidth === 8 ? "byte" : bitWidth === 16 ? "short" : bitWidth === 32 ? "integer" : "long",
      };
    }
    case Type.Float:
      return { kind: (type as Float32).precision === 1 ? "float" : "double" };
    case Type.Utf8:
    case Type.LargeUtf8:
      return { kind: "string" };
    case Type.Binary:
    case Type.LargeBinary:
      return { kind: "binary" };
    case Type.Date:
      return { kind: "date" };
    case Type.Timestamp:
      return { kind: (type as Timestamp).timezone ? "timestamp" : "timestamp_ntz" };
    case Type.Decimal:
      return { kind: "decimal", precision: (type as Decimal).precision, scale: (type as Decimal).scale };
    case Type.List: {
      const child = (type as List).children[0] as Field;
      return { kind: "array", elementType: sparkTypeOf(child.type), containsNull: child.nullable };
    }
    case Type.Map: {
      const [key, value] = ((type as Map_).children[0] as Field<Struct>).type.children as [Field, Field];
      return {
        kind: "map",
        keyType: sparkTypeOf(key.type),
        valueType: sparkTypeOf(value.type),
        valueContainsNull: value.nullable,
      };
    }
    case Type.Struct:
      return sparkStructOf((type as Struct).children);
    default:
      throw new SparkConnectClientError(`Arrow type ${String(type)} has no Spark type in this client`);
  }
}

export function sparkStructOf(fields: readonly Field[]): StructType {
  return {
    kind: "struct",
    fields: fields.map((f) => ({ name: f.name, dataType: sparkTypeOf(f.type), nullable: f.nullable })),
  };
}
