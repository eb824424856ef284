import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

export const transformationPrograms = group("transformations", [
  {
    name: "select-filter-with-column",
    ts: (spark) =>
      spark
        .table("logs")
        .filter(col("latency").gt(50))
        .withColumn("slow", col("latency").ge(300))
        .withColumns({ kb: col("bytes").divide(1024), one: lit(1) })
        .select("id", "slow", "kb", "one"),
    py: `spark.table("logs").filter(F.col("latency") > 50).withColumn("slow", F.col("latency") >= 300).withColumns({"kb": F.col("bytes") / 1024, "one": F.lit(1)}).select("id", "slow", "kb", "one")`,
  },
  {
    name: "rename-drop-to-df",
    ts: (spark) =>
      spark
        .table("logs")
        .withColumnRenamed("latency", "ms")
        .withColumnsRenamed({ id: "key" })
        .drop("ts", "tags", "no_such_column")
        .toDF("a", "b", "c", "d", "e", "f", "g", "h"),
    py: `spark.table("logs").withColumnRenamed("latency", "ms").withColumnsRenamed({"id": "key"}).drop("ts", "tags", "no_such_column").toDF("a", "b", "c", "d", "e", "f", "g", "h")`,
  },
  {
    name: "order-limit-offset",
    ts: (spark) =>
      spark.table("logs").orderBy(col("score").desc(), "id").offset(2).limit(3).select("id", "score"),
    py: `spark.table("logs").orderBy(F.col("score").desc(), "id").offset(2).limit(3).select("id", "score")`,
    ordered: true,
  },
  {
    name: "distinct-and-drop-duplicates",
    ts: (spark) =>
      spark
        .table("logs")
        .select("service", "level")
        .distinct()
        .union(spark.table("logs").dropDuplicates(["service"]).select("service", F.lit("x").alias("level"))),
    py: `spark.table("logs").select("service", "level").distinct().union(spark.table("logs").dropDuplicates(["service"]).select("service", F.lit("x").alias("level")))`,
  },
  {
    name: "sort-within-partitions-after-coalesce",
    ts: (spark) =>
      spark.table("logs").coalesce(1).sortWithinPartitions(col("latency").desc()).select("id", "latency"),
    py: `spark.table("logs").coalesce(1).sortWithinPartitions(F.col("latency").desc()).select("id", "latency")`,
    ordered: true,
  },
  {
    name: "repartition-keeps-rows",
    ts: (spark) => spark.table("logs").repartition(3, "service").select("id", "service"),
    py: `spark.table("logs").repartition(3, "service").select("id", "service")`,
  },
  {
    name: "sample-with-a-seed",
    ts: (spark) => spark.range(200).sample(0.1, false, 42),
    py: `spark.range(200).sample(False, 0.1, 42)`,
  },
  {
    name: "range-with-step-and-partitions",
    ts: (spark) => spark.range(10, -10, -3, 2),
    py: `spark.range(10, -10, -3, 2)`,
  },
  {
    name: "select-star-and-qualified-star",
    ts: (spark) => {
      const logs = spark.table("logs");
      return logs.select(logs.col("*")).select("*").drop("tags", "attrs");
    },
    py: `logs = spark.table("logs")
df = logs.select(logs["*"]).select("*").drop("tags", "attrs")`,
  },
  {
    name: "tail-order-via-limit",
    ts: (spark) => spark.table("logs").orderBy(col("id").desc()).limit(2).orderBy("id"),
    py: `spark.table("logs").orderBy(F.col("id").desc()).limit(2).orderBy("id")`,
    ordered: true,
  },
  {
    name: "alias-and-column-names-with-spaces",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id").alias("the id"), col("service").as("svc.name"))
        .select(col("`the id`"), col("`svc.name`")),
    py: `spark.table("logs").select(F.col("id").alias("the id"), F.col("service").alias("svc.name")).select(F.col("\`the id\`"), F.col("\`svc.name\`"))`,
  },
]);
