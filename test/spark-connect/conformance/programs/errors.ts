import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** Programs that both clients must reject with the same Spark error class. */
export const errorPrograms = group("errors", [
  {
    name: "unresolved-column",
    ts: (spark) => spark.table("logs").select("no_such_column"),
    py: `spark.table("logs").select("no_such_column")`,
    fails: true,
  },
  {
    name: "unknown-table",
    ts: (spark) => spark.table("no_such_table"),
    py: `spark.table("no_such_table")`,
    fails: true,
  },
  {
    name: "sql-syntax-error",
    ts: (spark) => spark.sql("SELEC 1"),
    py: `spark.sql("SELEC 1")`,
    fails: true,
  },
  {
    name: "unknown-function",
    ts: (spark) => spark.range(1).select(F.callFunction("no_such_function", col("id"))),
    py: `spark.range(1).select(F.call_function("no_such_function", F.col("id")))`,
    fails: true,
  },
  {
    name: "division-by-zero-in-ansi-mode",
    ts: (spark) => spark.range(1).select(col("id").divide(0)),
    py: `spark.range(1).select(F.col("id") / 0)`,
    fails: true,
  },
  {
    name: "double-division-by-zero-in-ansi-mode",
    ts: (spark) => spark.table("specials").selectExpr("d / 0.0D"),
    py: `spark.table("specials").selectExpr("d / 0.0D")`,
    fails: true,
  },
  {
    name: "invalid-cast",
    ts: (spark) => spark.range(1).select(lit("abc").cast("int")),
    py: `spark.range(1).select(F.lit("abc").cast("int"))`,
    fails: true,
  },
  {
    name: "long-overflow",
    ts: (spark) => spark.range(1).selectExpr("9223372036854775807L + id + 1"),
    py: `spark.range(1).selectExpr("9223372036854775807L + id + 1")`,
    fails: true,
  },
  {
    name: "array-index-out-of-bounds",
    ts: (spark) => spark.table("logs").select(F.element_at("tags", 10)),
    py: `spark.table("logs").select(F.element_at("tags", 10))`,
    fails: true,
  },
  {
    name: "type-mismatch",
    ts: (spark) => spark.table("logs").select(col("tags").plus(1)),
    py: `spark.table("logs").select(F.col("tags") + 1)`,
    fails: true,
  },
  {
    name: "missing-aggregation",
    ts: (spark) => spark.sql("SELECT service, level FROM logs GROUP BY service"),
    py: `spark.sql("SELECT service, level FROM logs GROUP BY service")`,
    fails: true,
  },
  {
    name: "union-with-a-different-column-count",
    ts: (spark) => spark.table("logs").select("id").union(spark.table("logs").select("id", "service")),
    py: `spark.table("logs").select("id").union(spark.table("logs").select("id", "service"))`,
    fails: true,
  },
  {
    name: "ambiguous-reference-after-join",
    ts: (spark) =>
      spark
        .table("logs")
        .join(spark.table("logs"), col("id").eq(col("id")))
        .select("service"),
    py: `spark.table("logs").join(spark.table("logs"), F.col("id") == F.col("id")).select("service")`,
    fails: true,
  },
  {
    name: "bad-json-schema",
    ts: (spark) => spark.table("events").select(F.from_json("body", "a NOT_A_TYPE")),
    py: `spark.table("events").select(F.from_json("body", "a NOT_A_TYPE"))`,
    fails: true,
  },
  {
    name: "wrong-number-of-function-arguments",
    ts: (spark) => spark.range(1).select(F.callFunction("upper", col("id"), col("id"))),
    py: `spark.range(1).select(F.call_function("upper", F.col("id"), F.col("id")))`,
    fails: true,
  },
  {
    name: "raise-error",
    ts: (spark) => spark.range(1).selectExpr("raise_error('custom failure')"),
    py: `spark.range(1).selectExpr("raise_error('custom failure')")`,
    fails: true,
  },
  {
    name: "unknown-temp-view-in-sql",
    ts: (spark) => spark.sql("SELECT * FROM missing_view"),
    py: `spark.sql("SELECT * FROM missing_view")`,
    fails: true,
  },
  {
    name: "invalid-window-frame",
    ts: (spark) =>
      spark.sql("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM range(3)"),
    py: `spark.sql("SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM range(3)")`,
    fails: true,
  },
]);
