import type { DataFrame } from "../dataframe.ts";
import { SourceReader } from "../reader.ts";

/** `spark.readStream`: streaming sources (`kafka`, `rate`, file formats…) as unbounded DataFrames. */
export class DataStreamReader extends SourceReader {
  /** The stream; `path` for file sources. */
  load(path?: string): DataFrame {
    return this.dataSource(path === undefined ? [] : [path], true);
  }
  json(path: string): DataFrame {
    return this.format("json").load(path);
  }
  parquet(path: string): DataFrame {
    return this.format("parquet").load(path);
  }
  csv(path: string): DataFrame {
    return this.format("csv").load(path);
  }
  text(path: string): DataFrame {
    return this.format("text").load(path);
  }
  orc(path: string): DataFrame {
    return this.format("orc").load(path);
  }
  /** XML files; the `rowTag` option names the element that makes a row. */
  xml(path: string): DataFrame {
    return this.format("xml").load(path);
  }
  /** The change data feed of a table that records one, as a stream of its changes. */
  changes(tableName: string): DataFrame {
    return this.tableChanges(tableName, true);
  }
  /** A table as a stream (a Delta/Iceberg table, or one written by a streaming query). */
  table(name: string): DataFrame {
    return this.namedTable(name, true);
  }
}
