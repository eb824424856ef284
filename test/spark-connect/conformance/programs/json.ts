import { col, functions as F, lit, T } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

const eventSchema = "user STRING, n BIGINT, tags ARRAY<STRING>, geo STRUCT<lat: DOUBLE, lon: DOUBLE>";

export const jsonPrograms = group("json", [
  {
    name: "from-json-with-a-ddl-schema",
    ts: (spark) => spark.table("events").select(col("id"), F.from_json("body", eventSchema).alias("e")),
    py: `spark.table("events").select(F.col("id"), F.from_json("body", "${eventSchema}").alias("e"))`,
  },
  {
    name: "from-json-with-a-struct-type",
    ts: (spark) =>
      spark
        .table("events")
        .select(
          col("id"),
          F.from_json("body", T.struct([T.field("user", T.string()), T.field("extra", T.boolean())])).alias(
            "e",
          ),
        )
        .select("id", "e.*"),
    py: `spark.table("events").select(F.col("id"), F.from_json("body", T.StructType([T.StructField("user", T.StringType()), T.StructField("extra", T.BooleanType())])).alias("e")).select("id", "e.*")`,
  },
  {
    name: "from-json-to-a-map",
    ts: (spark) =>
      spark.table("events").select(col("id"), F.from_json("body", "MAP<STRING, STRING>").alias("m")),
    py: `spark.table("events").select(F.col("id"), F.from_json("body", "MAP<STRING, STRING>").alias("m"))`,
  },
  {
    name: "from-json-with-options",
    ts: (spark) =>
      spark
        .range(1)
        .select(
          F.from_json(lit("{'a': 1}"), "a INT", { allowSingleQuotes: "true" }).alias("ok"),
          F.from_json(lit("{'a': 1}"), "a INT", { allowSingleQuotes: "false" }).alias("no"),
        ),
    py: `spark.range(1).select(F.from_json(F.lit("{'a': 1}"), "a INT", {"allowSingleQuotes": "true"}).alias("ok"), F.from_json(F.lit("{'a': 1}"), "a INT", {"allowSingleQuotes": "false"}).alias("no"))`,
  },
  {
    name: "get-json-object",
    ts: (spark) =>
      spark
        .table("events")
        .select(
          col("id"),
          F.get_json_object("body", "$.user").alias("u"),
          F.get_json_object("body", "$.tags[1]").alias("t"),
          F.get_json_object("body", "$.geo.lat").alias("lat"),
        ),
    py: `spark.table("events").select(F.col("id"), F.get_json_object("body", "$.user").alias("u"), F.get_json_object("body", "$.tags[1]").alias("t"), F.get_json_object("body", "$.geo.lat").alias("lat"))`,
  },
  {
    name: "json-tuple",
    ts: (spark) => spark.table("events").select(col("id"), F.json_tuple(col("body"), "user", "n")),
    py: `spark.table("events").select(F.col("id"), F.json_tuple(F.col("body"), "user", "n"))`,
  },
  {
    name: "to-json-of-structs-arrays-maps",
    ts: (spark) =>
      spark
        .table("logs")
        .select(
          col("id"),
          F.to_json(F.struct("id", "service", "ts", "price")).alias("s"),
          F.to_json(col("tags")).alias("a"),
          F.to_json(col("attrs")).alias("m"),
        ),
    py: `spark.table("logs").select(F.col("id"), F.to_json(F.struct("id", "service", "ts", "price")).alias("s"), F.to_json(F.col("tags")).alias("a"), F.to_json(F.col("attrs")).alias("m"))`,
  },
  {
    name: "to-json-with-options",
    ts: (spark) =>
      spark
        .table("logs")
        .select(col("id"), F.to_json(F.struct("ts"), { timestampFormat: "yyyy/MM/dd HH:mm" }).alias("j")),
    py: `spark.table("logs").select(F.col("id"), F.to_json(F.struct("ts"), {"timestampFormat": "yyyy/MM/dd HH:mm"}).alias("j"))`,
  },
  {
    name: "schema-of-json",
    ts: (spark) =>
      spark.range(1).select(F.schema_of_json('{"a": [1, 2], "b": {"c": "x"}, "d": 1.5}').alias("s")),
    py: `spark.range(1).select(F.schema_of_json('{"a": [1, 2], "b": {"c": "x"}, "d": 1.5}').alias("s"))`,
  },
  {
    name: "json-round-trip",
    ts: (spark) =>
      spark.table("events").select(col("id"), F.to_json(F.from_json("body", eventSchema)).alias("again")),
    py: `spark.table("events").select(F.col("id"), F.to_json(F.from_json("body", "${eventSchema}")).alias("again"))`,
  },
  {
    name: "json-big-integers-stay-exact",
    ts: (spark) =>
      spark
        .table("events")
        .select(
          col("id"),
          F.from_json("body", "n BIGINT").getField("n").alias("n"),
          F.from_json("body", "n DECIMAL(20,0)").getField("n").alias("d"),
        ),
    py: `spark.table("events").select(F.col("id"), F.from_json("body", "n BIGINT").getField("n").alias("n"), F.from_json("body", "n DECIMAL(20,0)").getField("n").alias("d"))`,
  },
  {
    name: "sql-json-functions",
    ts: (spark) =>
      spark
        .table("events")
        .selectExpr(
          "id",
          "json_array_length(get_json_object(body, '$.tags')) AS n",
          "json_object_keys(body) AS keys",
        ),
    py: `spark.table("events").selectExpr("id", "json_array_length(get_json_object(body, '$.tags')) AS n", "json_object_keys(body) AS keys")`,
  },
]);
