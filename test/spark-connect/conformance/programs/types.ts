import {
  col,
  functions as F,
  lit,
  T,
  Timestamp,
  TypedValue,
} from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

const allTypesDDL =
  "b BOOLEAN, y TINYINT, sh SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, s STRING, bin BINARY, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(20,4)";

export const typePrograms = group("types", [
  {
    name: "timestamps-keep-microseconds-and-floor-before-1970",
    ts: (spark) => spark.table("instants").orderBy("id"),
    py: `spark.table("instants").orderBy("id")`,
    ordered: true,
  },
  {
    name: "timestamp-literal-keeps-microseconds",
    ts: (spark) =>
      spark
        .range(1)
        .select(
          lit(Timestamp.fromISOString("1969-12-31T23:59:59.999999Z")).alias("t"),
          lit(Timestamp.fromISOString("2024-05-06T07:08:09.000001Z")).alias("u"),
        ),
    py: `spark.range(1).select(F.lit(datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)).alias("t"), F.lit(datetime.datetime(2024, 5, 6, 7, 8, 9, 1)).alias("u"))`,
  },
  {
    name: "timestamp-arithmetic-in-microseconds",
    ts: (spark) =>
      spark
        .table("instants")
        .where("id <= 4")
        .selectExpr(
          "id",
          "ts + INTERVAL 1 MICROSECOND AS next",
          "unix_micros(ts) AS micros",
          "ntz - INTERVAL 1 MICROSECOND AS prev",
        ),
    py: `spark.table("instants").where("id <= 4").selectExpr("id", "ts + INTERVAL 1 MICROSECOND AS next", "unix_micros(ts) AS micros", "ntz - INTERVAL 1 MICROSECOND AS prev")`,
  },
  {
    name: "create-dataframe-all-types",
    ts: (spark) =>
      spark.createDataFrame(
        [
          [
            true,
            1,
            2,
            3,
            4n,
            1.5,
            2.25,
            "s",
            new Uint8Array([0, 255]),
            "2024-01-02",
            Timestamp.fromISOString("2024-01-02T03:04:05.678901Z"),
            Timestamp.fromISOString("1969-12-31T23:59:59.999999Z"),
            "123.4567",
          ],
          [null, null, null, null, null, null, null, null, null, null, null, null, null],
        ],
        allTypesDDL,
      ),
    py: `spark.createDataFrame([(True, 1, 2, 3, 4, 1.5, 2.25, "s", bytearray(b"\\x00\\xff"), datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5, 678901), datetime.datetime(1969, 12, 31, 23, 59, 59, 999999), Decimal("123.4567")), (None,) * 13], "${allTypesDDL}")`,
  },
  {
    name: "create-dataframe-numbers-in-nested-bigint",
    ts: (spark) =>
      spark.createDataFrame(
        [
          { a: [7, 8], m: new Map([["k", 9]]), s: { n: 10 } },
          { a: [null], m: new Map([["z", null]]), s: { n: null } },
        ],
        "a ARRAY<BIGINT>, m MAP<STRING, BIGINT>, s STRUCT<n: BIGINT>",
      ),
    py: `spark.createDataFrame([([7, 8], {"k": 9}, (10,)), ([None], {"z": None}, (None,))], "a ARRAY<BIGINT>, m MAP<STRING, BIGINT>, s STRUCT<n: BIGINT>")`,
  },
  {
    name: "create-dataframe-inferred-types",
    ts: (spark) =>
      spark.createDataFrame(
        [
          [1, 1.5, "x", true],
          [2, 2.5, null, false],
        ],
        ["i", "f", "s", "b"],
      ),
    py: `spark.createDataFrame([(1, 1.5, "x", True), (2, 2.5, None, False)], ["i", "f", "s", "b"])`,
  },
  {
    name: "create-dataframe-nested-inferred",
    ts: (spark) =>
      spark.createDataFrame(
        [
          [[1, 2], "a"],
          [[3], "b"],
        ],
        ["xs", "k"],
      ),
    py: `spark.createDataFrame([([1, 2], "a"), ([3], "b")], ["xs", "k"])`,
  },
  {
    name: "doubles-nan-infinity-negative-zero",
    ts: (spark) => spark.table("specials").orderBy("id"),
    py: `spark.table("specials").orderBy("id")`,
    ordered: true,
  },
  {
    name: "double-arithmetic-specials",
    ts: (spark) =>
      spark
        .table("specials")
        .selectExpr(
          "id",
          "d * 2 AS twice",
          "-d AS neg",
          "try_divide(d, 0.0D) AS by_zero_d",
          "isnan(d) AS nan",
        ),
    py: `spark.table("specials").selectExpr("id", "d * 2 AS twice", "-d AS neg", "try_divide(d, 0.0D) AS by_zero_d", "isnan(d) AS nan")`,
  },
  {
    name: "decimals-as-exact-text",
    ts: (spark) =>
      spark
        .range(1)
        .selectExpr(
          "CAST(1 AS DECIMAL(38,18)) / 3 AS q",
          "CAST(-0.5 AS DECIMAL(3,1)) AS n",
          "CAST(0 AS DECIMAL(10,10)) AS z",
          "CAST('12345678901234567890.12345678' AS DECIMAL(38,8)) AS big",
        ),
    py: `spark.range(1).selectExpr("CAST(1 AS DECIMAL(38,18)) / 3 AS q", "CAST(-0.5 AS DECIMAL(3,1)) AS n", "CAST(0 AS DECIMAL(10,10)) AS z", "CAST('12345678901234567890.12345678' AS DECIMAL(38,8)) AS big")`,
  },
  {
    name: "decimal-sum-and-avg",
    ts: (spark) =>
      spark.table("logs").groupBy("service").agg(F.sum("price").alias("total"), F.avg("price").alias("mean")),
    py: `spark.table("logs").groupBy("service").agg(F.sum("price").alias("total"), F.avg("price").alias("mean"))`,
  },
  {
    name: "day-time-interval",
    ts: (spark) =>
      spark
        .range(1)
        .selectExpr(
          "INTERVAL '1 02:03:04.000005' DAY TO SECOND AS i",
          "TIMESTAMP'2024-01-02 00:00:00' - TIMESTAMP'2024-01-01 00:00:00.5' AS diff",
        ),
    py: `spark.range(1).selectExpr("INTERVAL '1 02:03:04.000005' DAY TO SECOND AS i", "TIMESTAMP'2024-01-02 00:00:00' - TIMESTAMP'2024-01-01 00:00:00.5' AS diff")`,
  },
  {
    name: "binary-values",
    ts: (spark) =>
      spark.range(1).selectExpr("unhex('00ff10') AS b", "CAST('héllo' AS BINARY) AS c", "X'' AS empty"),
    py: `spark.range(1).selectExpr("unhex('00ff10') AS b", "CAST('héllo' AS BINARY) AS c", "X'' AS empty")`,
  },
  {
    name: "nested-structs-arrays-maps",
    ts: (spark) =>
      spark
        .range(2)
        .selectExpr(
          "named_struct('a', id, 'b', array(map('k', named_struct('x', 1.5D, 'y', CAST(NULL AS STRING))))) AS s",
        ),
    py: `spark.range(2).selectExpr("named_struct('a', id, 'b', array(map('k', named_struct('x', 1.5D, 'y', CAST(NULL AS STRING))))) AS s")`,
  },
  {
    name: "integer-extremes",
    ts: (spark) =>
      spark
        .range(1)
        .selectExpr(
          "9223372036854775807L AS mx",
          "-9223372036854775808L AS mn",
          "CAST(-2147483648 AS INT) AS i",
          "CAST(-128 AS TINYINT) AS t",
          "CAST(32767 AS SMALLINT) AS s",
        ),
    py: `spark.range(1).selectExpr("9223372036854775807L AS mx", "-9223372036854775808L AS mn", "CAST(-2147483648 AS INT) AS i", "CAST(-128 AS TINYINT) AS t", "CAST(32767 AS SMALLINT) AS s")`,
  },
  {
    name: "literals-typed-as-pyspark-types-them",
    ts: (spark) =>
      spark
        .range(1)
        .select(
          lit(1).alias("i"),
          lit(2 ** 40).alias("l"),
          lit(1.5).alias("d"),
          lit("s").alias("s"),
          lit(true).alias("b"),
          lit(null).alias("n"),
          lit(-0.0).alias("z"),
        ),
    py: `spark.range(1).select(F.lit(1).alias("i"), F.lit(2 ** 40).alias("l"), F.lit(1.5).alias("d"), F.lit("s").alias("s"), F.lit(True).alias("b"), F.lit(None).alias("n"), F.lit(-0.0).alias("z"))`,
  },
  {
    name: "array-literal",
    ts: (spark) => spark.range(1).select(lit([1, 2, 3]).alias("a"), lit(["x", "y"]).alias("s")),
    py: `spark.range(1).select(F.lit([1, 2, 3]).alias("a"), F.lit(["x", "y"]).alias("s"))`,
  },
  {
    name: "typed-literals-date-decimal-long",
    ts: (spark) =>
      spark
        .range(1)
        .select(
          lit(new TypedValue("2024-02-29", T.date())).alias("d"),
          lit(new TypedValue("3.14", T.decimal(10, 2))).alias("dec"),
          lit(7n).alias("l"),
        ),
    py: `spark.range(1).select(F.lit(datetime.date(2024, 2, 29)).alias("d"), F.lit(Decimal("3.14")).alias("dec"), F.lit(7).cast("bigint").alias("l"))`,
  },
  {
    name: "casts-between-types",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id").cast("string").alias("s"),
          col("latency").cast("double").alias("d"),
          col("score").cast("int").alias("i"),
          col("ts").cast("date").alias("day"),
          col("ts").cast("long").alias("epoch"),
          col("price").cast("decimal(12,1)").alias("p"),
        ),
    py: `spark.table("logs").select(F.col("id").cast("string").alias("s"), F.col("latency").cast("double").alias("d"), F.col("score").cast("int").alias("i"), F.col("ts").cast("date").alias("day"), F.col("ts").cast("long").alias("epoch"), F.col("price").cast("decimal(12,1)").alias("p"))`,
  },
  {
    name: "try-cast-gives-null",
    ts: (spark) =>
      spark
        .table("events")
        .select(col("id"), col("body").tryCast("int").alias("n"), col("body").tryCast(T.date()).alias("d")),
    py: `spark.table("events").select(F.col("id"), F.col("body").try_cast("int").alias("n"), F.col("body").try_cast(T.DateType()).alias("d"))`,
  },
  {
    name: "ntz-from-local-rows",
    ts: (spark) =>
      spark.createDataFrame(
        [
          [Timestamp.fromISOString("2000-01-01T00:00:00.000001Z")],
          [Timestamp.fromISOString("1960-06-30T12:00:00.5Z")],
        ],
        "t TIMESTAMP_NTZ",
      ),
    py: `spark.createDataFrame([(datetime.datetime(2000, 1, 1, 0, 0, 0, 1),), (datetime.datetime(1960, 6, 30, 12, 0, 0, 500000),)], "t TIMESTAMP_NTZ")`,
  },
  {
    name: "dates-around-the-epoch-and-leap-days",
    ts: (spark) =>
      spark
        .table("instants")
        .where("id < 6")
        .selectExpr("id", "d", "date_add(d, 1) AS next", "dayofyear(d) AS doy"),
    py: `spark.table("instants").where("id < 6").selectExpr("id", "d", "date_add(d, 1) AS next", "dayofyear(d) AS doy")`,
  },
]);
