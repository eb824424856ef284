export type { ArtifactKind } from "./artifacts.ts";
export {
  Catalog,
  type CatalogColumn,
  type CatalogFunction,
  type CatalogMetadata,
  type Database,
  type Table as CatalogTable,
  type TablePartition,
} from "./catalog.ts";
export { Column, type ColumnOrName, col, column, expr, lit } from "./column.ts";
export type { ConnectionOptions } from "./connection-string.ts";
export { parseConnectionString, redactToken } from "./connection-string.ts";
export { DataFrame, type ExplainMode, type JoinHow, type LateralJoinHow } from "./dataframe.ts";
export { DataFrameNaFunctions } from "./dataframe-na.ts";
export { DataFrameStatFunctions } from "./dataframe-stat.ts";
export * from "./errors.ts";
export { ExecutionInfo, type MetricValue, type PlanMetrics } from "./execution-info.ts";
export type { ExecutionProgress, ProgressHandler, StageInfo } from "./execution-progress.ts";
/** The functions both as `functions.x` (PySpark's `F.x`) and by name (`from pyspark.sql.functions import x`). */
export * as functions from "./functions/index.ts";
export * from "./functions/index.ts";
export { GroupedData } from "./grouped-data.ts";
export { TypedValue } from "./literals.ts";
export type { LocalRows } from "./local-data.ts";
export { MergeIntoWriter } from "./merge-into.ts";
export { Observation } from "./observation.ts";
export { DataFrameReader, type JdbcReadOptions } from "./reader.ts";
export type { RetryPolicy } from "./retry.ts";
export type { Row, RowOptions } from "./rows.ts";
export { RuntimeConfig } from "./runtime-config.ts";
export { SparkSession, SparkSessionBuilder } from "./session.ts";
export { StorageLevel } from "./storage-level.ts";
export { StreamingQueryManager } from "./streaming/manager.ts";
export type {
  SinkProgress,
  SourceProgress,
  StateOperatorProgress,
  StreamingQueryProgress,
} from "./streaming/progress.ts";
export { StreamingQuery, type StreamingQueryStatus } from "./streaming/query.ts";
export { DataStreamReader } from "./streaming/reader.ts";
export { DataStreamWriter, type OutputMode, type Trigger } from "./streaming/writer.ts";
export { TableValuedFunction } from "./table-valued-functions.ts";
export { Timestamp } from "./timestamp.ts";
export * from "./types.ts";
export { Window, WindowSpec } from "./window.ts";
export { DataFrameWriter, type WriteMode } from "./writer.ts";
export { DataFrameWriterV2 } from "./writer-v2.ts";
