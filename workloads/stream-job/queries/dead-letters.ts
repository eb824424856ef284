import { col, expr, struct, to_json } from "../../spark-connect/functions/index.ts";
import type { QueryDefinition } from "./definition.ts";
import { startKafkaQuery } from "./kafka-sink.ts";
import { readLogStream } from "./log-stream.ts";

/**
 * Records that break the event contract, to the dead-letter topic with the raw record (as text
 * and as base64, for binary), its topic/partition/offset, every problem found and when. Keyed
 * by the record's position in `logs`, so a record replayed after a restart overwrites itself.
 */
export const deadLetterQuery: QueryDefinition = {
  name: "dead-letters",
  sink: "Kafka dead-letter topic",
  start(session, config) {
    const { deadLetters } = readLogStream(session, config);
    return startKafkaQuery(
      deadLetters.select(
        expr("concat_ws('/', topic, CAST(partition AS STRING), CAST(offset AS STRING))").alias("key"),
        to_json(
          struct(
            col("reason"),
            col("raw"),
            col("raw_base64"),
            col("topic"),
            col("partition"),
            col("offset"),
            col("kafka_timestamp"),
            col("detected_at"),
          ),
        ).alias("value"),
      ),
      config,
      { name: "dead-letters", topic: config.topics.deadLetters, outputMode: "append" },
    );
  },
  deadLettersIn: (progress) => progress.sink.numOutputRows,
};
