import {
  col,
  count,
  count_if,
  expr,
  lit,
  struct,
  sum,
  to_json,
  window,
} from "../../spark-connect/functions/index.ts";
import { catalogColumns, serviceCatalogFrame } from "../catalog.ts";
import type { QueryDefinition } from "./definition.ts";
import { startKafkaQuery, windowKey } from "./kafka-sink.ts";
import { readLogStream } from "./log-stream.ts";

/** Accuracy of percentile_approx: relative error about 1/accuracy of the window's row count. */
export const percentileAccuracy = 10_000;

/**
 * Event-time tumbling windows per service, level and HTTP status class: counts, error rate,
 * latency percentiles and bytes, enriched with the service catalog. Written in update mode as
 * keyed upserts: the key names the window and group, so a compacted topic holds each group's
 * exact latest value.
 */
export const windowMetricsQuery: QueryDefinition = {
  name: "window-metrics",
  sink: "Kafka metrics topic",
  start(session, config) {
    const { events } = readLogStream(session, config);
    const catalog = serviceCatalogFrame(session);
    return startKafkaQuery(
      events
        .withWatermark("event_time", config.watermark)
        .join(catalog.hint("broadcast"), "service", "left")
        .withColumn(
          "status_class",
          expr(
            "CASE WHEN status IS NULL THEN 'none' ELSE concat(CAST(floor(status / 100) AS STRING), 'xx') END",
          ),
        )
        .groupBy(
          window(col("event_time"), config.window).alias("window"),
          col("service"),
          col("level"),
          col("status_class"),
          ...catalogColumns(),
        )
        .agg(
          count(lit(1)).alias("events"),
          count(col("status")).alias("requests"),
          count_if(expr("status >= 500")).alias("server_errors"),
          count_if(expr("level IN ('ERROR', 'FATAL')")).alias("error_logs"),
          expr(`percentile_approx(latency_ms, array(0.5, 0.95, 0.99), ${percentileAccuracy})`).alias(
            "latency",
          ),
          sum(col("bytes")).alias("bytes"),
        )
        .select(
          windowKey("service", "level", "status_class"),
          to_json(
            struct(
              expr("window.start").alias("window_start"),
              expr("window.end").alias("window_end"),
              col("service"),
              col("level"),
              col("status_class"),
              col("events"),
              col("requests"),
              col("server_errors"),
              col("error_logs"),
              expr("CASE WHEN requests > 0 THEN server_errors / requests END").alias("error_rate"),
              expr("latency[0]").alias("latency_p50_ms"),
              expr("latency[1]").alias("latency_p95_ms"),
              expr("latency[2]").alias("latency_p99_ms"),
              col("bytes"),
              ...catalogColumns(),
            ),
          ).alias("value"),
        ),
      config,
      { name: "window-metrics", topic: config.topics.metrics, outputMode: "update" },
    );
  },
};
