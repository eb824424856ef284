import type { DataFrame } from "../../spark-connect/dataframe.ts";
import { expr } from "../../spark-connect/functions/index.ts";
import type { StreamingQuery } from "../../spark-connect/streaming/query.ts";
import type { OutputMode } from "../../spark-connect/streaming/writer.ts";
import type { StreamJobConfig } from "../config.ts";
import { checkpointLocation } from "./definition.ts";
import { kafkaClientOptions } from "./log-stream.ts";
import { triggerOf } from "./trigger.ts";

/** A record key that starts with the window's start, then the group's columns, joined by "|". */
export function windowKey(...groupColumns: string[]) {
  return expr(
    `concat_ws('|', date_format(window.start, "yyyy-MM-dd'T'HH:mm:ss'Z'"), ${groupColumns.join(", ")})`,
  ).alias("key");
}

/** Starts `records` (columns `key` and `value`) as a query writing to a Kafka topic, checkpointed by name. */
export function startKafkaQuery(
  records: DataFrame,
  config: StreamJobConfig,
  query: { name: string; topic: string; outputMode: OutputMode },
): Promise<StreamingQuery> {
  return records.writeStream
    .format("kafka")
    .options(kafkaClientOptions(config))
    .option("topic", query.topic)
    .option("checkpointLocation", checkpointLocation(config, query.name))
    .outputMode(query.outputMode)
    .trigger(triggerOf(config))
    .queryName(query.name)
    .start();
}
