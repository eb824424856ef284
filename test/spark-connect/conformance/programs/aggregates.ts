import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

export const aggregatePrograms = group("aggregates", [
  {
    name: "basic-by-group",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(
          F.count("*").alias("n"),
          F.count("latency").alias("nl"),
          F.sum("latency").alias("s"),
          F.avg("latency").alias("a"),
          F.min("ts").alias("first_ts"),
          F.max("score").alias("mx"),
        ),
    py: `spark.table("logs").groupBy("service").agg(F.count("*").alias("n"), F.count("latency").alias("nl"), F.sum("latency").alias("s"), F.avg("latency").alias("a"), F.min("ts").alias("first_ts"), F.max("score").alias("mx"))`,
  },
  {
    name: "grouped-sum-without-columns-sums-every-numeric-column",
    ts: (spark) => spark.table("logs").groupBy("service").sum(),
    py: `spark.table("logs").groupBy("service").sum()`,
  },
  {
    name: "grouped-avg-min-max-without-columns",
    ts: async (spark) => await spark.table("logs").drop("ts", "tags", "attrs").groupBy("level").max(),
    py: `spark.table("logs").drop("ts", "tags", "attrs").groupBy("level").max()`,
  },
  {
    name: "grouped-mean-of-named-columns",
    ts: (spark) => spark.table("logs").groupBy("service").mean("latency", "score"),
    py: `spark.table("logs").groupBy("service").mean("latency", "score")`,
  },
  {
    name: "grouped-min-max-avg-of-named-columns",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("level")
        .min("latency")
        .join(spark.table("logs").groupBy("level").avg("bytes"), "level"),
    py: `spark.table("logs").groupBy("level").min("latency").join(spark.table("logs").groupBy("level").avg("bytes"), "level")`,
  },
  {
    name: "grouped-count",
    ts: (spark) => spark.table("logs").groupBy("service", "level").count(),
    py: `spark.table("logs").groupBy("service", "level").count()`,
  },
  {
    name: "dict-agg-count-star-is-count-1",
    ts: (spark) => spark.table("logs").groupBy("service").agg({ "*": "count" }),
    py: `spark.table("logs").groupBy("service").agg({"*": "count"})`,
  },
  {
    name: "dict-agg-names-columns-as-the-server",
    ts: (spark) => spark.table("logs").groupBy("level").agg({ latency: "max", score: "avg" }),
    py: `spark.table("logs").groupBy("level").agg({"latency": "max", "score": "avg"})`,
  },
  {
    name: "global-agg",
    ts: (spark) =>
      spark.table("logs").agg(F.count("*").alias("n"), F.sum("bytes").alias("b"), F.max("ts").alias("last")),
    py: `spark.table("logs").agg(F.count("*").alias("n"), F.sum("bytes").alias("b"), F.max("ts").alias("last"))`,
  },
  {
    name: "distinct-counts",
    ts: (spark) =>
      spark
        .table("logs")
        .agg(
          F.countDistinct("service").alias("d"),
          F.countDistinct(col("service"), col("level")).alias("d2"),
          F.approx_count_distinct("level").alias("a"),
          F.sumDistinct("latency").alias("sd"),
        ),
    py: `spark.table("logs").agg(F.countDistinct("service").alias("d"), F.countDistinct(F.col("service"), F.col("level")).alias("d2"), F.approx_count_distinct("level").alias("a"), F.sum_distinct("latency").alias("sd"))`,
  },
  {
    name: "collect-list-and-set-sorted",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(
          F.sort_array(F.collect_list("level")).alias("l"),
          F.sort_array(F.collect_set("level")).alias("s"),
        ),
    py: `spark.table("logs").groupBy("service").agg(F.sort_array(F.collect_list("level")).alias("l"), F.sort_array(F.collect_set("level")).alias("s"))`,
  },
  {
    name: "percentiles",
    ts: (spark) =>
      spark
        .table("logs")
        .agg(
          F.percentile_approx("latency", [0.5, 0.9]).alias("pa"),
          F.percentile_approx("latency", 0.5).alias("p50"),
          F.median("latency").alias("med"),
          F.percentile("latency", 0.25).alias("p25"),
        ),
    py: `spark.table("logs").agg(F.percentile_approx("latency", [0.5, 0.9]).alias("pa"), F.percentile_approx("latency", 0.5).alias("p50"), F.median("latency").alias("med"), F.percentile("latency", 0.25).alias("p25"))`,
  },
  {
    name: "dispersion-and-correlation",
    ts: (spark) =>
      spark
        .table("logs")
        .agg(
          F.stddev("latency").alias("sd"),
          F.stddev_pop("latency").alias("sdp"),
          F.variance("score").alias("v"),
          F.corr("latency", "bytes").alias("c"),
        ),
    py: `spark.table("logs").agg(F.stddev("latency").alias("sd"), F.stddev_pop("latency").alias("sdp"), F.variance("score").alias("v"), F.corr("latency", "bytes").alias("c"))`,
  },
  {
    name: "max-by-min-by",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(F.max_by("id", "latency").alias("slowest"), F.min_by("level", "ts").alias("first_level")),
    py: `spark.table("logs").groupBy("service").agg(F.max_by("id", "latency").alias("slowest"), F.min_by("level", "ts").alias("first_level"))`,
  },
  {
    name: "boolean-aggregates",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(
          F.count_if(col("level").eq("ERROR")).alias("errors"),
          F.bool_and(col("latency").gt(10)).alias("all_slow"),
          F.bool_or(col("level").eq("WARN")).alias("any_warn"),
        ),
    py: `spark.table("logs").groupBy("service").agg(F.count_if(F.col("level") == "ERROR").alias("errors"), F.bool_and(F.col("latency") > 10).alias("all_slow"), F.bool_or(F.col("level") == "WARN").alias("any_warn"))`,
  },
  {
    name: "rollup-with-grouping",
    ts: (spark) =>
      spark
        .table("logs")
        .rollup("service", "level")
        .agg(F.count("*").alias("n"), F.grouping("level").alias("g")),
    py: `spark.table("logs").rollup("service", "level").agg(F.count("*").alias("n"), F.grouping("level").alias("g"))`,
  },
  {
    name: "cube",
    ts: (spark) => spark.table("logs").cube("service", "level").agg(F.sum("bytes").alias("b")),
    py: `spark.table("logs").cube("service", "level").agg(F.sum("bytes").alias("b"))`,
  },
  {
    name: "pivot-with-values",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .pivot("level", ["INFO", "ERROR"])
        .agg(F.count(lit(1))),
    py: `spark.table("logs").groupBy("service").pivot("level", ["INFO", "ERROR"]).agg(F.count(F.lit(1)))`,
  },
  {
    name: "pivot-values-found-by-the-server",
    ts: (spark) => spark.table("logs").groupBy("service").pivot("level").agg(F.sum("latency")),
    py: `spark.table("logs").groupBy("service").pivot("level").agg(F.sum("latency"))`,
  },
  {
    name: "having-as-filter-after-agg",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(F.count("*").alias("n"))
        .where(col("n").gt(1))
        .orderBy("service"),
    py: `spark.table("logs").groupBy("service").agg(F.count("*").alias("n")).where(F.col("n") > 1).orderBy("service")`,
    ordered: true,
  },
  {
    name: "describe",
    ts: (spark) => spark.table("logs").describe("latency", "service"),
    py: `spark.table("logs").describe("latency", "service")`,
  },
  {
    name: "summary",
    ts: (spark) => spark.table("logs").select("latency", "score").summary("count", "min", "25%", "max"),
    py: `spark.table("logs").select("latency", "score").summary("count", "min", "25%", "max")`,
  },
  {
    name: "agg-over-empty-input",
    ts: (spark) =>
      spark
        .table("logs")
        .where(lit(false))
        .agg(F.count("*").alias("n"), F.sum("latency").alias("s"), F.avg("score").alias("a")),
    py: `spark.table("logs").where(F.lit(False)).agg(F.count("*").alias("n"), F.sum("latency").alias("s"), F.avg("score").alias("a"))`,
  },
  {
    name: "first-last-ignoring-nulls-in-sorted-groups",
    ts: (spark) =>
      spark
        .table("logs")
        .orderBy("id")
        .coalesce(1)
        .groupBy("service")
        .agg(F.first("latency", true).alias("f"), F.last("bytes", true).alias("l")),
    py: `spark.table("logs").orderBy("id").coalesce(1).groupBy("service").agg(F.first("latency", True).alias("f"), F.last("bytes", True).alias("l"))`,
  },
]);
