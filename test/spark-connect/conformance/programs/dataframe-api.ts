import {
  col,
  functions as F,
  lit,
  Observation,
  StorageLevel,
  T,
} from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** The DataFrame, GroupedData and SparkSession surface beyond the basics, against PySpark's. */
export const dataframeApiPrograms = group("dataframe-api", [
  {
    name: "cache-then-query",
    ts: async (spark) => (await spark.table("logs").select("id", "latency").cache()).where("latency > 100"),
    py: `spark.table("logs").select("id", "latency").cache().where("latency > 100")`,
  },
  {
    name: "persist-and-unpersist",
    ts: async (spark) => {
      const df = await spark.table("logs").select("id").persist();
      return (await df.unpersist()).limit(3).orderBy("id");
    },
    py: `df = spark.table("logs").select("id").persist().unpersist().limit(3).orderBy("id")`,
    ordered: true,
  },
  {
    name: "observe-leaves-rows-unchanged",
    ts: (spark) =>
      spark
        .table("logs")
        .observe(new Observation("stats_ts"), F.count("*").alias("n"), F.max("latency").alias("mx")),
    py: `spark.table("logs").observe(Observation("stats_py"), F.count("*").alias("n"), F.max("latency").alias("mx"))`,
  },
  {
    name: "stat-crosstab",
    ts: (spark) => spark.table("logs").stat.crosstab("service", "level"),
    py: `spark.table("logs").stat.crosstab("service", "level")`,
  },
  {
    name: "stat-freq-items",
    ts: (spark) =>
      spark.table("logs").freqItems(["level"], 0.4).select(F.sort_array("level_freqItems").alias("items")),
    py: `spark.table("logs").freqItems(["level"], 0.4).select(F.sort_array("level_freqItems").alias("items"))`,
  },
  {
    name: "stat-sample-by",
    ts: (spark) =>
      spark
        .range(100)
        .selectExpr("id", "id % 3 AS k")
        .sampleBy(
          "k",
          new Map([
            [0, 0.5],
            [1, 1.0],
          ]),
          7,
        ),
    py: `spark.range(100).selectExpr("id", "id % 3 AS k").sampleBy("k", {0: 0.5, 1: 1.0}, 7)`,
  },
  {
    name: "stat-values-as-a-row",
    ts: async (spark) => {
      const logs = spark.table("logs");
      const [corr, cov, quantiles] = await Promise.all([
        logs.stat.corr("latency", "bytes"),
        logs.stat.cov("id", "score"),
        logs.approxQuantile(["latency", "score"], [0.25, 0.5, 1.0], 0),
      ]);
      return spark.createDataFrame(
        [[corr, cov, quantiles]],
        "corr DOUBLE, cov DOUBLE, q ARRAY<ARRAY<DOUBLE>>",
      );
    },
    py: `logs = spark.table("logs")
df = spark.createDataFrame([(logs.stat.corr("latency", "bytes"), logs.stat.cov("id", "score"), logs.approxQuantile(["latency", "score"], [0.25, 0.5, 1.0], 0))], "corr DOUBLE, cov DOUBLE, q ARRAY<ARRAY<DOUBLE>>")`,
  },
  {
    name: "random-split-with-a-seed",
    ts: (spark) => {
      const [a, b] = spark
        .range(50)
        .randomSplit([0.3, 0.7], 11)
        .map((split, i) => split.withColumn("part", lit(i === 0 ? "a" : "b")));
      if (!a || !b) throw new Error("randomSplit gave fewer than two DataFrames");
      return a.union(b);
    },
    py: `a, b = spark.range(50).randomSplit([0.3, 0.7], 11)
df = a.withColumn("part", F.lit("a")).union(b.withColumn("part", F.lit("b")))`,
  },
  {
    name: "unpivot",
    ts: (spark) =>
      spark
        .table("logs")
        .select("id", "latency", "bytes")
        .unpivot("id", ["latency", "bytes"], "metric", "value"),
    py: `spark.table("logs").select("id", "latency", "bytes").unpivot("id", ["latency", "bytes"], "metric", "value")`,
  },
  {
    name: "melt-of-all-other-columns",
    ts: (spark) => spark.table("logs").select("id", "service", "level").melt(["id"], undefined, "k", "v"),
    py: `spark.table("logs").select("id", "service", "level").melt(["id"], None, "k", "v")`,
  },
  {
    name: "transpose",
    ts: (spark) => spark.table("services").select("service", "team").transpose(),
    py: `spark.table("services").select("service", "team").transpose()`,
  },
  {
    name: "transpose-by-an-index-column",
    ts: (spark) => spark.table("services").select("team", "service").transpose(col("service")),
    py: `spark.table("services").select("team", "service").transpose(F.col("service"))`,
  },
  {
    name: "to-json",
    ts: (spark) => spark.table("logs").drop("attrs").toJSON(),
    py: `spark.table("logs").drop("attrs").toJSON()`,
  },
  {
    name: "replace-a-map",
    ts: (spark) => spark.table("logs").replace({ INFO: "I", ERROR: "E" }),
    py: `spark.table("logs").replace({"INFO": "I", "ERROR": "E"})`,
  },
  {
    name: "replace-lists-in-a-subset",
    ts: (spark) => spark.table("logs").replace([1, 2], [10, 20], ["id", "latency"]),
    py: `spark.table("logs").replace([1, 2], [10, 20], ["id", "latency"])`,
  },
  {
    name: "replace-one-value",
    ts: (spark) => spark.table("logs").replace("api", "gateway"),
    py: `spark.table("logs").replace("api", "gateway")`,
  },
  {
    name: "grouping-sets",
    ts: (spark) =>
      spark
        .table("logs")
        .groupingSets([["service"], ["level"], []], "service", "level")
        .agg(F.count("*").alias("n"), F.sum("latency").alias("s")),
    py: `spark.table("logs").groupingSets([["service"], ["level"], []], "service", "level").agg(F.count("*").alias("n"), F.sum("latency").alias("s"))`,
  },
  {
    name: "col-regex",
    ts: (spark) => {
      const logs = spark.table("logs");
      return logs.select(logs.colRegex("`(id|l.*)`"));
    },
    py: `logs = spark.table("logs")
df = logs.select(logs.colRegex("\`(id|l.*)\`"))`,
  },
  {
    name: "same-semantics-and-semantic-hash",
    ts: async (spark) => {
      const a = spark.table("logs").select("id").where("id > 2");
      const b = spark.table("logs").where("id > 2").select("id");
      const c = spark.table("logs").select("id");
      const same = [
        await a.sameSemantics(b),
        await a.sameSemantics(c),
        (await a.semanticHash()) === (await b.semanticHash()),
      ];
      return spark.createDataFrame([same], "ab BOOLEAN, ac BOOLEAN, hash BOOLEAN");
    },
    py: `a = spark.table("logs").select("id").where("id > 2")
b = spark.table("logs").where("id > 2").select("id")
c = spark.table("logs").select("id")
df = spark.createDataFrame([(a.sameSemantics(b), a.sameSemantics(c), a.semanticHash() == b.semanticHash())], "ab BOOLEAN, ac BOOLEAN, hash BOOLEAN")`,
  },
  {
    name: "empty-data-frame",
    ts: (spark) => spark.emptyDataFrame("a INT, b ARRAY<STRING>"),
    py: `spark.emptyDataFrame("a INT, b ARRAY<STRING>")`,
  },
  {
    name: "tvf-range",
    ts: (spark) => spark.tvf.range(2, 20, 5),
    py: `spark.tvf.range(2, 20, 5)`,
  },
  {
    name: "tvf-explode-and-posexplode",
    ts: (spark) =>
      spark.tvf
        .explode(F.array(lit(1), lit(2)))
        .toDF("n")
        .crossJoin(spark.tvf.posexplode(F.array(lit("a"), lit("b")))),
    py: `spark.tvf.explode(F.array(F.lit(1), F.lit(2))).toDF("n").crossJoin(spark.tvf.posexplode(F.array(F.lit("a"), F.lit("b"))))`,
  },
  {
    name: "tvf-inline-and-stack",
    ts: (spark) =>
      spark.tvf
        .inline(F.array(F.named_struct(lit("a"), lit(1), lit("b"), lit("x"))))
        .crossJoin(spark.tvf.stack(lit(2), lit(1), lit(2), lit(3), lit(4))),
    py: `spark.tvf.inline(F.array(F.named_struct(F.lit("a"), F.lit(1), F.lit("b"), F.lit("x")))).crossJoin(spark.tvf.stack(F.lit(2), F.lit(1), F.lit(2), F.lit(3), F.lit(4)))`,
  },
  {
    name: "tvf-json-tuple",
    ts: (spark) => spark.tvf.json_tuple(lit('{"a": 1, "b": "x"}'), lit("a"), lit("b")),
    py: `spark.tvf.json_tuple(F.lit('{"a": 1, "b": "x"}'), F.lit("a"), F.lit("b"))`,
  },
  {
    name: "write-to-a-new-partitioned-table",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_v2_ts");
      const rows = spark.table("logs").select("id", "service", "level");
      await rows
        .writeTo("conformance_v2_ts")
        .using("parquet")
        .partitionedBy("level")
        .tableProperty("owner", "conformance")
        .create();
      return spark.table("conformance_v2_ts");
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_v2_py")
rows = spark.table("logs").select("id", "service", "level")
rows.writeTo("conformance_v2_py").using("parquet").partitionedBy("level").tableProperty("owner", "conformance").create()
df = spark.table("conformance_v2_py")`,
  },
  {
    name: "v2-append-to-a-v1-table-is-refused",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_append_ts");
      await spark.range(2).writeTo("conformance_append_ts").using("parquet").create();
      await spark.range(2).writeTo("conformance_append_ts").append();
      return spark.table("conformance_append_ts");
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_append_py")
spark.range(2).writeTo("conformance_append_py").using("parquet").create()
spark.range(2).writeTo("conformance_append_py").append()
df = spark.table("conformance_append_py")`,
    fails: true,
  },
  {
    name: "merge-into-a-table-without-merge-support",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_merge_ts");
      await spark.range(3).writeTo("conformance_merge_ts").using("parquet").create();
      const source = spark.range(5);
      await source
        .mergeInto("conformance_merge_ts", col("conformance_merge_ts.id").eq(source.col("id")))
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .merge();
      return spark.table("conformance_merge_ts");
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_merge_py")
spark.range(3).writeTo("conformance_merge_py").using("parquet").create()
source = spark.range(5)
source.mergeInto("conformance_merge_py", F.col("conformance_merge_py.id") == source["id"]).whenMatched().updateAll().whenNotMatched().insertAll().merge()
df = spark.table("conformance_merge_py")`,
    fails: true,
  },
  {
    name: "catalog-listings",
    ts: async (spark) => {
      const fixtureViews = ["events", "instants", "logs", "services", "specials"];
      const tables = (await spark.catalog.listTables()).filter((t) => fixtureViews.includes(t.name));
      const columns = await spark.catalog.listColumns("services");
      return spark.createDataFrame(
        [
          ...tables.map((t) => [`table:${t.name}`, t.tableType, t.isTemporary]),
          ...columns.map((c) => [`column:${c.name}`, c.dataType, c.nullable]),
          ["database", await spark.catalog.currentDatabase(), await spark.catalog.databaseExists("default")],
          ["catalog", await spark.catalog.currentCatalog(), await spark.catalog.tableExists("logs")],
          ["function", "upper", await spark.catalog.functionExists("upper")],
        ],
        "what STRING, detail STRING, flag BOOLEAN",
      );
    },
    py: `fixture_views = ["events", "instants", "logs", "services", "specials"]
tables = [t for t in spark.catalog.listTables() if t.name in fixture_views]
columns = spark.catalog.listColumns("services")
df = spark.createDataFrame(
    [("table:" + t.name, t.tableType, t.isTemporary) for t in tables]
    + [("column:" + c.name, c.dataType, c.nullable) for c in columns]
    + [("database", spark.catalog.currentDatabase(), spark.catalog.databaseExists("default")),
       ("catalog", spark.catalog.currentCatalog(), spark.catalog.tableExists("logs")),
       ("function", "upper", spark.catalog.functionExists("upper"))],
    "what STRING, detail STRING, flag BOOLEAN")`,
  },
  {
    name: "catalog-cache-and-drop-temp-view",
    ts: async (spark) => {
      // Spark's cache manager is shared by every session on the server and both clients run side
      // by side, so each caches a plan of its own: the same plan would be uncached under the other.
      await spark
        .table("services")
        .withColumn("client", lit("ts"))
        .createOrReplaceTempView("cached_services_ts");
      await spark.catalog.cacheTable("cached_services_ts");
      const cached = await spark.catalog.isCached("cached_services_ts");
      await spark.catalog.uncacheTable("cached_services_ts");
      const uncached = await spark.catalog.isCached("cached_services_ts");
      const dropped = await spark.catalog.dropTempView("cached_services_ts");
      const again = await spark.catalog.dropTempView("cached_services_ts");
      return spark.createDataFrame(
        [[cached, uncached, dropped, again]],
        "cached BOOLEAN, uncached BOOLEAN, dropped BOOLEAN, again BOOLEAN",
      );
    },
    py: `spark.table("services").withColumn("client", F.lit("py")).createOrReplaceTempView("cached_services_py")
spark.catalog.cacheTable("cached_services_py")
cached = spark.catalog.isCached("cached_services_py")
spark.catalog.uncacheTable("cached_services_py")
uncached = spark.catalog.isCached("cached_services_py")
dropped = spark.catalog.dropTempView("cached_services_py")
again = spark.catalog.dropTempView("cached_services_py")
df = spark.createDataFrame([(cached, uncached, dropped, again)], "cached BOOLEAN, uncached BOOLEAN, dropped BOOLEAN, again BOOLEAN")`,
  },
  {
    name: "storage-level-of-a-cached-frame",
    ts: async (spark) => {
      // A plan of this client's own, as in catalog-cache-and-drop-temp-view.
      const df = await spark.range(3).withColumn("client", lit("ts")).persist(StorageLevel.DISK_ONLY);
      const level = await df.storageLevel();
      const none = await spark.range(4).storageLevel();
      await df.unpersist();
      return spark.createDataFrame(
        [
          [
            level.useDisk,
            level.useMemory,
            level.deserialized,
            level.replication,
            none.useDisk,
            none.useMemory,
          ],
        ],
        "disk BOOLEAN, memory BOOLEAN, deser BOOLEAN, replication INT, none_disk BOOLEAN, none_memory BOOLEAN",
      );
    },
    py: `from pyspark.storagelevel import StorageLevel
cached = spark.range(3).withColumn("client", F.lit("py")).persist(StorageLevel.DISK_ONLY)
level = cached.storageLevel
none = spark.range(4).storageLevel
cached.unpersist()
df = spark.createDataFrame([(level.useDisk, level.useMemory, level.deserialized, level.replication, none.useDisk, none.useMemory)], "disk BOOLEAN, memory BOOLEAN, deser BOOLEAN, replication INT, none_disk BOOLEAN, none_memory BOOLEAN")`,
  },
  {
    name: "observation-metrics-after-an-action",
    ts: async (spark) => {
      const observation = new Observation("metrics_ts");
      const observed = spark
        .table("logs")
        .observe(
          observation,
          F.count("*").alias("n"),
          F.sum("latency").alias("total"),
          F.max("ts").alias("last"),
        );
      await observed.collect();
      const metrics = observation.get();
      return spark.createDataFrame(
        [[metrics.n, metrics.total, metrics.last]],
        "n BIGINT, total BIGINT, last TIMESTAMP",
      );
    },
    py: `observation = Observation("metrics_py")
observed = spark.table("logs").observe(observation, F.count("*").alias("n"), F.sum("latency").alias("total"), F.max("ts").alias("last"))
observed.collect()
metrics = observation.get
df = spark.createDataFrame([(metrics["n"], metrics["total"], metrics["last"])], "n BIGINT, total BIGINT, last TIMESTAMP")`,
  },
  {
    name: "drop-duplicates-snake-case",
    ts: (spark) => spark.table("logs").drop_duplicates(["service"]).select("service"),
    py: `spark.table("logs").drop_duplicates(["service"]).select("service")`,
  },
  {
    name: "is-cached-before-and-after-persist",
    ts: async (spark) => {
      // A plan of this client's own: the cache manager is shared by both clients' sessions.
      const df = spark.range(3).withColumn("client", lit("is_cached_ts"));
      const before = await df.is_cached();
      await df.persist(StorageLevel.MEMORY_ONLY);
      const during = await df.is_cached();
      await df.unpersist();
      return spark.createDataFrame(
        [[before, during, await df.is_cached()]],
        "before BOOLEAN, during BOOLEAN, after BOOLEAN",
      );
    },
    py: `cached = spark.range(3).withColumn("client", F.lit("is_cached_py"))
before = cached.is_cached
from pyspark.storagelevel import StorageLevel
cached.persist(StorageLevel.MEMORY_ONLY)
during = cached.is_cached
cached.unpersist()
df = spark.createDataFrame([(before, during, cached.is_cached)], "before BOOLEAN, during BOOLEAN, after BOOLEAN")`,
  },
  {
    name: "register-temp-table",
    ts: async (spark) => {
      await spark.table("services").where("tier = 1").registerTempTable("registered_ts");
      return spark.table("registered_ts");
    },
    py: `spark.table("services").where("tier = 1").registerTempTable("registered_py")
df = spark.table("registered_py")`,
  },
  {
    name: "repartition-by-range-keeps-rows",
    ts: (spark) =>
      spark.table("logs").repartitionByRange(2, col("latency").desc(), "id").select("id", "latency"),
    py: `spark.table("logs").repartitionByRange(2, F.col("latency").desc(), "id").select("id", "latency")`,
  },
  {
    name: "repartition-by-range-without-a-count",
    ts: (spark) => spark.range(10).repartitionByRange("id").select("id"),
    py: `spark.range(10).repartitionByRange("id").select("id")`,
  },
  {
    name: "repartition-by-id-places-rows-by-their-number",
    ts: (spark) =>
      spark
        .range(9)
        .repartitionById(3, col("id").mod(3).cast("int"))
        .select("id", F.spark_partition_id().alias("partition")),
    py: `spark.range(9).repartitionById(3, (F.col("id") % 3).cast("int")).select("id", F.spark_partition_id().alias("partition"))`,
  },
  {
    name: "local-checkpoint",
    ts: async (spark) => (await spark.table("logs").select("id", "ts").localCheckpoint()).where("id > 3"),
    py: `spark.table("logs").select("id", "ts").localCheckpoint().where("id > 3")`,
  },
  {
    name: "local-checkpoint-lazy-with-a-storage-level",
    ts: async (spark) => spark.range(4).localCheckpoint(false, StorageLevel.DISK_ONLY),
    py: `from pyspark.storagelevel import StorageLevel
df = spark.range(4).localCheckpoint(False, StorageLevel.DISK_ONLY)`,
  },
  {
    name: "checkpoint-without-a-checkpoint-directory",
    ts: async (spark) => spark.range(4).checkpoint(),
    py: `spark.range(4).checkpoint()`,
    fails: true,
  },
  {
    name: "spark-session-of-a-frame",
    ts: (spark) => spark.table("logs").sparkSession.range(3),
    py: `spark.table("logs").sparkSession.range(3)`,
  },
  {
    name: "to-a-schema-reorders-and-casts",
    ts: (spark) =>
      spark.table("logs").select("id", "service", "latency").to("latency BIGINT, service STRING"),
    py: `spark.table("logs").select("id", "service", "latency").to(T.StructType([T.StructField("latency", T.LongType()), T.StructField("service", T.StringType())]))`,
  },
  {
    name: "to-a-schema-of-columns-without-nulls",
    ts: (spark) =>
      spark.table("services").to(T.struct([T.field("tier", T.long()), T.field("service", T.string())])),
    py: `spark.table("services").to(T.StructType([T.StructField("tier", T.LongType()), T.StructField("service", T.StringType())]))`,
    difference: "to-schema-reports-the-given-schema",
  },
  {
    name: "to-a-schema-with-a-column-the-input-lacks",
    ts: (spark) => spark.table("services").to("owner STRING"),
    py: `spark.table("services").to(T.StructType([T.StructField("owner", T.StringType())]))`,
  },
  {
    name: "transform-with-arguments",
    ts: (spark) => {
      const scaled = (df: ReturnType<typeof spark.range>, by: number) =>
        df.withColumn("scaled", col("id").multiply(by));
      return spark.range(4).transform(scaled, 10);
    },
    py: `def scaled(df, by):
    return df.withColumn("scaled", F.col("id") * by)
df = spark.range(4).transform(scaled, 10)`,
  },
  {
    name: "zip-with-index",
    ts: (spark) => spark.range(5, 10).zipWithIndex(),
    py: `spark.range(5, 10).zipWithIndex()`,
  },
  {
    name: "zip-with-index-named",
    ts: (spark) => spark.table("services").orderBy("service").zipWithIndex("n"),
    py: `spark.table("services").orderBy("service").zipWithIndex("n")`,
  },
  {
    name: "metadata-column-of-a-file-table",
    ts: async (spark) => {
      await spark.range(3).write.mode("overwrite").saveAsTable("conformance_metadata_ts");
      const table = spark.table("conformance_metadata_ts");
      return table.select(
        "id",
        table.metadataColumn("_metadata").getField("file_name").endswith(".parquet").alias("parquet"),
      );
    },
    py: `spark.range(3).write.mode("overwrite").saveAsTable("conformance_metadata_py")
table = spark.table("conformance_metadata_py")
df = table.select("id", table.metadataColumn("_metadata").getField("file_name").endswith(".parquet").alias("parquet"))`,
  },
  {
    name: "with-metadata-sets-the-field-metadata",
    ts: async (spark) => {
      const df = spark.table("services").withMetadata("tier", { comment: "support tier", level: 2 });
      const field = (await df.schema()).fields.find((f) => f.name === "tier");
      return spark.createDataFrame([[JSON.parse(field?.metadata ?? "{}").comment ?? null]], "comment STRING");
    },
    py: `field = spark.table("services").withMetadata("tier", {"comment": "support tier", "level": 2}).schema["tier"]
df = spark.createDataFrame([(field.metadata.get("comment"),)], "comment STRING")`,
  },
  {
    name: "execution-info-after-an-action",
    ts: async (spark) => {
      const df = spark.table("logs").observe("flow", F.count("*").alias("n"));
      const before = df.executionInfo === undefined;
      await df.collect();
      const info = df.executionInfo;
      const flows = info?.flows ?? [];
      return spark.createDataFrame(
        [[before, info?.metrics !== undefined, flows.length, flows[0]?.[0] ?? null, Number(flows[0]?.[1].n)]],
        "before_none BOOLEAN, has_metrics BOOLEAN, flows INT, flow STRING, n BIGINT",
      );
    },
    py: `observed = spark.table("logs").observe("flow", F.count("*").alias("n"))
before = observed.executionInfo is None
observed.collect()
info = observed.executionInfo
df = spark.createDataFrame([(before, info.metrics is not None, len(info.flows), info.flows[0][0], info.flows[0][1]["n"])], "before_none BOOLEAN, has_metrics BOOLEAN, flows INT, flow STRING, n BIGINT")`,
  },
]);
