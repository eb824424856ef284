import type { MessageInitShape } from "@bufbuild/protobuf";
import type { DataFrame } from "../dataframe.ts";
import { SparkConnectClientError } from "../errors.ts";
import type { WriteStreamOperationStartSchema } from "../gen/spark/connect/commands_pb.ts";
import { OptionsBuilder } from "../options-builder.ts";
import { StreamingQuery } from "./query.ts";

export type OutputMode = "append" | "complete" | "update";

/**
 * When micro-batches run: every interval, once over what is available now, once, continuously,
 * or in real-time mode (`realTime`: Spark 4.1+, stateless Kafka-source queries in update mode;
 * the duration, at least 5 seconds, is how long each long-running batch lasts before it
 * checkpoints, not a latency: rows flow through as they arrive).
 */
export type Trigger =
  | { processingTime: string }
  | { availableNow: true }
  | { once: true }
  | { continuous: string }
  | { realTime: string };

type StartOperation = MessageInitShape<typeof WriteStreamOperationStartSchema>;

/** `df.writeStream`: where and how a streaming DataFrame is written; `start()` launches the query. */
export class DataStreamWriter extends OptionsBuilder {
  private mode: OutputMode | undefined;
  private triggerSpec: StartOperation["trigger"];
  private name: string | undefined;
  private partitioningColumns: string[] = [];
  private clusteringColumns: string[] = [];

  constructor(private readonly df: DataFrame) {
    super();
  }

  outputMode(mode: OutputMode): this {
    if (!["append", "complete", "update"].includes(mode)) {
      throw new SparkConnectClientError(`Unknown output mode "${mode}"; use append, complete or update`);
    }
    this.mode = mode;
    return this;
  }
  trigger(trigger: Trigger): this {
    if ("processingTime" in trigger)
      this.triggerSpec = { case: "processingTimeInterval", value: trigger.processingTime };
    else if ("availableNow" in trigger) this.triggerSpec = { case: "availableNow", value: true };
    else if ("once" in trigger) this.triggerSpec = { case: "once", value: true };
    else if ("continuous" in trigger)
      this.triggerSpec = { case: "continuousCheckpointInterval", value: trigger.continuous };
    else if ("realTime" in trigger)
      this.triggerSpec = { case: "realTimeBatchDuration", value: trigger.realTime };
    else
      throw new SparkConnectClientError(
        "trigger() takes { processingTime }, { availableNow: true }, { once: true }, { continuous } or { realTime }",
      );
    return this;
  }
  queryName(name: string): this {
    this.name = name;
    return this;
  }
  partitionBy(...columns: string[]): this {
    this.partitioningColumns = columns;
    return this;
  }
  /** Clusters the sink table's data by these columns (for table formats that support clustering). */
  clusterBy(...columns: string[]): this {
    this.clusteringColumns = columns;
    return this;
  }

  /** Starts the query, writing to `path` for file sinks. */
  start(path?: string): Promise<StreamingQuery> {
    return this.run(path === undefined ? undefined : { case: "path", value: path });
  }

  /** Starts the query writing into a table. */
  toTable(tableName: string): Promise<StreamingQuery> {
    return this.run({ case: "tableName", value: tableName });
  }

  private async run(sinkDestination: StartOperation["sinkDestination"]): Promise<StreamingQuery> {
    const session = this.df.session;
    const { queryId, name } = await session.client.command(
      {
        case: "writeStreamOperationStart",
        value: {
          input: this.df.relation,
          format: this.formatName ?? "",
          options: { ...this.settings },
          partitioningColumnNames: this.partitioningColumns,
          clusteringColumnNames: this.clusteringColumns,
          trigger: this.triggerSpec,
          outputMode: this.mode ?? "",
          queryName: this.name ?? "",
          sinkDestination,
        },
      },
      "writeStreamOperationStartResult",
    );
    return new StreamingQuery(session, queryId?.id ?? "", queryId?.runId ?? "", name || undefined);
  }
}
