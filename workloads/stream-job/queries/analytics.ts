import {
  type Column,
  col,
  count,
  count_if,
  type DataFrame,
  expr,
  lit,
  type SparkSession,
  struct,
  sum,
  to_json,
  when,
  window,
} from "../../spark-connect/index.ts";
import { catalogColumns, serviceCatalogFrame } from "../catalog.ts";
import type { StreamJobConfig } from "../config.ts";
import { sqlString } from "../event-contract.ts";
import type { AlertKind } from "../output-records.ts";
import { deadLetterRecords } from "./dead-letters.ts";
import type { QueryDefinition } from "./definition.ts";
import { startKafkaQuery, windowKey } from "./kafka-sink.ts";
import { readLogStream } from "./log-stream.ts";

/** Accuracy of percentile_approx: relative error about 1/accuracy of the window's row count. */
export const percentileAccuracy = 10_000;

/**
 * What a row of the aggregation describes: a metrics group (service × level × status class)
 * or a whole service, the grain alerts are judged at.
 */
export type Grain = "group" | "service";

const isGroup = "grain = 'group'";

/** One metric record per group: counts, error rate, latency percentiles, bytes, the catalog's fields. */
function metricValue(): Column {
  return to_json(
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
  );
}

/** One alert record: its kind, the evidence (window, value, threshold, sample count), the catalog's fields. */
function alertValue(): Column {
  return to_json(
    struct(
      expr("alert.kind").alias("kind"),
      col("service"),
      expr("window.start").alias("window_start"),
      expr("window.end").alias("window_end"),
      expr("alert.value").alias("value"),
      expr("alert.threshold").alias("threshold"),
      col("requests"),
      col("server_errors"),
      expr("server_errors / requests").alias("error_rate"),
      expr("latency[1]").alias("latency_p95_ms"),
      ...catalogColumns(),
      expr("current_timestamp()").alias("raised_at"),
    ),
  );
}

/**
 * The alerts a service row raises, as an array (empty when none; one NULL for a metrics row, so
 * that exploding it keeps the row): an error rate above max(error budget × factor, floor), or a
 * p95 above the latency SLO × factor, over at least `minRequests` requests.
 */
function alertsExpression(config: StreamJobConfig): string {
  const { minRequests, errorBudgetFactor, errorRateFloor, latencySloFactor } = config.alerting;
  const candidate = (kind: AlertKind, value: string, threshold: string) =>
    `CASE WHEN requests >= ${minRequests} AND ${value} > ${threshold} THEN named_struct('kind', '${kind}', 'value', CAST(${value} AS DOUBLE), 'threshold', CAST(${threshold} AS DOUBLE)) END`;
  const errorRate = candidate(
    "error-rate",
    "server_errors / requests",
    `greatest(error_budget * ${errorBudgetFactor}, ${errorRateFloor})`,
  );
  const latency = candidate("latency", "latency[1]", `latency_slo_p95_ms * ${latencySloFactor}`);
  return `CASE WHEN ${isGroup} THEN array(NULL) ELSE filter(array(${errorRate}, ${latency}), a -> a IS NOT NULL) END`;
}

/**
 * Event-time tumbling windows aggregated once, at two grains: per service, level and HTTP status
 * class (the metrics) and per service (for the alerts, judged against the service's SLO from the
 * catalog). Each event is counted at every grain the query emits. The rows go out in update mode
 * as keyed upserts, each to its topic through the Kafka sink's per-row `topic` column: a
 * compacted topic holds each group's exact latest metric, and updates to a window's alert
 * replace it.
 */
export function analyticsQuery(
  name: string,
  grains: readonly Grain[],
  sink = "Kafka metrics and alerts topics",
): QueryDefinition {
  return {
    name,
    sink,
    start(session, config) {
      const { events } = readLogStream(session, config);
      return startKafkaQuery(analyticsRecords(session, config, events, grains), config, {
        name,
        role: "analytics",
        outputMode: "update",
      });
    },
  };
}

/** The observed metric that counts a merged query's dead letters (`rows`) in its progress. */
const deadLetterMetric = "dead_letters";

/**
 * The analytics query writing the dead letters too: the stateless dead-letter rows unioned with
 * the aggregation's (update mode keeps both), so the job runs one query fewer, with one less
 * set of per-batch costs. The dead letters then commit with the aggregation, synchronously.
 */
export function mergedKafkaQuery(name: string): QueryDefinition {
  return {
    name,
    sink: "Kafka metrics, alerts and dead-letter topics",
    start(session, config) {
      const { events, deadLetters } = readLogStream(session, config);
      // Spark writes the batch's time (`detected_at`) into the generated source as a literal, so
      // the stage holding it is compiled anew every batch. Added after `observe`, which ends the
      // stage of the contract check, it lands in a small stage of its own: the large one keeps
      // the same source from batch to batch, and Spark's code cache and the JIT's work hold.
      const observed = deadLetters
        .drop("detected_at")
        .observe(deadLetterMetric, count(lit(1)).alias("rows"))
        .withColumn("detected_at", expr("current_timestamp()"));
      const letters = deadLetterRecords(observed).select(
        lit(config.topics.deadLetters).alias("topic"),
        col("key"),
        col("value"),
      );
      return startKafkaQuery(
        analyticsRecords(session, config, events, ["group", "service"]).union(letters),
        config,
        { name, role: "analytics", outputMode: "update" },
      );
    },
    deadLettersIn: (progress) => {
      const observed = progress.observedMetrics[deadLetterMetric] as { rows?: number } | undefined;
      return Number(observed?.rows ?? 0);
    },
  };
}

/** The aggregation's rows as Kafka records: `topic` (metrics or alerts), `key`, `value`. */
function analyticsRecords(
  session: SparkSession,
  config: StreamJobConfig,
  events: DataFrame,
  grains: readonly Grain[],
): DataFrame {
  const catalog = serviceCatalogFrame(session);
  const grainArray = `array(${grains.map(sqlString).join(", ")})`;
  const rows = events
    .withWatermark("event_time", config.watermark)
    .join(catalog.hint("broadcast"), "service", "left")
    .withColumn("grain", expr(`explode(${grainArray})`))
    .withColumn("is_error_log", expr("level IN ('ERROR', 'FATAL')"))
    .withColumn("level", expr(`CASE WHEN ${isGroup} THEN level END`))
    .withColumn(
      "status_class",
      expr(
        `CASE WHEN NOT ${isGroup} THEN NULL WHEN status IS NULL THEN 'none' ELSE concat(CAST(floor(status / 100) AS STRING), 'xx') END`,
      ),
    )
    .groupBy(
      window(col("event_time"), config.window).alias("window"),
      col("grain"),
      col("service"),
      col("level"),
      col("status_class"),
      ...catalogColumns(),
    )
    .agg(
      count(lit(1)).alias("events"),
      count(col("status")).alias("requests"),
      count_if(expr("status >= 500")).alias("server_errors"),
      count_if(col("is_error_log")).alias("error_logs"),
      // latency_ms is set exactly for HTTP events, so at the service grain this is the requests' latency.
      expr(`percentile_approx(latency_ms, array(0.5, 0.95, 0.99), ${percentileAccuracy})`).alias("latency"),
      sum(col("bytes")).alias("bytes"),
    )
    .withColumn("alert", expr(`explode(${alertsExpression(config)})`));
  const isMetric = expr(isGroup);
  return rows.select(
    when(isMetric, lit(config.topics.metrics)).otherwise(lit(config.topics.alerts)).alias("topic"),
    when(isMetric, windowKey("service", "level", "status_class"))
      .otherwise(windowKey("service", "alert.kind"))
      .alias("key"),
    when(isMetric, metricValue()).otherwise(alertValue()).alias("value"),
  );
}
