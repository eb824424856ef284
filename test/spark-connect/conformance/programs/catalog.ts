import { lit } from "../../../../workloads/spark-connect/index.ts";
import { group } from "../program.ts";

/**
 * The catalog calls beyond the listings, each on a database of its client's own (both clients
 * share the server's catalog), with the client's suffix taken out of what is compared.
 */
export const catalogPrograms = group("catalog", [
  {
    name: "create-list-and-drop-a-database",
    ts: async (spark) => {
      const db = "conformance_db_ts";
      await spark.catalog.dropDatabase(db, true, true);
      await spark.catalog.createDatabase(db, false, { owner: "conformance" });
      await spark.catalog.createDatabase(db, true);
      const created = await spark.catalog.databaseExists(db);
      await spark.catalog.dropDatabase(db);
      return spark.createDataFrame(
        [[created, await spark.catalog.databaseExists(db)]],
        "created BOOLEAN, exists BOOLEAN",
      );
    },
    py: `db = "conformance_db_py"
spark.catalog.dropDatabase(db, True, True)
spark.catalog.createDatabase(db, False, {"owner": "conformance"})
spark.catalog.createDatabase(db, True)
created = spark.catalog.databaseExists(db)
spark.catalog.dropDatabase(db)
df = spark.createDataFrame([(created, spark.catalog.databaseExists(db))], "created BOOLEAN, exists BOOLEAN")`,
  },
  {
    name: "create-an-existing-database",
    ts: async (spark) => {
      await spark.catalog.createDatabase("conformance_twice_ts", true);
      await spark.catalog.createDatabase("conformance_twice_ts");
      return spark.range(1);
    },
    py: `spark.catalog.createDatabase("conformance_twice_py", True)
spark.catalog.createDatabase("conformance_twice_py")
df = spark.range(1)`,
    fails: true,
  },
  {
    name: "table-partitions-properties-and-statement",
    ts: async (spark) => {
      const table = "conformance_catalog_ts";
      await spark.catalog.dropTable(table, true);
      await spark.sql(
        `CREATE TABLE ${table} (id BIGINT, level STRING) USING parquet PARTITIONED BY (level) TBLPROPERTIES ('team' = 'conformance')`,
      );
      await spark.table("logs").select("id", "level").write.insertInto(table);
      const partitions = await spark.catalog.listPartitions(table);
      const properties = await spark.catalog.getTableProperties(table);
      const statement = (await spark.catalog.getCreateTableString(table)).replaceAll("_ts", "_client");
      return spark.createDataFrame(
        [
          ...partitions.map((p) => ["partition", p.partition]),
          ["team", properties.team ?? null],
          ["statement", statement],
        ],
        "what STRING, value STRING",
      );
    },
    py: `table = "conformance_catalog_py"
spark.catalog.dropTable(table, True)
spark.sql(f"CREATE TABLE {table} (id BIGINT, level STRING) USING parquet PARTITIONED BY (level) TBLPROPERTIES ('team' = 'conformance')")
spark.table("logs").select("id", "level").write.insertInto(table)
partitions = spark.catalog.listPartitions(table)
properties = spark.catalog.getTableProperties(table)
statement = spark.catalog.getCreateTableString(table).replace("_py", "_client")
df = spark.createDataFrame([("partition", p.partition) for p in partitions] + [("team", properties.get("team")), ("statement", statement)], "what STRING, value STRING")`,
  },
  {
    name: "analyze-truncate-and-drop-a-table",
    ts: async (spark) => {
      const table = "conformance_truncate_ts";
      await spark.catalog.dropTable(table, true);
      await spark.range(5).write.saveAsTable(table);
      await spark.catalog.analyzeTable(table);
      await spark.catalog.analyzeTable(table, true);
      const before = await spark.table(table).count();
      await spark.catalog.truncateTable(table);
      const after = await spark.table(table).count();
      await spark.catalog.dropTable(table);
      return spark.createDataFrame(
        [[before, after, await spark.catalog.tableExists(table)]],
        "before BIGINT, after BIGINT, exists BOOLEAN",
      );
    },
    py: `table = "conformance_truncate_py"
spark.catalog.dropTable(table, True)
spark.range(5).write.saveAsTable(table)
spark.catalog.analyzeTable(table)
spark.catalog.analyzeTable(table, True)
before = spark.table(table).count()
spark.catalog.truncateTable(table)
after = spark.table(table).count()
spark.catalog.dropTable(table)
df = spark.createDataFrame([(before, after, spark.catalog.tableExists(table))], "before BIGINT, after BIGINT, exists BOOLEAN")`,
  },
  {
    name: "drop-a-missing-table",
    ts: async (spark) => {
      await spark.catalog.dropTable("conformance_missing_table");
      return spark.range(1);
    },
    py: `spark.catalog.dropTable("conformance_missing_table")
df = spark.range(1)`,
    fails: true,
  },
  {
    name: "list-and-drop-views",
    ts: async (spark) => {
      await spark.sql(
        "CREATE OR REPLACE VIEW conformance_view_ts AS SELECT service FROM VALUES ('api') AS t(service)",
      );
      await spark.table("services").createOrReplaceTempView("conformance_temp_view_ts");
      const listed = (await spark.catalog.listViews(undefined, "conformance_*view_ts")).map((v) => [
        v.name.replace("_ts", "_client"),
        v.tableType,
        v.isTemporary,
      ]);
      await spark.catalog.dropView("conformance_view_ts");
      await spark.catalog.dropView("conformance_view_ts", true);
      const left = await spark.catalog.tableExists("conformance_view_ts");
      return spark.createDataFrame(
        [...listed, ["exists after drop", String(left), false]],
        "name STRING, type STRING, temporary BOOLEAN",
      );
    },
    py: `spark.sql("CREATE OR REPLACE VIEW conformance_view_py AS SELECT service FROM VALUES ('api') AS t(service)")
spark.table("services").createOrReplaceTempView("conformance_temp_view_py")
listed = [(v.name.replace("_py", "_client"), v.tableType, v.isTemporary) for v in spark.catalog.listViews(None, "conformance_*view_py")]
spark.catalog.dropView("conformance_view_py")
spark.catalog.dropView("conformance_view_py", True)
left = spark.catalog.tableExists("conformance_view_py")
df = spark.createDataFrame(listed + [("exists after drop", str(left).lower(), False)], "name STRING, type STRING, temporary BOOLEAN")`,
  },
  {
    name: "create-external-table-over-a-table-path",
    ts: async (spark) => {
      await spark.catalog.dropTable("conformance_external_ts", true);
      await spark.catalog.dropTable("conformance_source_ts", true);
      await spark.range(4).write.saveAsTable("conformance_source_ts");
      const [file] = await spark.table("conformance_source_ts").inputFiles();
      const folder = (file ?? "").slice(0, (file ?? "").lastIndexOf("/"));
      const external = await spark.catalog.createExternalTable("conformance_external_ts", {
        path: folder,
        source: "parquet",
      });
      const table = await spark.catalog.getTable("conformance_external_ts");
      return external.withColumn("type", lit(table.tableType));
    },
    py: `spark.catalog.dropTable("conformance_external_py", True)
spark.catalog.dropTable("conformance_source_py", True)
spark.range(4).write.saveAsTable("conformance_source_py")
folder = spark.table("conformance_source_py").inputFiles()[0].rsplit("/", 1)[0]
external = spark.catalog.createExternalTable("conformance_external_py", folder, "parquet")
df = external.withColumn("type", F.lit(spark.catalog.getTable("conformance_external_py").tableType))`,
  },
]);
