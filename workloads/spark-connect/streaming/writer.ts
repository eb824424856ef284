import type { MessageInitShape } from "@bufbuild/protobuf";
import type { DataFrame } from "../dataframe.ts";
import { SparkConnectClientError } from "../errors.ts";
import type { WriteStreamOperationStartSchema } from "../gen/spark/connect/commands_pb.ts";
import { commandPlan } from "../plan.ts";
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
export class DataStreamWriter {
  private sink: string | undefined;
  private readonly settings: Record<string, string> = {};
  private mode: OutputMode | undefined;
  private triggerSpec: StartOperation["trigger"];
  private name: string | undefined;
  private partitioningColumns: string[] = [];

  constructor(private readonly df: DataFrame) {}

  /** The sink: `parquet`, `kafka`, `console`, `memory`, `json`… */
  format(sink: string): this {
    this.sink = sink;
    return this;
  }
  /** A sink option; `checkpointLocation` goes here too, as in PySpark. */
  option(key: string, value: string | number | boolean): this {
    this.settings[key] = String(value);
    return this;
  }
  options(options: Record<string, string | number | boolean>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
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
    const responses = await session.client.executeAll(
      commandPlan({
        commandType: {
          case: "writeStreamOperationStart",
          value: {
            input: this.df.relation,
            format: this.sink ?? "",
            options: { ...this.settings },
            partitioningColumnNames: this.partitioningColumns,
            trigger: this.triggerSpec,
            outputMode: this.mode ?? "",
            queryName: this.name ?? "",
            sinkDestination,
          },
        },
      }),
    );
    for (const response of responses) {
      if (response.responseType.case === "writeStreamOperationStartResult") {
        const result = response.responseType.value;
        return new StreamingQuery(
          session,
          result.queryId?.id ?? "",
          result.queryId?.runId ?? "",
          result.name || undefined,
        );
      }
    }
    throw new SparkConnectClientError(
      "The server started no streaming query (no WriteStreamOperationStartResult)",
    );
  }
}
