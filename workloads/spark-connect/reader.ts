import type { MessageInitShape } from "@bufbuild/protobuf";
import { DataFrame } from "./dataframe.ts";
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

  protected dataSource(paths: string[], isStreaming: boolean): DataFrame {
    const options = { ...this.settings };
    const source = { format: this.formatName, schema: this.schemaDDL, options, paths };
    return this.read({ case: "dataSource", value: source }, isStreaming);
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
