import { col, functions as F, Window } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

const byService = Window.partitionBy("service").orderBy("id");

export const windowPrograms = group("windows", [
  {
    name: "ranking",
    ts: (spark) =>
      spark.table("logs").select(
        col("id"),
        F.row_number()
          .over(Window.partitionBy("service").orderBy(col("latency").desc()))
          .alias("rn"),
        F.rank().over(Window.orderBy("level")).alias("r"),
        F.dense_rank().over(Window.orderBy("level")).alias("dr"),
      ),
    py: `spark.table("logs").select(F.col("id"), F.row_number().over(Window.partitionBy("service").orderBy(F.col("latency").desc())).alias("rn"), F.rank().over(Window.orderBy("level")).alias("r"), F.dense_rank().over(Window.orderBy("level")).alias("dr"))`,
  },
  {
    name: "lag-lead",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.lag("latency", 1).over(byService).alias("prev"),
          F.lead("latency", 2, -1).over(byService).alias("next2"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.lag("latency", 1).over(Window.partitionBy("service").orderBy("id")).alias("prev"), F.lead("latency", 2, -1).over(Window.partitionBy("service").orderBy("id")).alias("next2"))`,
  },
  {
    name: "running-total-rows-frame",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.sum("bytes")
            .over(byService.rowsBetween(Window.unboundedPreceding, Window.currentRow))
            .alias("run"),
          F.avg("latency").over(Window.orderBy("id").rowsBetween(-1, 1)).alias("moving"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.sum("bytes").over(Window.partitionBy("service").orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias("run"), F.avg("latency").over(Window.orderBy("id").rowsBetween(-1, 1)).alias("moving"))`,
  },
  {
    name: "range-frame",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id"), F.count("*").over(Window.orderBy("latency").rangeBetween(-50, 50)).alias("near")),
    py: `spark.table("logs").select(F.col("id"), F.count("*").over(Window.orderBy("latency").rangeBetween(-50, 50)).alias("near"))`,
  },
  {
    name: "whole-partition-aggregates",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.max("latency").over(Window.partitionBy("service")).alias("mx"),
          F.count("*").over(Window.partitionBy("level")).alias("n"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.max("latency").over(Window.partitionBy("service")).alias("mx"), F.count("*").over(Window.partitionBy("level")).alias("n"))`,
  },
  {
    name: "ntile-percent-rank-cume-dist-by-name",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.callFunction("ntile", F.lit(3)).over(Window.orderBy("id")).alias("tile"),
          F.callFunction("percent_rank").over(Window.orderBy("latency")).alias("pr"),
          F.callFunction("cume_dist").over(Window.orderBy("latency")).alias("cd"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.ntile(3).over(Window.orderBy("id")).alias("tile"), F.percent_rank().over(Window.orderBy("latency")).alias("pr"), F.cume_dist().over(Window.orderBy("latency")).alias("cd"))`,
  },
  {
    name: "event-time-tumbling-window",
    ts: (spark) =>
      spark.table("logs").groupBy(F.window("ts", "1 minute"), col("service")).agg(F.count("*").alias("n")),
    py: `spark.table("logs").groupBy(F.window("ts", "1 minute"), F.col("service")).agg(F.count("*").alias("n"))`,
  },
  {
    name: "event-time-sliding-window-with-start",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy(F.window("ts", "2 minutes", "1 minute", "30 seconds"))
        .agg(F.sum("latency").alias("s")),
    py: `spark.table("logs").groupBy(F.window("ts", "2 minutes", "1 minute", "30 seconds")).agg(F.sum("latency").alias("s"))`,
  },
  {
    name: "session-window",
    ts: (spark) =>
      spark.table("logs").groupBy(F.session_window("ts", "45 seconds")).agg(F.count("*").alias("n")),
    py: `spark.table("logs").groupBy(F.session_window("ts", "45 seconds")).agg(F.count("*").alias("n"))`,
  },
  {
    name: "window-time",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy(F.window("ts", "1 minute"))
        .agg(F.count("*").alias("n"))
        .select(F.window_time("window").alias("t"), col("n")),
    py: `spark.table("logs").groupBy(F.window("ts", "1 minute")).agg(F.count("*").alias("n")).select(F.window_time("window").alias("t"), F.col("n"))`,
  },
  {
    name: "first-value-over-ordered-window",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.first("level").over(byService).alias("f"),
          F.last("level").over(byService).alias("l"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.first("level").over(Window.partitionBy("service").orderBy("id")).alias("f"), F.last("level").over(Window.partitionBy("service").orderBy("id")).alias("l"))`,
  },
]);
