import { SERVICE_CATALOG, type ServiceCatalogEntry } from "../workloads/contract/log-event.ts";
import { streamJobConfigSchema } from "../workloads/stream-job/config.ts";
import type { PipelineConfig } from "./config.ts";
import { streamJobMetrics } from "./contract.ts";

/**
 * The Prometheus rules the program ships, as plain data (the PrometheusRule's `spec.groups`), so
 * that `promtool` can check and unit-test exactly what is deployed.
 */

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}
export interface RuleGroup {
  name: string;
  rules: (AlertRule | RecordingRule)[];
}

/** Which signal of a service an alert is about, and whether it judges it by history or by SLO. */
export const alertLabels = { signal: "signal", basis: "basis" } as const;
export type Signal = "error-rate" | "latency";
export type Basis = "anomaly" | "slo";

/** The stream job's alerting defaults: the same SLO factors and anomaly floors judge both paths (one fact, one place). */
const streamJobAlerting = streamJobConfigSchema.shape.alerting.parse(undefined);

/** Recording rule names of the per-service signals and their learned baseline. */
export const recorded = {
  errorRate: "service:error_rate:ratio",
  latencyP95: "service:latency_p95:seconds",
} as const;
const current = (series: string) => `${series}:avg5m`;
const baselineMean = (series: string) => `${series}:baseline_avg`;
const baselineStddev = (series: string) => `${series}:baseline_stddev`;
const zScore = (series: string) => `${series}:zscore`;
const sloThreshold = (series: string) => `${series}:slo_threshold`;

/**
 * The baseline leaves out its newest minutes, so an incident under way does not raise the
 * history it is judged against.
 */
const baselineGap = "15m";

export interface BaselineSettings {
  /** Hours of each service's own history its current window is compared with. */
  baselineHours: number;
  /** Standard deviations above the baseline mean that make an anomaly. */
  zScore: number;
}

/**
 * Floors that keep quiet services from paging: a flat history has a standard deviation near 0,
 * so any blip would be many deviations out. The deviation used is at least this much, and an
 * error-rate anomaly also needs an error rate worth waking someone for. They are the stream
 * job's anomaly defaults, so Prometheus and the job judge a service alike.
 */
export const anomalyFloors = {
  errorRateStddev: streamJobAlerting.anomaly.errorRateStddevFloor,
  errorRate: streamJobAlerting.anomaly.errorRateFloor,
  latencyStddevSeconds: streamJobAlerting.anomaly.latencyStddevFloorMs / 1000,
} as const;

function baselineRules(series: string, hours: number, stddevFloor: number): RecordingRule[] {
  const history = `[${hours}h] offset ${baselineGap}`;
  return [
    { record: current(series), expr: `avg_over_time(${series}[5m])` },
    { record: baselineMean(series), expr: `avg_over_time(${series}${history})` },
    { record: baselineStddev(series), expr: `stddev_over_time(${series}${history})` },
    {
      record: zScore(series),
      expr: `(${current(series)} - ${baselineMean(series)}) / clamp_min(${baselineStddev(series)}, ${stddevFloor})`,
    },
  ];
}

/** One constant series per catalog service: its SLO threshold, for the SLO alerts to compare with. */
function thresholdRules(
  series: string,
  catalog: readonly ServiceCatalogEntry[],
  threshold: (entry: ServiceCatalogEntry) => number,
): RecordingRule[] {
  return catalog.map((entry) => ({
    record: sloThreshold(series),
    expr: `vector(${threshold(entry)})`,
    labels: { service: entry.service },
  }));
}

/** The error rate above which the stream job raises an SLO alert for a service. */
export function errorRateSloThreshold(entry: ServiceCatalogEntry): number {
  return Math.max(entry.error_budget * streamJobAlerting.errorBudgetFactor, streamJobAlerting.errorRateFloor);
}

/** The p95 latency (seconds) above which the stream job raises an SLO alert for a service. */
export function latencySloThresholdSeconds(entry: ServiceCatalogEntry): number {
  return (entry.latency_slo_p95_ms * streamJobAlerting.latencySloFactor) / 1000;
}

function serviceAlert(
  alert: string,
  signal: Signal,
  basis: Basis,
  expr: string,
  forDuration: string,
  severity: "warning" | "critical",
  summary: string,
): AlertRule {
  return {
    alert,
    expr,
    for: forDuration,
    labels: { severity, [alertLabels.signal]: signal, [alertLabels.basis]: basis },
    annotations: { summary },
  };
}

/** Per-service signals, their baseline over the last hours, and the SLO thresholds of the catalog. */
export function serviceSignalGroups(
  baseline: BaselineSettings,
  catalog: readonly ServiceCatalogEntry[] = SERVICE_CATALOG,
): RuleGroup[] {
  const { errorRate, latencyP95 } = recorded;
  const hours = baseline.baselineHours;
  return [
    {
      name: "log-pipeline.service-signals",
      rules: [
        { record: errorRate, expr: `max by (service) (${streamJobMetrics.serviceErrorRate})` },
        { record: latencyP95, expr: `max by (service) (${streamJobMetrics.serviceLatencyP95})` },
        ...baselineRules(errorRate, hours, anomalyFloors.errorRateStddev),
        ...baselineRules(latencyP95, hours, anomalyFloors.latencyStddevSeconds),
        ...thresholdRules(errorRate, catalog, errorRateSloThreshold),
        ...thresholdRules(latencyP95, catalog, latencySloThresholdSeconds),
      ],
    },
    {
      name: "log-pipeline.service-alerts",
      rules: [
        serviceAlert(
          "ServiceErrorRateAnomaly",
          "error-rate",
          "anomaly",
          `${zScore(errorRate)} > ${baseline.zScore} and on (service) ${current(errorRate)} > ${anomalyFloors.errorRate}`,
          "5m",
          "warning",
          `The error rate of {{ $labels.service }} is more than ${baseline.zScore} standard deviations above its last ${hours}h`,
        ),
        serviceAlert(
          "ServiceLatencyAnomaly",
          "latency",
          "anomaly",
          `${zScore(latencyP95)} > ${baseline.zScore}`,
          "5m",
          "warning",
          `The p95 latency of {{ $labels.service }} is more than ${baseline.zScore} standard deviations above its last ${hours}h`,
        ),
        serviceAlert(
          "ServiceErrorRateSloBreach",
          "error-rate",
          "slo",
          `${current(errorRate)} > on (service) ${sloThreshold(errorRate)}`,
          "5m",
          "critical",
          "The error rate of {{ $labels.service }} is above its SLO threshold",
        ),
        serviceAlert(
          "ServiceLatencySloBreach",
          "latency",
          "slo",
          `${current(latencyP95)} > on (service) ${sloThreshold(latencyP95)}`,
          "5m",
          "critical",
          "The p95 latency of {{ $labels.service }} is above its SLO threshold",
        ),
      ],
    },
  ];
}

function pipelineAlert(
  alert: string,
  expr: string,
  forDuration: string,
  severity: "warning" | "critical",
  summary: string,
): AlertRule {
  return { alert, expr, for: forDuration, labels: { severity }, annotations: { summary } };
}

/** The pipeline's own health: lag, stalled or silent queries, dead letters, Kafka consumer lag. */
export function pipelineGroups(settings: PipelineConfig["monitoring"], kafkaInCluster: boolean): RuleGroup[] {
  const stalledSeconds = settings.stalledMinutes * 60;
  const m = streamJobMetrics;
  const streamRules = [
    pipelineAlert(
      "StreamJobKafkaLagHigh",
      `max by (query) (${m.kafkaLag}) > ${settings.lagRecords}`,
      "5m",
      "warning",
      `Query {{ $labels.query }} is more than ${settings.lagRecords} records behind its input topic`,
    ),
    pipelineAlert(
      "StreamingQueryStalled",
      `time() - max by (query) (${m.lastProgressTimestamp}) > ${stalledSeconds}`,
      "1m",
      "critical",
      `Streaming query {{ $labels.query }} has made no progress for ${settings.stalledMinutes} minutes`,
    ),
    pipelineAlert(
      "StreamJobNotReporting",
      `absent(${m.lastProgressTimestamp})`,
      `${settings.stalledMinutes}m`,
      "critical",
      "The stream job exports no query progress",
    ),
    // The supervisor's backoff caps at a minute: more than three restarts in 15 minutes is a
    // query that keeps failing, not a one-off.
    pipelineAlert(
      "StreamingQueryRestarting",
      `increase(${m.queryRestarts}[15m]) > 3`,
      "0m",
      "warning",
      "Streaming query {{ $labels.query }} restarted more than 3 times in 15 minutes: see its lastError on /status",
    ),
    pipelineAlert(
      "DeadLettersRising",
      `sum(rate(${m.deadLetters}[5m])) > 1`,
      "10m",
      "warning",
      "More than one malformed record per second goes to the dead-letter topic",
    ),
  ];
  const kafkaRules = [
    pipelineAlert(
      "KafkaConsumerGroupLagHigh",
      `sum by (consumergroup, topic) (kafka_consumergroup_lag) > ${settings.lagRecords}`,
      "10m",
      "warning",
      "Consumer group {{ $labels.consumergroup }} lags on {{ $labels.topic }}",
    ),
  ];
  return [
    { name: "log-pipeline.stream-job", rules: streamRules },
    ...(kafkaInCluster ? [{ name: "log-pipeline.kafka", rules: kafkaRules }] : []),
  ];
}

/** Every rule group of the PrometheusRule the program deploys. */
export function alertRuleGroups(
  settings: PipelineConfig["monitoring"],
  kafkaInCluster: boolean,
): RuleGroup[] {
  return [...pipelineGroups(settings, kafkaInCluster), ...serviceSignalGroups(settings.baseline)];
}
