import { col, functions as F, lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

export const collectionPrograms = group("collections", [
  {
    name: "explode-and-explode-outer",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id"), F.explode("tags").alias("t"))
        .union(spark.table("logs").select(col("id"), F.explode_outer("tags").alias("t"))),
    py: `spark.table("logs").select(F.col("id"), F.explode("tags").alias("t")).union(spark.table("logs").select(F.col("id"), F.explode_outer("tags").alias("t")))`,
  },
  {
    name: "posexplode",
    ts: (spark) => spark.table("logs").select(col("id"), F.posexplode("tags")),
    py: `spark.table("logs").select(F.col("id"), F.posexplode("tags"))`,
  },
  {
    name: "explode-a-map",
    ts: (spark) => spark.table("logs").select(col("id"), F.explode("attrs")),
    py: `spark.table("logs").select(F.col("id"), F.explode("attrs"))`,
  },
  {
    name: "array-functions",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.size("tags").alias("n"),
          F.array_contains("tags", "a").alias("has_a"),
          F.array_distinct(F.array(col("level"), col("level"), lit("X"))).alias("d"),
          F.array_join("tags", "|").alias("j"),
          F.sort_array("tags", false).alias("s"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.size("tags").alias("n"), F.array_contains("tags", "a").alias("has_a"), F.array_distinct(F.array(F.col("level"), F.col("level"), F.lit("X"))).alias("d"), F.array_join("tags", "|").alias("j"), F.sort_array("tags", False).alias("s"))`,
  },
  {
    name: "element-at-slice-flatten",
    ts: (spark) =>
      spark
        .table("logs")
        .where("size(tags) > 0")
        .select(
          col("id"),
          F.element_at("tags", 1).alias("first"),
          F.element_at("tags", -1).alias("last"),
          F.slice("tags", 1, 1).alias("head"),
          F.flatten(F.array(col("tags"), col("tags"))).alias("twice"),
        ),
    py: `spark.table("logs").where("size(tags) > 0").select(F.col("id"), F.element_at("tags", 1).alias("first"), F.element_at("tags", -1).alias("last"), F.slice("tags", 1, 1).alias("head"), F.flatten(F.array(F.col("tags"), F.col("tags"))).alias("twice"))`,
  },
  {
    name: "map-functions",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.map_keys("attrs").alias("k"),
          F.map_values("attrs").alias("v"),
          F.element_at("attrs", "region").alias("region"),
          col("attrs").getItem("tier").alias("tier"),
          F.size("attrs").alias("n"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.map_keys("attrs").alias("k"), F.map_values("attrs").alias("v"), F.element_at("attrs", F.lit("region")).alias("region"), F.col("attrs").getItem("tier").alias("tier"), F.size("attrs").alias("n"))`,
  },
  {
    name: "create-map-and-struct",
    ts: (spark) =>
      spark
        .table("logs")
        .where("service IS NOT NULL")
        .select(
          col("id"),
          F.create_map(col("service"), col("latency")).alias("m"),
          F.struct(col("service"), col("level").alias("lv")).alias("s"),
          F.named_struct(lit("x"), col("id"), lit("y"), col("score")).alias("n"),
        ),
    py: `spark.table("logs").where("service IS NOT NULL").select(F.col("id"), F.create_map(F.col("service"), F.col("latency")).alias("m"), F.struct(F.col("service"), F.col("level").alias("lv")).alias("s"), F.named_struct(F.lit("x"), F.col("id"), F.lit("y"), F.col("score")).alias("n"))`,
  },
  {
    name: "struct-field-access",
    ts: (spark) => {
      const withStruct = spark
        .table("logs")
        .where("size(tags) > 0")
        .select(col("id"), F.struct("service", "latency", "tags").alias("s"));
      return withStruct.select(
        col("id"),
        col("s").getField("service").alias("svc"),
        col("s.latency").alias("lat"),
        col("s").getField("tags").getItem(0).alias("t0"),
        col("s.*"),
      );
    },
    py: `with_struct = spark.table("logs").where("size(tags) > 0").select(F.col("id"), F.struct("service", "latency", "tags").alias("s"))
df = with_struct.select(F.col("id"), F.col("s").getField("service").alias("svc"), F.col("s.latency").alias("lat"), F.col("s").getField("tags").getItem(0).alias("t0"), F.col("s.*"))`,
  },
  {
    name: "with-field-and-drop-fields",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id"), F.struct("service", "latency", "level").alias("s"))
        .select(
          col("id"),
          col("s").withField("latency", lit(0)).withField("extra", col("id")).dropFields("level").alias("s"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.struct("service", "latency", "level").alias("s")).select(F.col("id"), F.col("s").withField("latency", F.lit(0)).withField("extra", F.col("id")).dropFields("level").alias("s"))`,
  },
  {
    name: "arrays-of-structs",
    ts: (spark) =>
      spark
        .table("logs")
        .groupBy("service")
        .agg(F.sort_array(F.collect_list(F.struct("id", "level"))).alias("events")),
    py: `spark.table("logs").groupBy("service").agg(F.sort_array(F.collect_list(F.struct("id", "level"))).alias("events"))`,
  },
  {
    name: "higher-order-functions-in-sql",
    ts: (spark) =>
      spark
        .table("logs")
        .selectExpr(
          "id",
          "transform(tags, t -> upper(t)) AS up",
          "filter(tags, t -> t != 'a') AS not_a",
          "aggregate(coalesce(tags, array()), 0, (acc, t) -> acc + length(t)) AS chars",
          "exists(tags, t -> t IS NULL) AS has_null",
        ),
    py: `spark.table("logs").selectExpr("id", "transform(tags, t -> upper(t)) AS up", "filter(tags, t -> t != 'a') AS not_a", "aggregate(coalesce(tags, array()), 0, (acc, t) -> acc + length(t)) AS chars", "exists(tags, t -> t IS NULL) AS has_null")`,
  },
  {
    name: "array-set-operations-in-sql",
    ts: (spark) =>
      spark
        .table("logs")
        .selectExpr(
          "id",
          "array_union(tags, array('z')) AS u",
          "array_intersect(tags, array('a', 'c')) AS i",
          "array_except(tags, array('a')) AS e",
          "arrays_overlap(tags, array('b')) AS o",
        ),
    py: `spark.table("logs").selectExpr("id", "array_union(tags, array('z')) AS u", "array_intersect(tags, array('a', 'c')) AS i", "array_except(tags, array('a')) AS e", "arrays_overlap(tags, array('b')) AS o")`,
  },
  {
    name: "map-from-arrays-and-entries",
    ts: (spark) =>
      spark
        .range(3)
        .selectExpr(
          "id",
          "map_from_arrays(array('a', 'b'), array(id, id * 2)) AS m",
          "map_entries(map('k', id)) AS e",
          "map_concat(map('x', id), map('y', -id)) AS c",
        ),
    py: `spark.range(3).selectExpr("id", "map_from_arrays(array('a', 'b'), array(id, id * 2)) AS m", "map_entries(map('k', id)) AS e", "map_concat(map('x', id), map('y', -id)) AS c")`,
  },
  {
    name: "nested-nulls-in-collections",
    ts: (spark) =>
      spark
        .range(1)
        .selectExpr(
          "array(1, NULL, 3) AS a",
          "map('k', CAST(NULL AS INT)) AS m",
          "named_struct('x', CAST(NULL AS STRING)) AS s",
          "array(array(NULL)) AS aa",
        ),
    py: `spark.range(1).selectExpr("array(1, NULL, 3) AS a", "map('k', CAST(NULL AS INT)) AS m", "named_struct('x', CAST(NULL AS STRING)) AS s", "array(array(NULL)) AS aa")`,
  },
]);
