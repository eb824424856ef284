import { col, functions as F } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** Subquery expressions and lateral joins, whose subquery plans travel beside the query that uses them. */
export const subqueryPrograms = group("subqueries", [
  {
    name: "scalar-subquery-in-a-filter",
    ts: (spark) => {
      const average = spark.table("logs").agg(F.avg("latency"));
      return spark.table("logs").where(col("latency").gt(average.scalar())).select("id", "latency");
    },
    py: `average = spark.table("logs").agg(F.avg("latency"))
df = spark.table("logs").where(F.col("latency") > average.scalar()).select("id", "latency")`,
  },
  {
    name: "scalar-subquery-as-a-column",
    ts: (spark) =>
      spark
        .table("services")
        .select("service", spark.table("logs").agg(F.max("latency")).scalar().alias("max_latency")),
    py: `spark.table("services").select("service", spark.table("logs").agg(F.max("latency")).scalar().alias("max_latency"))`,
  },
  {
    name: "correlated-scalar-subquery-with-outer",
    ts: (spark) => {
      const perService = spark
        .table("logs")
        .alias("l")
        .where(col("l.service").eq(col("s.service").outer()))
        .select(F.count("*"));
      return spark.table("services").alias("s").select(col("s.service"), perService.scalar().alias("n"));
    },
    py: `per_service = spark.table("logs").alias("l").where(F.col("l.service") == F.col("s.service").outer()).select(F.count("*"))
df = spark.table("services").alias("s").select(F.col("s.service"), per_service.scalar().alias("n"))`,
  },
  {
    name: "exists-subquery",
    ts: (spark) => {
      const errors = spark
        .table("logs")
        .alias("l")
        .where(col("l.service").eq(col("s.service").outer()).and(col("l.level").eq("ERROR")));
      return spark.table("services").alias("s").where(errors.exists()).select("service");
    },
    py: `errors = spark.table("logs").alias("l").where((F.col("l.service") == F.col("s.service").outer()) & (F.col("l.level") == "ERROR"))
df = spark.table("services").alias("s").where(errors.exists()).select("service")`,
  },
  {
    name: "not-exists-subquery",
    ts: (spark) => {
      const logs = spark
        .table("logs")
        .alias("l")
        .where(col("l.service").eq(col("s.service").outer()));
      return spark.table("services").alias("s").where(logs.exists().not()).select("service");
    },
    py: `logs = spark.table("logs").alias("l").where(F.col("l.service") == F.col("s.service").outer())
df = spark.table("services").alias("s").where(~logs.exists()).select("service")`,
  },
  {
    name: "lateral-join",
    ts: (spark) => {
      const slowest = spark
        .table("logs")
        .alias("l")
        .where(col("l.service").eq(col("s.service").outer()))
        .select(F.max("l.latency").alias("max_latency"));
      return spark.table("services").alias("s").lateralJoin(slowest).select("service", "max_latency");
    },
    py: `slowest = spark.table("logs").alias("l").where(F.col("l.service") == F.col("s.service").outer()).select(F.max("l.latency").alias("max_latency"))
df = spark.table("services").alias("s").lateralJoin(slowest).select("service", "max_latency")`,
  },
  {
    name: "left-lateral-join-with-a-condition",
    ts: (spark) => {
      const rows = spark
        .table("logs")
        .alias("l")
        .where(col("l.service").eq(col("s.service").outer()))
        .select(col("l.id"));
      return spark
        .table("services")
        .alias("s")
        .lateralJoin(rows, col("id").gt(2), "left")
        .select("service", "id");
    },
    py: `rows = spark.table("logs").alias("l").where(F.col("l.service") == F.col("s.service").outer()).select(F.col("l.id"))
df = spark.table("services").alias("s").lateralJoin(rows, F.col("id") > 2, "left").select("service", "id")`,
  },
]);
