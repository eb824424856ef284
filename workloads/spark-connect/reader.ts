import type { MessageInitShape } from "@bufbuild/protobuf";
import { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import type { ReadSchema } from "./gen/spark/connect/relations_pb.ts";
import { OptionsBuilder } from "./options-builder.ts";
import type { SparkSession } from "./session.ts";
import { type StructType, toDDL } from "./types.ts";

type ReadType = MessageInitShape<typeof ReadSchema>["readType"];

/** Format, schema and options of a data source, shared by batch and streaming readers. */
export abstract class SourceReader extends OptionsBuilder {
  protected schemaDDL: string | undefined;

  constructor(protected readonly session: SparkSession) {
    super();
  }

  /** The schema as a StructType or a DDL string (`"ts TIMESTAMP, service STRING"`). */
  schema(schema: StructType | string): this {
    this.schemaDDL = typeof schema === "string" ? schema : toDDL(schema);
    return this;
  }

  protected dataSource(paths: string[], isStreaming: boolean, predicates: string[] = []): DataFrame {
    const options = { ...this.settings };
    const source = { format: this.formatName, schema: this.schemaDDL, options, paths, predicates };
    return this.read({ case: "dataSource", value: source }, isStreaming);
  }

  /** The change data feed (CDC) of a table that keeps one; options such as `startingVersion` select the range. */
  protected tableChanges(tableName: string, isStreaming: boolean): DataFrame {
    if (this.schemaDDL !== undefined)
      throw new SparkConnectClientError(
        "changes(): a schema cannot be given; the table's change feed has its own",
      );
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: {
        case: "relationChanges",
        value: { unparsedIdentifier: tableName, options: { ...this.settings }, isStreaming },
      },
    });
  }

  protected namedTable(name: string, isStreaming: boolean): DataFrame {
    const options = { ...this.settings };
    return this.read({ case: "namedTable", value: { unparsedIdentifier: name, options } }, isStreaming);
  }

  private read(readType: ReadType, isStreaming: boolean): DataFrame {
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: { case: "read", value: { isStreaming, readType } },
    });
  }
}

/** How `jdbc()` splits the read, and the connection properties. */
export interface JdbcReadOptions {
  properties?: Record<string, string>;
  column?: string;
  lowerBound?: number | string;
  upperBound?: number | string;
  numPartitions?: number;
  predicates?: string[];
}

/** `spark.read`: batch sources (parquet, json, csv, text, orc, jdbc…) and tables. */
export class DataFrameReader extends SourceReader {
  /** Loads the source from zero or more paths. */
  load(...paths: string[]): DataFrame {
    return this.dataSource(paths, false);
  }
  json(...paths: string[]): DataFrame {
    return this.format("json").load(...paths);
  }
  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(...paths);
  }
  csv(...paths: string[]): DataFrame {
    return this.format("csv").load(...paths);
  }
  text(...paths: string[]): DataFrame {
    return this.format("text").load(...paths);
  }
  orc(...paths: string[]): DataFrame {
    return this.format("orc").load(...paths);
  }
  /** XML files; the `rowTag` option names the element that makes a row. */
  xml(...paths: string[]): DataFrame {
    return this.format("xml").load(...paths);
  }
  /**
   * A table of a database over JDBC (the driver must be on the server's class path): whole, split
   * into `numPartitions` ranges of `column` between the bounds, or one partition per `predicates`
   * WHERE clause; `properties` are JDBC connection properties such as `user` and `password`.
   */
  jdbc(url: string, table: string, options: JdbcReadOptions = {}): DataFrame {
    const { properties = {}, predicates, column, lowerBound, upperBound, numPartitions } = options;
    this.format("jdbc");
    if (column !== undefined) {
      if (lowerBound === undefined || upperBound === undefined || numPartitions === undefined)
        throw new SparkConnectClientError(
          "jdbc(): a partition column needs lowerBound, upperBound and numPartitions",
        );
      this.options({ partitionColumn: column, lowerBound, upperBound, numPartitions });
    }
    this.options(properties).options({ url, dbtable: table });
    return this.dataSource([], false, predicates ?? []);
  }
  table(name: string): DataFrame {
    return this.namedTable(name, false);
  }
  /** The change data feed of a table that records one (a batch read of its changes). */
  changes(tableName: string): DataFrame {
    return this.tableChanges(tableName, false);
  }
}
