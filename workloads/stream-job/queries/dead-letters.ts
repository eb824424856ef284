import { col, type DataFrame, expr, struct, to_json } from "../../spark-connect/index.ts";
import type { QueryDefinition } from "./definition.ts";
import { startKafkaQuery } from "./kafka-sink.ts";
import { readLogStream } from "./log-stream.ts";
import { triggerOf } from "./trigger.ts";

/**
 * How much of a malformed record its dead letter keeps, in bytes. As text, JSON escapes a
 * control byte in 6 characters; with the base64 beside it a dead letter stays under about
 * 8 × this, far below Kafka's default 1 MB message limit, whatever the record's size.
 */
export const deadLetterPrefixBytes = 8_192;

/**
 * Dead-letter records (`key`, `value`) of the records that break the event contract: the first
 * `deadLetterPrefixBytes` of the raw record (as text, and as base64 for binary), its full
 * length and SHA-256, its topic/partition/offset, every problem found and when. Keyed by the
 * record's position in `logs`, so a record replayed after a restart overwrites itself.
 */
export function deadLetterRecords(deadLetters: DataFrame): DataFrame {
  return deadLetters.withColumn("prefix", expr(`substring(value, 1, ${deadLetterPrefixBytes})`)).select(
    expr("concat_ws('/', topic, CAST(partition AS STRING), CAST(offset AS STRING))").alias("key"),
    to_json(
      struct(
        col("reason"),
        expr("CAST(prefix AS STRING)").alias("raw"),
        // Spark's base64 wraps lines MIME-style; one unbroken string is what a reader expects.
        expr("regexp_replace(base64(prefix), '\\\\s', '')").alias("raw_base64"),
        expr("length(value)").alias("raw_bytes"),
        expr("value IS NOT NULL AND length(value) > length(prefix)").alias("raw_truncated"),
        expr("sha2(value, 256)").alias("raw_sha256"),
        col("topic"),
        col("partition"),
        col("offset"),
        col("kafka_timestamp"),
        col("detected_at"),
      ),
    ).alias("value"),
  );
}

/**
 * The dead letters (`deadLetterRecords`) to the dead-letter topic, as a query of their own.
 * Stateless, so its offsets may be committed asynchronously (`asyncProgressTrackingEnabled`,
 * processing-time triggers only) or it may run in real-time mode.
 */
export const deadLetterQuery: QueryDefinition = {
  name: "dead-letters",
  sink: "Kafka dead-letter topic",
  start(session, config) {
    const { deadLetters } = readLogStream(session, config);
    const trigger = triggerOf(config, "deadLetters");
    const asyncProgress = config.spark.asyncProgressTracking && "processingTime" in trigger;
    return startKafkaQuery(deadLetterRecords(deadLetters), config, {
      name: "dead-letters",
      role: "deadLetters",
      topic: config.topics.deadLetters,
      // Real-time mode runs in update mode only; a stateless query writes the same rows in either.
      outputMode: "realTime" in trigger ? "update" : "append",
      options: asyncProgress ? { asyncProgressTrackingEnabled: "true" } : {},
    });
  },
  deadLettersIn: (progress) => progress.sink.numOutputRows,
  runsInRealTime: (config) => "realTime" in triggerOf(config, "deadLetters"),
};
