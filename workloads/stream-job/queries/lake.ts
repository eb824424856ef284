import { expr } from "../../spark-connect/index.ts";
import { checkpointLocation, lakeLocation, type QueryDefinition } from "./definition.ts";
import { readLogStream } from "./log-stream.ts";
import { triggerOf } from "./trigger.ts";

/**
 * Valid events appended to the lake as Parquet, partitioned by event date and hour. The file
 * sink commits each micro-batch in its metadata log together with the checkpoint, so after any
 * restart each event is in the lake exactly once.
 */
export const lakeQuery: QueryDefinition = {
  name: "lake",
  sink: "Parquet lake (events)",
  start(session, config) {
    const { events } = readLogStream(session, config);
    return events
      .withColumn("date", expr("to_date(event_time)"))
      .withColumn("hour", expr("hour(event_time)"))
      .writeStream.format("parquet")
      .option("path", lakeLocation(config, "events"))
      .option("checkpointLocation", checkpointLocation(config, "lake"))
      .partitionBy("date", "hour")
      .outputMode("append")
      .trigger(triggerOf(config, "lake"))
      .queryName("lake")
      .start();
  },
};
