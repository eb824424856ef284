import { type Column, type ColumnOrName, toColumn } from "./column.ts";
import type { DataFrame } from "./dataframe.ts";
import { WriteOperationV2_Mode as Mode } from "./gen/spark/connect/commands_pb.ts";

/**
 * `df.writeTo("catalog.db.table")`: writes to a table through the V2 catalog API, as PySpark's
 * DataFrameWriterV2. Settings are chained; `create`, `replace`, `createOrReplace`, `append`,
 * `overwrite` and `overwritePartitions` run the write.
 */
export class DataFrameWriterV2 {
  private provider: string | undefined;
  private readonly options = new Map<string, string>();
  private readonly properties = new Map<string, string>();
  private partitioning: Column[] = [];
  private clustering: string[] = [];

  constructor(
    private readonly df: DataFrame,
    private readonly table: string,
  ) {}

  /** The table's data source (`parquet`, `delta`…), for the create and replace modes. */
  using(provider: string): this {
    this.provider = provider;
    return this;
  }
  option(key: string, value: string | number | boolean): this {
    this.options.set(key, String(value));
    return this;
  }
  optionsMap(options: Record<string, string | number | boolean>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
  }
  tableProperty(key: string, value: string): this {
    this.properties.set(key, value);
    return this;
  }
  /** Partitioning columns or transforms (`col("day")`, `functions.years(col("ts"))`…). */
  partitionedBy(...columns: ColumnOrName[]): this {
    this.partitioning = columns.map(toColumn);
    return this;
  }
  clusterBy(...columns: string[]): this {
    this.clustering = columns;
    return this;
  }

  create(): Promise<void> {
    return this.write(Mode.CREATE);
  }
  replace(): Promise<void> {
    return this.write(Mode.REPLACE);
  }
  createOrReplace(): Promise<void> {
    return this.write(Mode.CREATE_OR_REPLACE);
  }
  append(): Promise<void> {
    return this.write(Mode.APPEND);
  }
  /** Replaces the rows matching `condition` with this DataFrame's rows. */
  overwrite(condition: Column): Promise<void> {
    return this.write(Mode.OVERWRITE, condition);
  }
  /** Replaces every partition this DataFrame has rows for. */
  overwritePartitions(): Promise<void> {
    return this.write(Mode.OVERWRITE_PARTITIONS);
  }

  private async write(mode: Mode, condition?: Column): Promise<void> {
    await this.df.session.client.command({
      case: "writeOperationV2",
      value: {
        input: this.df.relation,
        tableName: this.table,
        provider: this.provider,
        partitioningColumns: this.partitioning.map((c) => c.expr),
        options: Object.fromEntries(this.options),
        tableProperties: Object.fromEntries(this.properties),
        mode,
        overwriteCondition: condition?.expr,
        clusteringColumns: this.clustering,
      },
    });
  }
}
