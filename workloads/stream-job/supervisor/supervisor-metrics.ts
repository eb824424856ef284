import { Counter, Gauge, Registry } from "prom-client";
import type { StreamingQueryProgress } from "../../spark-connect/index.ts";

/**
 * The stream job's Prometheus series. Names match `infra/contract.ts`, which the alert rules
 * and the Grafana dashboard read.
 */
export class SupervisorMetrics {
  readonly registry = new Registry();
  private readonly labelNames = ["query"] as const;
  readonly inputRate = this.gauge("stream_job_input_rows_per_second", "Rows/s read by the last micro-batch");
  readonly processedRate = this.gauge(
    "stream_job_processed_rows_per_second",
    "Rows/s processed by the last micro-batch",
  );
  readonly batchDuration = this.gauge(
    "stream_job_batch_duration_seconds",
    "Duration of the last micro-batch",
  );
  readonly watermarkDelay = this.gauge(
    "stream_job_watermark_delay_seconds",
    "How far the event-time watermark trails the wall clock",
  );
  readonly stateRows = this.gauge("stream_job_state_rows", "Rows held in the query's state stores");
  readonly lastProgress = this.gauge(
    "stream_job_query_last_progress_timestamp_seconds",
    "Unix time of the query's last progress report",
  );
  readonly active = this.gauge("stream_job_query_active", "1 while the query runs, 0 otherwise");
  readonly lag = this.gauge(
    "stream_job_kafka_lag_records",
    "Records in the input topic the query has not read yet",
  );
  readonly restarts = new Counter({
    name: "stream_job_query_restarts_total",
    help: "Restarts of the query from its checkpoint",
    labelNames: this.labelNames,
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: "stream_job_dead_letters_total",
    help: "Malformed records written to the dead-letter topic",
    registers: [this.registry],
  });
  readonly connected = new Gauge({
    name: "stream_job_spark_connected",
    help: "1 while the supervisor holds a session on the Spark Connect server",
    registers: [this.registry],
  });
  readonly serviceErrorRate = new Gauge({
    name: "stream_job_service_error_rate",
    help: "Share of 5xx responses per service in the latest complete metrics window",
    labelNames: ["service"] as const,
    registers: [this.registry],
  });
  readonly serviceLatencyP95 = new Gauge({
    name: "stream_job_service_latency_p95_seconds",
    help: "p95 latency per service in the latest complete metrics window",
    labelNames: ["service"] as const,
    registers: [this.registry],
  });

  private gauge(name: string, help: string): Gauge<"query"> {
    return new Gauge({ name, help, labelNames: this.labelNames, registers: [this.registry] });
  }

  /** Updates the per-query gauges from its newest progress. */
  recordProgress(query: string, progress: StreamingQueryProgress, nowMs: number): void {
    const labels = { query };
    this.inputRate.set(labels, finiteOrZero(progress.inputRowsPerSecond));
    this.processedRate.set(labels, finiteOrZero(progress.processedRowsPerSecond));
    this.batchDuration.set(labels, (progress.durationMs.triggerExecution ?? progress.batchDuration) / 1000);
    this.stateRows.set(
      labels,
      progress.stateOperators.reduce((rows, operator) => rows + operator.numRowsTotal, 0),
    );
    this.lastProgress.set(labels, Date.parse(progress.timestamp) / 1000);
    const watermark = progress.eventTime.watermark ? Date.parse(progress.eventTime.watermark) : Number.NaN;
    if (Number.isFinite(watermark) && watermark > 0)
      this.watermarkDelay.set(labels, (nowMs - watermark) / 1000);
  }
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
