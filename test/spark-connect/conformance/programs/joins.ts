import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

const joinHow = ["inner", "left", "right", "full", "semi", "anti"] as const;

export const joinPrograms = group("joins", [
  ...joinHow.map((how) => ({
    name: `on-a-name-${how}`,
    ts: (spark: import("../../../../workloads/spark-connect/index.ts").SparkSession) =>
      spark.table("logs").select("id", "service").join(spark.table("services"), "service", how),
    py: `spark.table("logs").select("id", "service").join(spark.table("services"), "service", "${how}")`,
  })),
  {
    name: "on-a-condition-with-qualified-columns",
    ts: (spark) => {
      const l = spark.table("logs");
      const s = spark.table("services");
      return l
        .join(s, l.col("service").eq(s.col("service")).and(s.col("tier").eq(1)), "left")
        .select(l.col("id"), s.col("team"));
    },
    py: `l = spark.table("logs")
s = spark.table("services")
df = l.join(s, (l["service"] == s["service"]) & (s["tier"] == 1), "left").select(l["id"], s["team"])`,
  },
  {
    name: "on-several-names",
    ts: (spark) => {
      const counts = spark.table("logs").groupBy("service", "level").count();
      return spark.table("logs").join(counts, ["service", "level"]).select("id", "service", "level", "count");
    },
    py: `counts = spark.table("logs").groupBy("service", "level").count()
df = spark.table("logs").join(counts, ["service", "level"]).select("id", "service", "level", "count")`,
  },
  {
    name: "cross-join",
    ts: (spark) => spark.range(3).crossJoin(spark.table("services").select("team")),
    py: `spark.range(3).crossJoin(spark.table("services").select("team"))`,
  },
  {
    name: "self-join-with-aliases",
    ts: (spark) =>
      spark
        .table("logs")
        .alias("a")
        .join(
          spark.table("logs").alias("b"),
          col("a.service")
            .eq(col("b.service"))
            .and(col("a.id").lt(col("b.id"))),
        )
        .select(col("a.id").alias("first"), col("b.id").alias("second")),
    py: `spark.table("logs").alias("a").join(spark.table("logs").alias("b"), (F.col("a.service") == F.col("b.service")) & (F.col("a.id") < F.col("b.id"))).select(F.col("a.id").alias("first"), F.col("b.id").alias("second"))`,
  },
  {
    name: "join-keeping-both-same-named-columns",
    ts: (spark) => {
      const l = spark.table("logs").select("id", "service");
      const s = spark.table("services").select("service", col("tier").alias("id"));
      return l.join(s, l.col("service").eq(s.col("service")));
    },
    py: `l = spark.table("logs").select("id", "service")
s = spark.table("services").select("service", F.col("tier").alias("id"))
df = l.join(s, l["service"] == s["service"])`,
    difference: "duplicate-column-names",
  },
  {
    name: "broadcast-hint",
    ts: (spark) =>
      spark.table("logs").join(spark.table("services").hint("broadcast"), "service").select("id", "team"),
    py: `spark.table("logs").join(spark.table("services").hint("broadcast"), "service").select("id", "team")`,
  },
  {
    name: "union-and-union-all",
    ts: (spark) => spark.range(3).union(spark.range(2)).unionAll(spark.range(1)),
    py: `spark.range(3).union(spark.range(2)).unionAll(spark.range(1))`,
  },
  {
    name: "union-by-name-allowing-missing-columns",
    ts: (spark) =>
      spark
        .table("services")
        .select("team", "service")
        .unionByName(spark.table("logs").select("service", "level"), true),
    py: `spark.table("services").select("team", "service").unionByName(spark.table("logs").select("service", "level"), allowMissingColumns=True)`,
  },
  {
    name: "intersect-and-except",
    ts: (spark) => {
      const a = spark.table("logs").select("service");
      const b = spark.table("services").select("service");
      return a.intersect(b).union(a.subtract(b)).union(a.exceptAll(b)).union(a.intersectAll(a));
    },
    py: `a = spark.table("logs").select("service")
b = spark.table("services").select("service")
df = a.intersect(b).union(a.subtract(b)).union(a.exceptAll(b)).union(a.intersectAll(a))`,
  },
  {
    name: "join-then-aggregate",
    ts: (spark) =>
      spark
        .table("logs")
        .join(spark.table("services"), "service")
        .groupBy("team")
        .agg(F.sum("latency").alias("s"), F.count("*").alias("n")),
    py: `spark.table("logs").join(spark.table("services"), "service").groupBy("team").agg(F.sum("latency").alias("s"), F.count("*").alias("n"))`,
  },
  {
    name: "nearest-by-join-exact-distance",
    ts: (spark) => {
      const logs = spark.table("logs").select("id", "latency");
      const targets = spark.createDataFrame([[100], [600]], "target INT");
      return logs.nearestByJoin(targets, F.abs(col("latency").minus(col("target"))), 1, "exact", "distance");
    },
    py: `logs = spark.table("logs").select("id", "latency")
targets = spark.createDataFrame([(100,), (600,)], "target INT")
df = logs.nearestByJoin(targets, F.abs(F.col("latency") - F.col("target")), 1, "exact", "distance")`,
  },
  {
    name: "nearest-by-join-left-by-similarity",
    ts: (spark) => {
      const targets = spark.createDataFrame([[110], [600], [10000]], "target INT");
      const logs = spark.table("logs").select("id", "latency");
      return targets.nearestByJoin(
        logs,
        F.abs(col("latency").minus(col("target"))).negate(),
        2,
        "exact",
        "similarity",
        {
          joinType: "left",
        },
      );
    },
    py: `targets = spark.createDataFrame([(110,), (600,), (10000,)], "target INT")
logs = spark.table("logs").select("id", "latency")
df = targets.nearestByJoin(logs, -F.abs(F.col("latency") - F.col("target")), 2, "exact", "similarity", joinType="left")`,
  },
  {
    name: "nearest-by-join-of-zero-results",
    ts: (spark) => spark.range(2).nearestByJoin(spark.range(2), lit(0), 0, "exact", "distance"),
    py: `spark.range(2).nearestByJoin(spark.range(2), F.lit(0), 0, "exact", "distance")`,
    fails: true,
  },
]);
