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
