import { tableFromArrays, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { arrowSchemaOf, sparkStructOf } from "../../workloads/spark-connect/arrow.ts";
import {
  inferSchema,
  tableOfRows,
  toIpc,
  withoutDictionaries,
} from "../../workloads/spark-connect/local-data.ts";
import { decimalToString, rowsOfBatch } from "../../workloads/spark-connect/rows.ts";
import { Timestamp } from "../../workloads/spark-connect/timestamp.ts";
import { parseDDL, T } from "../../workloads/spark-connect/types.ts";

function roundTrip(rows: Record<string, unknown>[], ddl: string, options = {}) {
  const table = tableFromIPC(toIpc(tableOfRows(rows, parseDDL(ddl))));
  return table.batches.flatMap((batch) => rowsOfBatch(batch, options));
}

describe("Arrow encoding and decoding of rows", () => {
  it("keeps int64 extremes exact as bigint, or gives numbers when asked", () => {
    const rows = [{ v: -(2n ** 63n) }, { v: 2n ** 63n - 1n }, { v: null }];
    expect(roundTrip(rows, "v BIGINT")).toEqual(rows);
    expect(roundTrip([{ v: 42 }], "v BIGINT", { int64: "number" })).toEqual([{ v: 42 }]);
  });

  it("keeps timestamps (microseconds, UTC) and dates across a DST change", () => {
    const rows = [
      { ts: new Date("2024-03-31T00:59:59.999Z"), d: new Date("2024-03-31T00:00:00Z") },
      { ts: new Date("2024-03-31T01:00:00.001Z"), d: new Date("1969-12-31T00:00:00Z") },
      { ts: null, d: null },
    ];
    expect(roundTrip(rows, "ts TIMESTAMP, d DATE")).toEqual(rows);
  });

  it("keeps microseconds of timestamps and floors instants before 1970", () => {
    const micros = [-1n, -1_000_001n, 1_700_000_000_123_456n, -62_135_596_800_000_000n];
    const rows = roundTrip(
      micros.map((m) => ({ ts: new Timestamp(m) })),
      "ts TIMESTAMP",
    );
    expect(rows.map((r) => (r.ts as Timestamp).epochMicros)).toEqual(micros);
    const lastMicroOf1969 = rows[0]?.ts as Timestamp;
    expect(lastMicroOf1969.toISOString()).toBe("1969-12-31T23:59:59.999999Z");
    expect(lastMicroOf1969.microsecond).toBe(999_999);
    expect(
      roundTrip([{ ts: new Timestamp(-1n) }], "ts TIMESTAMP", { timestamp: "Date" })[0]?.ts,
    ).toStrictEqual(new Date("1969-12-31T23:59:59.999Z"));
  });

  it("accepts JS numbers wherever a BIGINT is nested, and refuses fractions naming the column", () => {
    const rows = [{ a: [7, 8n], m: new Map([["k", 9]]), s: { n: 10 } }];
    expect(roundTrip(rows, "a ARRAY<BIGINT>, m MAP<STRING, BIGINT>, s STRUCT<n: BIGINT>")).toEqual([
      { a: [7n, 8n], m: new Map([["k", 9n]]), s: { n: 10n } },
    ]);
    expect(() => roundTrip([{ s: { n: 1.5 } }], "s STRUCT<n: BIGINT>")).toThrow(
      /Column "s.n": 1.5 is not a whole number/,
    );
  });

  it("keeps decimals exact, negative ones and high precision included", () => {
    const rows = [{ x: "12345678901234567890.1234" }, { x: "-0.0001" }, { x: "0.0000" }, { x: null }];
    expect(roundTrip(rows, "x DECIMAL(38,4)")).toEqual(rows);
    expect(roundTrip([{ x: "1.5" }], "x DECIMAL(10,2)")).toEqual([{ x: "1.50" }]);
    expect(() => roundTrip([{ x: "1.555" }], "x DECIMAL(10,2)")).toThrow(/more than 2 decimal places/);
  });

  it("keeps unicode strings, booleans, doubles and binary", () => {
    const rows = [
      { s: "héllo ✓ 🚀", b: true, f: 1.5, bin: new Uint8Array([0, 255]) },
      { s: "", b: false, f: Number.NEGATIVE_INFINITY, bin: null },
    ];
    expect(roundTrip(rows, "s STRING, b BOOLEAN, f DOUBLE, bin BINARY")).toEqual(rows);
  });

  it("keeps nested arrays, structs and maps", () => {
    const rows = [
      { a: [1, null, 3], s: { x: "p", y: 2 }, m: new Map([["k", 1]]) },
      { a: [], s: null, m: new Map() },
    ];
    expect(roundTrip(rows, "a ARRAY<INT>, s STRUCT<x: STRING, y: INT>, m MAP<STRING, INT>")).toEqual(rows);
  });

  it("infers schemas as PySpark does", () => {
    expect(inferSchema([{ i: 1, f: 1.5, s: "x", t: new Date(0), l: [1], o: { a: true } }])).toEqual(
      T.struct([
        T.field("i", T.long()),
        T.field("f", T.double()),
        T.field("s", T.string()),
        T.field("t", T.timestamp()),
        T.field("l", T.array(T.long())),
        T.field("o", T.struct([T.field("a", T.boolean())])),
      ]),
    );
  });

  it("maps Spark types to Spark's Arrow types and back", () => {
    const schema = parseDDL(
      "a BIGINT, b TIMESTAMP, c TIMESTAMP_NTZ, d DECIMAL(9,2), e ARRAY<STRING>, f MAP<STRING,INT>",
    );
    expect(sparkStructOf(arrowSchemaOf(schema).fields)).toEqual(schema);
  });

  it("formats two's-complement decimals", () => {
    expect(decimalToString(new Uint32Array([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]), 0, 4, 2)).toBe(
      "-0.01",
    );
    expect(decimalToString(new Uint32Array([12345, 0, 0, 0]), 0, 4, 0)).toBe("12345");
  });
});

describe("Arrow tables from apache-arrow helpers", () => {
  it("decodes dictionary-encoded columns, which Spark cannot read", () => {
    const table = withoutDictionaries(tableFromArrays({ s: ["a", "b", "a"], n: Int32Array.from([1, 2, 3]) }));
    expect(sparkStructOf(table.schema.fields).fields.map((f) => [f.name, f.dataType.kind])).toEqual([
      ["s", "string"],
      ["n", "integer"],
    ]);
    expect(table.batches.flatMap((b) => rowsOfBatch(b))).toEqual([
      { s: "a", n: 1 },
      { s: "b", n: 2 },
      { s: "a", n: 3 },
    ]);
  });
});
