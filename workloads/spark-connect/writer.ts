import type { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import {
  WriteOperation_SaveMode as SaveMode,
  WriteOperation_SaveTable_TableSaveMethod as TableSaveMethod,
} from "./gen/spark/connect/commands_pb.ts";
import { OptionsBuilder } from "./options-builder.ts";

export type WriteMode = "append" | "overwrite" | "error" | "errorifexists" | "ignore";

const saveModes: Record<WriteMode, SaveMode> = {
  append: SaveMode.APPEND,
  overwrite: SaveMode.OVERWRITE,
  error: SaveMode.ERROR_IF_EXISTS,
  errorifexists: SaveMode.ERROR_IF_EXISTS,
  ignore: SaveMode.IGNORE,
};

/** `df.write`: a batch write to files or a table. Settings accumulate; `save`/`saveAsTable` run it. */
export class DataFrameWriter extends OptionsBuilder {
  private saveMode: SaveMode = SaveMode.ERROR_IF_EXISTS;
  private partitioningColumns: string[] = [];
  private sortColumns: string[] = [];
  private bucketing: { numBuckets: number; columns: string[] } | undefined;
  private clusteringColumns: string[] = [];

  constructor(private readonly df: DataFrame) {
    super();
  }

  mode(mode: WriteMode): this {
    const saveMode = saveModes[mode];
    if (saveMode === undefined) {
      throw new SparkConnectClientError(
        `Unknown save mode "${mode}"; use ${Object.keys(saveModes).join(", ")}`,
      );
    }
    this.saveMode = saveMode;
    return this;
  }
  partitionBy(...columns: string[]): this {
    this.partitioningColumns = columns;
    return this;
  }
  bucketBy(numBuckets: number, ...columns: string[]): this {
    this.bucketing = { numBuckets, columns };
    return this;
  }
  sortBy(...columns: string[]): this {
    this.sortColumns = columns;
    return this;
  }
  /** Clusters the written table's data by these columns (for table formats that support clustering). */
  clusterBy(...columns: string[]): this {
    if (columns.length === 0) throw new SparkConnectClientError("clusterBy() needs at least one column");
    this.clusteringColumns = columns;
    return this;
  }

  /** Writes to `path` (or the `path` option) in the chosen format. */
  async save(path?: string): Promise<void> {
    await this.run(path === undefined ? undefined : { case: "path", value: path });
  }
  async saveAsTable(tableName: string): Promise<void> {
    await this.run({ case: "table", value: { tableName, saveMethod: TableSaveMethod.SAVE_AS_TABLE } });
  }
  async insertInto(tableName: string, overwrite = false): Promise<void> {
    if (overwrite) this.saveMode = SaveMode.OVERWRITE;
    await this.run({ case: "table", value: { tableName, saveMethod: TableSaveMethod.INSERT_INTO } });
  }
  parquet(path: string): Promise<void> {
    return this.format("parquet").save(path);
  }
  json(path: string): Promise<void> {
    return this.format("json").save(path);
  }
  csv(path: string): Promise<void> {
    return this.format("csv").save(path);
  }
  text(path: string): Promise<void> {
    return this.format("text").save(path);
  }
  orc(path: string): Promise<void> {
    return this.format("orc").save(path);
  }
  /** XML files; the `rowTag` option names each row's element. */
  xml(path: string): Promise<void> {
    return this.format("xml").save(path);
  }
  /** Writes into a table of a database over JDBC (the driver must be on the server's class path). */
  jdbc(url: string, table: string, mode?: WriteMode, properties: Record<string, string> = {}): Promise<void> {
    if (mode !== undefined) this.mode(mode);
    return this.format("jdbc").options(properties).options({ url, dbtable: table }).save();
  }

  private async run(
    saveType:
      | { case: "path"; value: string }
      | { case: "table"; value: { tableName: string; saveMethod: TableSaveMethod } }
      | undefined,
  ): Promise<void> {
    await this.df.session.client.command({
      case: "writeOperation",
      value: {
        input: this.df.relation,
        source: this.formatName,
        saveType,
        mode: this.saveMode,
        options: this.settings,
        partitioningColumns: this.partitioningColumns,
        sortColumnNames: this.sortColumns,
        clusteringColumns: this.clusteringColumns,
        bucketBy: this.bucketing
          ? { bucketColumnNames: this.bucketing.columns, numBuckets: this.bucketing.numBuckets }
          : undefined,
      },
    });
  }
}
