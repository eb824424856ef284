import { LOG_EVENT_FIELDS } from "../../contract/log-event.ts";
import { sparkKafkaSecurityOptions } from "../../kafka-security/index.ts";
import { col, type DataFrame, expr, type SparkSession } from "../../spark-connect/index.ts";
import { kafkaSecurityOf, type StreamJobConfig } from "../config.ts";
import {
  contractBrokenExpression,
  contractReasonExpression,
  eventExpression,
  eventTimeColumn,
  eventTimeExpression,
  fieldsMapExpression,
  recordKeysColumn,
  recordKeysExpression,
} from "../event-contract.ts";
import { type LogFormatSetting, logFormatExpression, textFieldsExpression } from "./formats/index.ts";

/** The `logs` topic, split by the event contract. */
export interface LogStream {
  /** Valid events: the contract's fields plus `event_time` (a TIMESTAMP). */
  events: DataFrame;
  /** Records that break the contract: the raw record (`value`, binary), where it was and why. */
  deadLetters: DataFrame;
}

/** Spark's Kafka source and sinks take client settings as `kafka.`-prefixed options. */
export function kafkaClientOptions(config: StreamJobConfig): Record<string, string> {
  return {
    "kafka.bootstrap.servers": config.kafkaBootstrap,
    ...sparkKafkaSecurityOptions(kafkaSecurityOf(config)),
    ...config.kafkaOptions,
  };
}

/**
 * Reads the `logs` topic as a stream and checks every record against the event contract, once
 * per query: each query that uses it reads the topic on its own, from its own checkpointed offsets.
 * `sourceOptions` are that query's own options of the Kafka source.
 */
export function readLogStream(
  session: SparkSession,
  config: StreamJobConfig,
  sourceOptions: Record<string, string> = {},
): LogStream {
  const reader = session.readStream
    .format("kafka")
    .options(kafkaClientOptions(config))
    .options(sourceOptions)
    .option("subscribe", config.topics.logs)
    .option("startingOffsets", config.startingOffsets);
  if (config.maxOffsetsPerTrigger !== undefined)
    reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger);

  return checkLogRecords(reader.load(), config.logFormat);
}

/**
 * Splits Kafka records (the Kafka source's columns, streaming or not) by the event contract. A
 * record is JSON or a line of a text format (`formats/`), as configured or detected; either way
 * it becomes the contract's struct `e` and is checked by the same rules.
 */
export function checkLogRecords(records: DataFrame, logFormat: LogFormatSetting): LogStream {
  const checked = records
    .selectExpr(
      "value",
      "CAST(value AS STRING) AS raw",
      "topic",
      "partition",
      "offset",
      "timestamp AS kafka_timestamp",
    )
    .withColumn("log_format", expr(logFormatExpression(logFormat)))
    .withColumn("text_fields", expr(textFieldsExpression(logFormat)))
    .withColumn("fields", expr(fieldsMapExpression))
    .withColumn("e", expr(eventExpression()))
    .withColumn(eventTimeColumn, expr(eventTimeExpression))
    .withColumn(recordKeysColumn, expr(recordKeysExpression))
    .withColumn("broken", expr(contractBrokenExpression()));

  const events = checked
    .filter("NOT broken")
    .select(
      ...LOG_EVENT_FIELDS.map((field) => col(`e.${field.name}`).alias(field.name)),
      col(eventTimeColumn),
    );

  const deadLetters = checked
    .filter("broken")
    .select(
      col("value"),
      col("topic"),
      col("partition"),
      col("offset"),
      col("kafka_timestamp"),
      expr(contractReasonExpression()).alias("reason"),
      expr("current_timestamp()").alias("detected_at"),
    );
  return { events, deadLetters };
}
