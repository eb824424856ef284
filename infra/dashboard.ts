import { producerMetrics, streamJobMetrics } from "./contract.ts";

interface Panel {
  title: string;
  unit: string;
  targets: { expr: string; legend: string }[];
}

const panels: Panel[] = [
  {
    title: "Events produced",
    unit: "ops",
    targets: [{ expr: `sum(rate(${producerMetrics.eventsSent}[1m]))`, legend: "events/s" }],
  },
  {
    title: "Stream input vs processing rate",
    unit: "rows/s",
    targets: [
      { expr: `sum by (query) (${streamJobMetrics.inputRowsPerSecond})`, legend: "input {{query}}" },
      { expr: `sum by (query) (${streamJobMetrics.processedRowsPerSecond})`, legend: "processed {{query}}" },
    ],
  },
  {
    title: "Kafka lag of the stream job",
    unit: "short",
    targets: [{ expr: `max by (query) (${streamJobMetrics.kafkaLag})`, legend: "{{query}}" }],
  },
  {
    title: "Micro-batch duration",
    unit: "s",
    targets: [{ expr: `max by (query) (${streamJobMetrics.batchDuration})`, legend: "{{query}}" }],
  },
  {
    title: "Error rate by service",
    unit: "percentunit",
    targets: [{ expr: `max by (service) (${streamJobMetrics.serviceErrorRate})`, legend: "{{service}}" }],
  },
  {
    title: "Dead letters",
    unit: "short",
    targets: [{ expr: `sum(rate(${streamJobMetrics.deadLetters}[5m]))`, legend: "records/s" }],
  },
  {
    title: "Spark workers alive",
    unit: "short",
    targets: [{ expr: "max(metrics_master_aliveWorkers_Value)", legend: "workers" }],
  },
  {
    title: "Seconds since last query progress",
    unit: "s",
    targets: [
      { expr: `time() - max by (query) (${streamJobMetrics.lastProgressTimestamp})`, legend: "{{query}}" },
    ],
  },
];

/** The Grafana dashboard of the pipeline, as the JSON model Grafana's sidecar loads. */
export function pipelineDashboard(): string {
  return JSON.stringify({
    uid: "log-pipeline",
    title: "Log analytics pipeline",
    tags: ["log-pipeline"],
    timezone: "utc",
    schemaVersion: 39,
    refresh: "30s",
    time: { from: "now-1h", to: "now" },
    panels: panels.map((panel, index) => ({
      id: index + 1,
      type: "timeseries",
      title: panel.title,
      datasource: { type: "prometheus", uid: "prometheus" },
      gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.targets.map((target, targetIndex) => ({
        refId: String.fromCharCode(65 + targetIndex),
        expr: target.expr,
        legendFormat: target.legend,
      })),
    })),
  });
}
