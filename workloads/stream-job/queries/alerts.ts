import {
  col,
  count,
  count_if,
  expr,
  lit,
  struct,
  to_json,
  window,
} from "../../spark-connect/functions/index.ts";
import { catalogColumns, serviceCatalogFrame } from "../catalog.ts";
import type { QueryDefinition } from "./definition.ts";
import { startKafkaQuery, windowKey } from "./kafka-sink.ts";
import { readLogStream } from "./log-stream.ts";
import { percentileAccuracy } from "./window-metrics.ts";

export const alertKinds = ["error-rate", "latency"] as const;
export type AlertKind = (typeof alertKinds)[number];

/**
 * Error-rate and latency alerts per service and window, judged against the service's SLO from
 * the catalog: an error rate above max(error budget × factor, floor), or a p95 above the latency
 * SLO × factor, over at least `minRequests` requests. Each alert carries its evidence (window,
 * value, threshold, sample count) and is keyed by window, service and kind, so updates to a
 * window's alert replace it.
 */
export const alertsQuery: QueryDefinition = {
  name: "alerts",
  sink: "Kafka alerts topic",
  start(session, config) {
    const { events } = readLogStream(session, config);
    const { minRequests, errorBudgetFactor, errorRateFloor, latencySloFactor } = config.alerting;
    const catalog = serviceCatalogFrame(session);
    const candidate = (kind: AlertKind, value: string, threshold: string) =>
      `CASE WHEN requests >= ${minRequests} AND ${value} > ${threshold} THEN named_struct('kind', '${kind}', 'value', ${value}, 'threshold', ${threshold}) END`;
    return startKafkaQuery(
      events
        .filter("status IS NOT NULL")
        .withWatermark("event_time", config.watermark)
        .join(catalog.hint("broadcast"), "service")
        .groupBy(
          window(col("event_time"), config.window).alias("window"),
          col("service"),
          ...catalogColumns(),
        )
        .agg(
          count(lit(1)).alias("requests"),
          count_if(expr("status >= 500")).alias("server_errors"),
          expr(`percentile_approx(latency_ms, 0.95, ${percentileAccuracy})`).alias("latency_p95_ms"),
        )
        .withColumn("error_rate", expr("server_errors / requests"))
        .withColumn(
          "error_rate_threshold",
          expr(`greatest(error_budget * ${errorBudgetFactor}, ${errorRateFloor})`),
        )
        .withColumn("latency_threshold_ms", expr(`latency_slo_p95_ms * ${latencySloFactor}`))
        .withColumn(
          "alert",
          expr(
            `explode(filter(array(${candidate("error-rate", "error_rate", "error_rate_threshold")}, ${candidate("latency", "latency_p95_ms", "latency_threshold_ms")}), a -> a IS NOT NULL))`,
          ),
        )
        .select(
          windowKey("service", "alert.kind"),
          to_json(
            struct(
              expr("alert.kind").alias("kind"),
              col("service"),
              expr("window.start").alias("window_start"),
              expr("window.end").alias("window_end"),
              expr("alert.value").alias("value"),
              expr("alert.threshold").alias("threshold"),
              col("requests"),
              col("server_errors"),
              col("error_rate"),
              col("latency_p95_ms"),
              ...catalogColumns(),
              expr("current_timestamp()").alias("raised_at"),
            ),
          ).alias("value"),
        ),
      config,
      { name: "alerts", topic: config.topics.alerts, outputMode: "update" },
    );
  },
};
