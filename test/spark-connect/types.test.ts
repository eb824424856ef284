import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { SparkConnectClientError } from "../../workloads/spark-connect/errors.ts";
import { DataTypeSchema } from "../../workloads/spark-connect/gen/spark/connect/types_pb.ts";
import {
  parseDataType,
  parseDDL,
  simpleString,
  T,
  toDDL,
  treeString,
} from "../../workloads/spark-connect/types.ts";
import { dataTypeFromProto, dataTypeToProto } from "../../workloads/spark-connect/types-proto.ts";

describe("DDL schemas", () => {
  it("parses the stream job's kind of schema", () => {
    expect(parseDDL("ts TIMESTAMP, service STRING, latency_ms BIGINT NOT NULL, tags ARRAY<STRING>")).toEqual(
      T.struct([
        T.field("ts", T.timestamp()),
        T.field("service", T.string()),
        T.field("latency_ms", T.long(), false),
        T.field("tags", T.array(T.string())),
      ]),
    );
  });

  it("parses nested, decimal, quoted and colon-separated fields", () => {
    const schema = parseDDL(
      "`odd name` DECIMAL(12, 3), m MAP<STRING, INT>, s STRUCT<a: INT, b: ARRAY<DATE>> COMMENT 'x'",
    );
    expect(schema.fields.map((f) => [f.name, simpleString(f.dataType)])).toEqual([
      ["odd name", "decimal(12,3)"],
      ["m", "map<string,int>"],
      ["s", "struct<a:int,b:array<date>>"],
    ]);
    expect(parseDataType("array<struct<x:bigint>>")).toEqual(T.array(T.struct([T.field("x", T.long())])));
  });

  it("writes DDL that parses back to the same schema", () => {
    const schema = parseDDL("`a b` BIGINT NOT NULL, c MAP<STRING,ARRAY<DOUBLE>>, d TIMESTAMP_NTZ");
    expect(parseDDL(toDDL(schema))).toEqual(schema);
  });

  it("rejects an unknown type with its position", () => {
    expect(() => parseDDL("a STRNG")).toThrow(SparkConnectClientError);
    expect(() => parseDDL("a STRNG")).toThrow(/unknown data type "strng"/);
    expect(() => parseDDL("a INT,")).toThrow(/expected a name/);
  });

  it("prints PySpark's schema tree", () => {
    expect(treeString(parseDDL("id BIGINT NOT NULL, tags ARRAY<STRING>, m MAP<STRING,INT>"))).toBe(
      [
        "root",
        " |-- id: long (nullable = false)",
        " |-- tags: array (nullable = true)",
        " |    |-- element: string (containsNull = true)",
        " |-- m: map (nullable = true)",
        " |    |-- key: string",
        " |    |-- value: integer (valueContainsNull = true)",
        "",
      ].join("\n"),
    );
  });

  it("maps every type to the protocol and back", () => {
    const schema = parseDDL(
      "a BOOLEAN, b TINYINT, c SMALLINT, d INT, e BIGINT, f FLOAT, g DOUBLE, h STRING, i BINARY, j DATE, k TIMESTAMP, l TIMESTAMP_NTZ, m DECIMAL(20,4), n ARRAY<INT>, o MAP<STRING,BIGINT>, p STRUCT<q: STRING>, r CHAR(3), s VARCHAR(9)",
    );
    const roundTripped = dataTypeFromProto(create(DataTypeSchema, dataTypeToProto(schema)));
    expect(roundTripped).toEqual({
      ...schema,
      fields: schema.fields.map((f) => ({ ...f, metadata: undefined })),
    });
  });
});
