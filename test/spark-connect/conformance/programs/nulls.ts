import { col, functions as F } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

export const nullPrograms = group("nulls", [
  {
    name: "fill-zero-is-a-long-as-in-pyspark",
    ts: (spark) => spark.table("logs").na.fill(0),
    py: `spark.table("logs").na.fill(0)`,
  },
  {
    name: "fill-a-double",
    ts: (spark) => spark.table("logs").na.fill(0.5),
    py: `spark.table("logs").na.fill(0.5)`,
  },
  {
    name: "fill-a-string",
    ts: (spark) => spark.table("logs").na.fill("unknown"),
    py: `spark.table("logs").na.fill("unknown")`,
  },
  {
    name: "fill-a-boolean",
    ts: (spark) => spark.table("logs").selectExpr("id", "latency > 100 AS slow").na.fill(false),
    py: `spark.table("logs").selectExpr("id", "latency > 100 AS slow").na.fill(False)`,
  },
  {
    name: "fill-per-column",
    ts: (spark) => spark.table("logs").na.fill({ latency: 1, service: "none", score: 9.5 }),
    py: `spark.table("logs").na.fill({"latency": 1, "service": "none", "score": 9.5})`,
  },
  {
    name: "fillna-on-a-subset",
    ts: (spark) => spark.table("logs").fillna(-1, ["latency"]),
    py: `spark.table("logs").fillna(-1, ["latency"])`,
  },
  {
    name: "drop-any",
    ts: (spark) => spark.table("logs").na.drop(),
    py: `spark.table("logs").na.drop()`,
  },
  {
    name: "drop-all-and-subset",
    ts: (spark) => spark.table("logs").dropna("all", undefined, ["latency", "bytes"]),
    py: `spark.table("logs").dropna("all", subset=["latency", "bytes"])`,
  },
  {
    name: "drop-by-threshold",
    ts: (spark) => spark.table("logs").na.drop("any", 10),
    py: `spark.table("logs").na.drop(thresh=10)`,
  },
  {
    name: "replace-values",
    ts: (spark) => spark.table("logs").na.replace({ INFO: "info", api: "API" }, ["level", "service"]),
    py: `spark.table("logs").na.replace({"INFO": "info", "api": "API"}, subset=["level", "service"])`,
  },
  {
    name: "null-safe-equality",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id"), col("service").eqNullSafe(null).alias("ns"), col("service").eq(null).alias("eq")),
    py: `spark.table("logs").select(F.col("id"), F.col("service").eqNullSafe(None).alias("ns"), (F.col("service") == None).alias("eq"))`,
  },
  {
    name: "null-ordering",
    ts: (spark) =>
      spark.table("logs").select("id", "latency").orderBy(col("latency").ascNullsLast(), col("id").desc()),
    py: `spark.table("logs").select("id", "latency").orderBy(F.col("latency").asc_nulls_last(), F.col("id").desc())`,
    ordered: true,
  },
  {
    name: "null-ordering-desc-nulls-first",
    ts: (spark) => spark.table("logs").select("id", "bytes").orderBy(col("bytes").descNullsFirst()),
    py: `spark.table("logs").select("id", "bytes").orderBy(F.col("bytes").desc_nulls_first())`,
    ordered: true,
  },
  {
    name: "is-null-filters",
    ts: (spark) =>
      spark
        .table("logs")
        .where(col("bytes").isNull().or(col("service").isNull()))
        .select("id", F.isnotnull(col("latency")).alias("has_latency")),
    py: `spark.table("logs").where(F.col("bytes").isNull() | F.col("service").isNull()).select("id", F.isnotnull(F.col("latency")).alias("has_latency"))`,
  },
  {
    name: "nulls-in-arithmetic-and-aggregates",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(F.sum(col("latency").plus(col("bytes"))).alias("s"), F.count("service").alias("n")),
    py: `spark.table("logs").groupBy("service").agg(F.sum(F.col("latency") + F.col("bytes")).alias("s"), F.count("service").alias("n"))`,
  },
]);
