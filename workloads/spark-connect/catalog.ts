import type { MessageInitShape } from "@bufbuild/protobuf";
import { DataFrame } from "./dataframe.ts";
import type { CatalogSchema } from "./gen/spark/connect/catalog_pb.ts";
import type { Row } from "./rows.ts";
import type { SparkSession } from "./session.ts";
import { StorageLevel } from "./storage-level.ts";
import { parseDDL, type StructType } from "./types.ts";
import { dataTypeToProto } from "./types-proto.ts";

type CatalogCase = NonNullable<MessageInitShape<typeof CatalogSchema>["catType"]>;

/** A catalog, as PySpark's `CatalogMetadata`. */
export interface CatalogMetadata {
  name: string;
  description: string | null;
}
/** A database (namespace), as PySpark's `Database`. */
export interface Database {
  name: string;
  catalog: string | null;
  description: string | null;
  locationUri: string;
}
/** A table or view, as PySpark's `Table`. */
export interface Table {
  name: string;
  catalog: string | null;
  namespace: string[] | null;
  description: string | null;
  tableType: string;
  isTemporary: boolean;
}
/** A column of a table, as PySpark's `Column` of the catalog. */
export interface CatalogColumn {
  name: string;
  description: string | null;
  dataType: string;
  nullable: boolean;
  isPartition: boolean;
  isBucket: boolean;
  isCluster: boolean;
}
/** A partition of a table, as PySpark's `TablePartition`: its spec, such as `"level=INFO"`. */
export interface TablePartition {
  partition: string;
}
/** A function, as PySpark's `Function`. */
export interface CatalogFunction {
  name: string;
  catalog: string | null;
  namespace: string[] | null;
  description: string | null;
  className: string;
  isTemporary: boolean;
}

/**
 * `spark.catalog`: databases, tables, functions and caching, as PySpark's Catalog. Every call
 * runs a Catalog relation on the server at once; the listing calls return plain objects, and
 * `createTable` returns the new table as a lazy DataFrame.
 */
export class Catalog {
  constructor(private readonly session: SparkSession) {}

  private frame(catType: CatalogCase): DataFrame {
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: { case: "catalog", value: { catType } },
    });
  }

  private rows<T>(catType: CatalogCase): Promise<T[]> {
    return this.frame(catType).collect({ int64: "number" }) as Promise<T[]>;
  }

  /** The first column of the only row: the answer of the calls that return one value. */
  private async value<T>(catType: CatalogCase): Promise<T> {
    const [row] = await this.rows<Row>(catType);
    return Object.values(row ?? {})[0] as T;
  }

  private async run(catType: CatalogCase): Promise<void> {
    await this.rows(catType);
  }

  currentCatalog(): Promise<string> {
    return this.value({ case: "currentCatalog", value: {} });
  }
  setCurrentCatalog(catalogName: string): Promise<void> {
    return this.run({ case: "setCurrentCatalog", value: { catalogName } });
  }
  listCatalogs(pattern?: string): Promise<CatalogMetadata[]> {
    return this.rows({ case: "listCatalogs", value: { pattern } });
  }
  currentDatabase(): Promise<string> {
    return this.value({ case: "currentDatabase", value: {} });
  }
  setCurrentDatabase(dbName: string): Promise<void> {
    return this.run({ case: "setCurrentDatabase", value: { dbName } });
  }
  listDatabases(pattern?: string): Promise<Database[]> {
    return this.rows({ case: "listDatabases", value: { pattern } });
  }
  async getDatabase(dbName: string): Promise<Database> {
    const [database] = await this.rows<Database>({ case: "getDatabase", value: { dbName } });
    return database as Database;
  }
  databaseExists(dbName: string): Promise<boolean> {
    return this.value({ case: "databaseExists", value: { dbName } });
  }
  /** Tables and views of the current (or the given) database, temporary views included. */
  listTables(dbName?: string, pattern?: string): Promise<Table[]> {
    return this.rows({ case: "listTables", value: { dbName, pattern } });
  }
  async getTable(tableName: string): Promise<Table> {
    const [table] = await this.rows<Table>({ case: "getTable", value: { tableName } });
    return table as Table;
  }
  tableExists(tableName: string, dbName?: string): Promise<boolean> {
    return this.value({ case: "tableExists", value: { tableName, dbName } });
  }
  listColumns(tableName: string, dbName?: string): Promise<CatalogColumn[]> {
    return this.rows({ case: "listColumns", value: { tableName, dbName } });
  }
  listFunctions(dbName?: string, pattern?: string): Promise<CatalogFunction[]> {
    return this.rows({ case: "listFunctions", value: { dbName, pattern } });
  }
  async getFunction(functionName: string): Promise<CatalogFunction> {
    const [fn] = await this.rows<CatalogFunction>({ case: "getFunction", value: { functionName } });
    return fn as CatalogFunction;
  }
  functionExists(functionName: string, dbName?: string): Promise<boolean> {
    return this.value({ case: "functionExists", value: { functionName, dbName } });
  }

  /**
   * Creates a table (managed, or external when `path` is given) and returns it as a DataFrame.
   * `schema` as a StructType or DDL; `source` the data source (the session's default otherwise).
   */
  async createTable(
    tableName: string,
    options: {
      path?: string;
      source?: string;
      schema?: StructType | string;
      description?: string;
      options?: Record<string, string>;
    } = {},
  ): Promise<DataFrame> {
    const schema = typeof options.schema === "string" ? parseDDL(options.schema) : options.schema;
    await this.run({
      case: "createTable",
      value: {
        tableName,
        path: options.path,
        source: options.source,
        description: options.description,
        schema: schema ? dataTypeToProto(schema) : undefined,
        options: options.options ?? {},
      },
    });
    return this.session.table(tableName);
  }

  /** The deprecated name of `createTable` (PySpark keeps it for old code). */
  createExternalTable(
    tableName: string,
    options: Parameters<Catalog["createTable"]>[1] = {},
  ): Promise<DataFrame> {
    return this.createTable(tableName, options);
  }
  /** Drops a table (a view too); fails when it does not exist unless `ifExists`; `purge` skips the trash. */
  dropTable(tableName: string, ifExists = false, purge = false): Promise<void> {
    return this.run({ case: "dropTable", value: { tableName, ifExists, purge } });
  }
  /** Drops a view of the catalog; fails when it does not exist unless `ifExists`. */
  dropView(viewName: string, ifExists = false): Promise<void> {
    return this.run({ case: "dropView", value: { viewName, ifExists } });
  }
  /** Creates a database (namespace) with optional properties; `ifNotExists` tolerates an existing one. */
  createDatabase(
    dbName: string,
    ifNotExists = false,
    properties: Record<string, string> = {},
  ): Promise<void> {
    return this.run({ case: "createDatabase", value: { dbName, ifNotExists, properties } });
  }
  /** Drops a database; `cascade` drops its tables too, else it must be empty. */
  dropDatabase(dbName: string, ifExists = false, cascade = false): Promise<void> {
    return this.run({ case: "dropDatabase", value: { dbName, ifExists, cascade } });
  }
  /** The partitions of a partitioned table. */
  listPartitions(tableName: string): Promise<TablePartition[]> {
    return this.rows({ case: "listPartitions", value: { tableName } });
  }
  /** The views of the current (or the given) database, temporary views included; `pattern` filters names. */
  async listViews(dbName?: string, pattern?: string): Promise<Table[]> {
    // As PySpark: a pattern applies to a database, the current one when none is named.
    const database = pattern !== undefined && dbName === undefined ? await this.currentDatabase() : dbName;
    return this.rows({ case: "listViews", value: { dbName: database, pattern } });
  }
  /** The table's properties (TBLPROPERTIES) by key. */
  async getTableProperties(tableName: string): Promise<Record<string, string>> {
    const rows = await this.rows<Row>({ case: "getTableProperties", value: { tableName } });
    return Object.fromEntries(rows.map((row) => Object.values(row).map(String) as [string, string]));
  }
  /** The `CREATE TABLE` statement of a table (as Hive DDL when `asSerde`). */
  async getCreateTableString(tableName: string, asSerde = false): Promise<string> {
    const [row] = await this.rows<Row>({ case: "getCreateTableString", value: { tableName, asSerde } });
    return row === undefined ? "" : String(Object.values(row)[0]);
  }
  /** Removes every row of a table, keeping the table. */
  truncateTable(tableName: string): Promise<void> {
    return this.run({ case: "truncateTable", value: { tableName } });
  }
  /** Computes the table's statistics for the optimizer (`noScan`: sizes only, without reading rows). */
  analyzeTable(tableName: string, noScan = false): Promise<void> {
    return this.run({ case: "analyzeTable", value: { tableName, noScan } });
  }

  /** Drops a temporary view; true when it existed. */
  dropTempView(viewName: string): Promise<boolean> {
    return this.value({ case: "dropTempView", value: { viewName } });
  }
  dropGlobalTempView(viewName: string): Promise<boolean> {
    return this.value({ case: "dropGlobalTempView", value: { viewName } });
  }
  isCached(tableName: string): Promise<boolean> {
    return this.value({ case: "isCached", value: { tableName } });
  }
  cacheTable(tableName: string, storageLevel: StorageLevel = StorageLevel.MEMORY_AND_DISK): Promise<void> {
    return this.run({ case: "cacheTable", value: { tableName, storageLevel } });
  }
  uncacheTable(tableName: string): Promise<void> {
    return this.run({ case: "uncacheTable", value: { tableName } });
  }
  clearCache(): Promise<void> {
    return this.run({ case: "clearCache", value: {} });
  }
  refreshTable(tableName: string): Promise<void> {
    return this.run({ case: "refreshTable", value: { tableName } });
  }
  refreshByPath(path: string): Promise<void> {
    return this.run({ case: "refreshByPath", value: { path } });
  }
  recoverPartitions(tableName: string): Promise<void> {
    return this.run({ case: "recoverPartitions", value: { tableName } });
  }
}
