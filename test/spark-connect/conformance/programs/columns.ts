import { col } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** Column methods under PySpark's own spellings, with the names the server gives their results. */
export const columnPrograms = group("column", [
  {
    name: "asc-nulls-last-and-desc-nulls-first",
    ts: (spark) =>
      spark
        .table("logs")
        .select("id", "latency", "bytes")
        .orderBy(col("bytes").desc_nulls_first(), col("latency").asc_nulls_last(), col("id")),
    py: `spark.table("logs").select("id", "latency", "bytes").orderBy(F.col("bytes").desc_nulls_first(), F.col("latency").asc_nulls_last(), F.col("id"))`,
    ordered: true,
  },
  {
    name: "asc-nulls-first-and-desc-nulls-last",
    ts: (spark) =>
      spark
        .table("logs")
        .select("id", "service", "score")
        .orderBy(col("service").asc_nulls_first(), col("score").desc_nulls_last()),
    py: `spark.table("logs").select("id", "service", "score").orderBy(F.col("service").asc_nulls_first(), F.col("score").desc_nulls_last())`,
    ordered: true,
  },
  {
    name: "startswith-and-endswith-unaliased",
    ts: (spark) => spark.table("logs").select(col("service").startswith("a"), col("level").endswith("O")),
    py: `spark.table("logs").select(F.col("service").startswith("a"), F.col("level").endswith("O"))`,
  },
  {
    name: "try-cast-unaliased",
    ts: (spark) =>
      spark.table("events").select(col("id"), col("body").try_cast("int"), col("id").try_cast("string")),
    py: `spark.table("events").select(F.col("id"), F.col("body").try_cast("int"), F.col("id").try_cast("string"))`,
  },
  {
    name: "transform-chains-a-function",
    ts: (spark) =>
      spark.table("logs").select(
        col("latency")
          .transform((c) => c.multiply(2).plus(1))
          .alias("x"),
        col("service").transform((c) => c.isNull()),
      ),
    py: `spark.table("logs").select(F.col("latency").transform(lambda c: c * 2 + 1).alias("x"), F.col("service").transform(lambda c: c.isNull()))`,
  },
]);
