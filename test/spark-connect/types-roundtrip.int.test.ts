import { tableFromArrays } from "apache-arrow";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
afterAll(() => spark.stop());

describe("types round-trip through Arrow both ways", () => {
  it("sends rows up and gets the same values back, nulls, unicode, extremes, DST, decimals and nesting included", async () => {
    const rows = [
      {
        i64: 2n ** 63n - 1n,
        i32: -(2 ** 31),
        f64: 1e308,
        s: "ünïcödé ✓ 🚀 日本",
        b: true,
        d: "12345678901234567890.123456",
        ts: new Date("2024-03-31T00:59:59.999Z"),
        day: new Date("2024-10-27T00:00:00Z"),
        arr: ["a", null, "c"],
        st: { x: 1, y: "p" },
        m: new Map([["k", 2n]]),
      },
      {
        i64: -(2n ** 63n),
        i32: 2 ** 31 - 1,
        f64: -0.5,
        s: "",
        b: false,
        d: "-0.000001",
        ts: new Date("2024-10-27T01:00:00.001Z"),
        day: new Date("1900-01-01T00:00:00Z"),
        arr: [],
        st: { x: null, y: null },
        m: new Map(),
      },
      {
        i64: null,
        i32: null,
        f64: null,
        s: null,
        b: null,
        d: null,
        ts: null,
        day: null,
        arr: null,
        st: null,
        m: null,
      },
    ];
    const df = spark.createDataFrame(
      rows,
      "i64 BIGINT, i32 INT, f64 DOUBLE, s STRING, b BOOLEAN, d DECIMAL(38,6), ts TIMESTAMP, day DATE, arr ARRAY<STRING>, st STRUCT<x: INT, y: STRING>, m MAP<STRING, BIGINT>",
    );
    expect(await df.collect()).toEqual(rows);
  });

  it("reads server-made values as the same query in Spark SQL describes them", async () => {
    const [row] = await (
      await spark.sql(
        "SELECT CAST('9.99' AS DECIMAL(5,2)) AS d, TIMESTAMP'2024-03-10 10:00:00 UTC' AS ts, DATE'2000-02-29' AS day, 9223372036854775807L AS big, array(map('a', named_struct('n', 1))) AS nested",
      )
    ).collect();
    expect(row).toEqual({
      d: "9.99",
      ts: new Date("2024-03-10T10:00:00Z"),
      day: new Date("2000-02-29T00:00:00Z"),
      big: 9223372036854775807n,
      nested: [new Map([["a", { n: 1 }]])],
    });
  });

  it("uploads an Arrow table as is", async () => {
    const table = tableFromArrays({ n: Int32Array.from([1, 2, 3]), x: Float64Array.from([0.5, 1.5, 2.5]) });
    const df = spark.createDataFrame(table);
    expect(await df.selectExpr("sum(n) AS n", "sum(x) AS x").collect()).toEqual([{ n: 6n, x: 4.5 }]);
  });
});
