import { DataFrame } from "./dataframe.ts";
import { OptionsBuilder } from "./options-builder.ts";
import type { SparkSession } from "./session.ts";
import { type StructType, toDDL } from "./types.ts";

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
  protected dataSource(paths: string[], isStreaming: boolean): DataFrame {
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: {
        case: "read",
        value: {
          isStreaming,
          readType: {
            case: "dataSource",
            value: { format: this.formatName, schema: this.schemaDDL, options: { ...this.settings }, paths },
          },
        },
      },
    });
  }

  protected namedTable(name: string, isStreaming: boolean): DataFrame {
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: {
        case: "read",
        value: {
          isStreaming,
          readType: {
            case: "namedTable",
            value: { unparsedIdentifier: name, options: { ...this.settings } },
          },
        },
      },
    });
  }
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
  table(name: string): DataFrame {
    return this.namedTable(name, false);
  }
}
