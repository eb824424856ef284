import { type DataFrame, expr, type OutputMode, type StreamingQuery } from "../../spark-connect/index.ts";
import type { StreamJobConfig } from "../config.ts";
import { checkpointLocation } from "./definition.ts";
import { kafkaClientOptions } from "./log-stream.ts";
import { type QueryRole, triggerOf } from "./trigger.ts";

/** A record key that starts with the window's start, then the group's columns, joined by "|". */
export function windowKey(...groupColumns: string[]) {
  return expr(
    `concat_ws('|', date_format(window.start, "yyyy-MM-dd'T'HH:mm:ss'Z'"), ${groupColumns.join(", ")})`,
  );
}

/**
 * Starts `records` (columns `key` and `value`, and `topic` unless one topic is given) as a query
 * writing to Kafka, checkpointed by name.
 */
export function startKafkaQuery(
  records: DataFrame,
  config: StreamJobConfig,
  query: {
    name: string;
    role: QueryRole;
    outputMode: OutputMode;
    topic?: string;
    options?: Record<string, string>;
  },
): Promise<StreamingQuery> {
  const writer = records.writeStream
    .format("kafka")
    .options(kafkaClientOptions(config))
    .options(query.options ?? {})
    .option("checkpointLocation", checkpointLocation(config, query.name))
    .outputMode(query.outputMode)
    .trigger(triggerOf(config, query.role))
    .queryName(query.name);
  if (query.topic !== undefined) writer.option("topic", query.topic);
  return writer.start();
}
