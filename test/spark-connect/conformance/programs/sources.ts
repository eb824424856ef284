import { col, functions as F } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/** The folder of a table's data files, from the files the table reads (no path of this machine is named). */
const folderOf = (files: string[]) => (files[0] ?? "").slice(0, (files[0] ?? "").lastIndexOf("/"));

/**
 * Data sources and sinks beyond the common file formats, each on tables of its client's own. */
export const sourcePrograms = group("sources", [
  {
    name: "xml-written-and-read-back",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_xml_ts");
      await spark
        .table("services")
        .write.format("xml")
        .option("rowTag", "service")
        .saveAsTable("conformance_xml_ts");
      const folder = folderOf(await spark.table("conformance_xml_ts").inputFiles());
      return spark.read
        .option("rowTag", "service")
        .schema("service STRING, team STRING, tier INT")
        .xml(folder);
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_xml_py")
spark.table("services").write.format("xml").option("rowTag", "service").saveAsTable("conformance_xml_py")
folder = spark.table("conformance_xml_py").inputFiles()[0].rsplit("/", 1)[0]
df = spark.read.option("rowTag", "service").schema("service STRING, team STRING, tier INT").xml(folder)`,
  },
  {
    name: "xml-writer-to-a-path",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_xml_path_ts");
      await spark.range(2).write.saveAsTable("conformance_xml_path_ts");
      const folder = `${folderOf(await spark.table("conformance_xml_path_ts").inputFiles())}-xml`;
      await spark.range(3).write.mode("overwrite").option("rowTag", "r").xml(folder);
      return spark.read.option("rowTag", "r").xml(folder);
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_xml_path_py")
spark.range(2).write.saveAsTable("conformance_xml_path_py")
folder = spark.table("conformance_xml_path_py").inputFiles()[0].rsplit("/", 1)[0] + "-xml"
spark.range(3).write.mode("overwrite").option("rowTag", "r").xml(folder)
df = spark.read.option("rowTag", "r").xml(folder)`,
  },
  {
    name: "jdbc-read-with-both-a-table-and-a-query",
    ts: (spark) => spark.read.jdbc("jdbc:conformance:none", "logs", { properties: { query: "SELECT 1" } }),
    py: `spark.read.jdbc("jdbc:conformance:none", "logs", properties={"query": "SELECT 1"})`,
    fails: true,
  },
  {
    name: "jdbc-read-by-predicates-with-both-a-table-and-a-query",
    ts: (spark) =>
      spark.read.jdbc("jdbc:conformance:none", "logs", {
        predicates: ["id < 3", "id >= 3"],
        properties: { query: "SELECT 1" },
      }),
    py: `spark.read.jdbc("jdbc:conformance:none", "logs", predicates=["id < 3", "id >= 3"], properties={"query": "SELECT 1"})`,
    fails: true,
  },
  {
    name: "jdbc-write-with-both-a-table-and-a-query",
    ts: async (spark) => {
      await spark.range(2).write.jdbc("jdbc:conformance:none", "t", "append", { query: "SELECT 1" });
      return spark.range(1);
    },
    py: `spark.range(2).write.jdbc("jdbc:conformance:none", "t", "append", {"query": "SELECT 1"})
df = spark.range(1)`,
    fails: true,
  },
  {
    name: "changes-of-a-table-without-a-change-feed",
    ts: async (spark) => {
      await spark.sql("CREATE TABLE IF NOT EXISTS conformance_changes_ts (id BIGINT) USING parquet");
      return spark.read.option("startingVersion", "0").changes("conformance_changes_ts");
    },
    py: `spark.sql("CREATE TABLE IF NOT EXISTS conformance_changes_py (id BIGINT) USING parquet")
df = spark.read.option("startingVersion", "0").changes("conformance_changes_py")`,
    fails: true,
  },
  {
    name: "streaming-changes-of-a-table-without-a-change-feed",
    ts: async (spark) => {
      await spark.sql("CREATE TABLE IF NOT EXISTS conformance_changes_ts (id BIGINT) USING parquet");
      const stream = spark.readStream.changes("conformance_changes_ts");
      return spark.createDataFrame([[await stream.isStreaming()]], "streaming BOOLEAN");
    },
    py: `spark.sql("CREATE TABLE IF NOT EXISTS conformance_changes_py (id BIGINT) USING parquet")
stream = spark.readStream.changes("conformance_changes_py")
df = spark.createDataFrame([(stream.isStreaming,)], "streaming BOOLEAN")`,
    fails: true,
  },
  {
    name: "streaming-orc-and-xml-sources",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_orc_ts");
      await spark.range(3).write.format("orc").saveAsTable("conformance_orc_ts");
      const folder = folderOf(await spark.table("conformance_orc_ts").inputFiles());
      const orc = spark.readStream.schema("id BIGINT").orc(folder);
      const xml = spark.readStream.schema("id BIGINT").option("rowTag", "r").xml(folder);
      const fields = async (df: typeof orc) =>
        (await df.schema()).fields.map((f) => `${f.name}:${f.dataType.kind}`);
      return spark.createDataFrame(
        [
          ["orc", await orc.isStreaming(), await fields(orc)],
          ["xml", await xml.isStreaming(), await fields(xml)],
        ],
        "source STRING, streaming BOOLEAN, fields ARRAY<STRING>",
      );
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_orc_py")
spark.range(3).write.format("orc").saveAsTable("conformance_orc_py")
folder = spark.table("conformance_orc_py").inputFiles()[0].rsplit("/", 1)[0]
orc = spark.readStream.schema("id BIGINT").orc(folder)
xml = spark.readStream.schema("id BIGINT").option("rowTag", "r").xml(folder)
kinds = {"LongType()": "long"}
fields = lambda df: [f.name + ":" + kinds.get(repr(f.dataType), repr(f.dataType)) for f in df.schema.fields]
df = spark.createDataFrame([("orc", orc.isStreaming, fields(orc)), ("xml", xml.isStreaming, fields(xml))], "source STRING, streaming BOOLEAN, fields ARRAY<STRING>")`,
  },
  {
    name: "cluster-by-on-save-as-table",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_clustered_ts");
      await spark
        .table("logs")
        .select("id", "service")
        .write.clusterBy("service")
        .saveAsTable("conformance_clustered_ts");
      const { clusteringColumns } = await spark.catalog.getTableProperties("conformance_clustered_ts");
      return spark
        .table("conformance_clustered_ts")
        .withColumn("clustering", F.lit(clusteringColumns ?? null))
        .where(col("id").lt(4));
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_clustered_py")
spark.table("logs").select("id", "service").write.clusterBy("service").saveAsTable("conformance_clustered_py")
clustering = spark.catalog.getTableProperties("conformance_clustered_py").get("clusteringColumns")
df = spark.table("conformance_clustered_py").withColumn("clustering", F.lit(clustering)).where(F.col("id") < 4)`,
  },
  {
    name: "streaming-query-into-a-clustered-table",
    ts: async (spark) => {
      await spark.sql("DROP TABLE IF EXISTS conformance_stream_source_ts");
      await spark.sql("DROP TABLE IF EXISTS conformance_stream_clustered_ts");
      await spark.range(4).write.saveAsTable("conformance_stream_source_ts");
      const folder = folderOf(await spark.table("conformance_stream_source_ts").inputFiles());
      const query = await spark.readStream
        .schema("id BIGINT")
        .parquet(folder)
        .writeStream.queryName("conformance_stream_ts")
        .clusterBy("id")
        .trigger({ availableNow: true })
        // Inside the source's folder (hidden from the file source by its "_"), dropped with it.
        .option("checkpointLocation", `${folder}/_checkpoint`)
        .toTable("conformance_stream_clustered_ts");
      await query.awaitTermination();
      const { clusteringColumns } = await spark.catalog.getTableProperties("conformance_stream_clustered_ts");
      return spark
        .table("conformance_stream_clustered_ts")
        .withColumn("named", F.lit(query.name === "conformance_stream_ts"))
        .withColumn(
          "ids",
          F.lit(query.id.length === 36 && query.runId.length === 36 && query.id !== query.runId),
        )
        .withColumn("clustering", F.lit(clusteringColumns ?? null));
    },
    py: `spark.sql("DROP TABLE IF EXISTS conformance_stream_source_py")
spark.sql("DROP TABLE IF EXISTS conformance_stream_clustered_py")
spark.range(4).write.saveAsTable("conformance_stream_source_py")
folder = spark.table("conformance_stream_source_py").inputFiles()[0].rsplit("/", 1)[0]
query = spark.readStream.schema("id BIGINT").parquet(folder).writeStream.queryName("conformance_stream_py").clusterBy("id").trigger(availableNow=True).option("checkpointLocation", folder + "/_checkpoint").toTable("conformance_stream_clustered_py")
query.awaitTermination()
clustering = spark.catalog.getTableProperties("conformance_stream_clustered_py").get("clusteringColumns")
df = (spark.table("conformance_stream_clustered_py")
    .withColumn("named", F.lit(query.name == "conformance_stream_py"))
    .withColumn("ids", F.lit(len(query.id) == 36 and len(query.runId) == 36 and query.id != query.runId))
    .withColumn("clustering", F.lit(clustering)))`,
  },
]);
