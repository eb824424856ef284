import type { PipelineConfig } from "../../infra/config.ts";
import { streamJobMetrics } from "../../infra/contract.ts";
import { around, constant, drift, streamJobScrapeLabels, streamJobSeries, timeline } from "./series.ts";

/**
 * The stories the alert rules are tested on. Each states, at each checkpoint, exactly which of
 * the alerts it watches must be firing (and for which labels); every other watched alert must
 * be silent then. Times are minutes from the start of the synthetic series (one sample a minute).
 */
export interface Scenario {
  name: string;
  series: { series: string; values: number[] }[];
  watched: readonly string[];
  checkpoints: { minute: number; firing: { alert: string; labels: Record<string, string> }[] }[];
  /** Values of recorded series worth stating, e.g. the SLO thresholds taken from the catalog. */
  samples?: { minute: number; expr: string; labels: string; value: number }[];
}

export const serviceAlerts = [
  "ServiceErrorRateAnomaly",
  "ServiceLatencyAnomaly",
  "ServiceErrorRateSloBreach",
  "ServiceLatencySloBreach",
] as const;

export const pipelineAlerts = [
  "StreamJobKafkaLagHigh",
  "StreamingQueryStalled",
  "StreamingQueryRestarting",
  "StreamJobNotReporting",
  "DeadLettersRising",
  "KafkaConsumerGroupLagHigh",
] as const;

const errorRate = (service: string, values: number[]) => ({
  series: streamJobSeries(streamJobMetrics.serviceErrorRate, { service }),
  values,
});
const latencyP95 = (service: string, values: number[]) => ({
  series: streamJobSeries(streamJobMetrics.serviceLatencyP95, { service }),
  values,
});

/** Longer than the default baseline (3 h) plus the gap the baseline leaves out (15 min). */
const quietMinutes = 240;

export function scenarios(settings: PipelineConfig["monitoring"]): Scenario[] {
  return [
    {
      name: "a quiet day: noisy but normal services, and a quiet service's blip under the floors, raise nothing",
      series: [
        errorRate("checkout", timeline([600, around(0.005, 0.002)])),
        latencyP95("checkout", timeline([600, around(0.3, 0.02)])),
        errorRate("api-gateway", timeline([600, around(0.01, 0.004)])),
        latencyP95("api-gateway", timeline([600, around(0.2, 0.02)])),
        // auth never fails and never varies: its standard deviation is 0, so without the floors
        // a rise to 1.8 % errors or +40 ms would be "infinitely" anomalous and page someone.
        errorRate("auth", timeline([300, constant(0)], [20, constant(0.018)], [280, constant(0)])),
        latencyP95("auth", timeline([300, constant(0.06)], [20, constant(0.1)], [280, constant(0.06)])),
      ],
      watched: serviceAlerts,
      checkpoints: [210, 315, 330, 480, 599].map((minute) => ({ minute, firing: [] })),
    },
    {
      name: "a staged error spike: both the anomaly and the SLO alert fire within minutes, and clear when it ends",
      series: [
        errorRate(
          "checkout",
          timeline([quietMinutes, around(0.005, 0.002)], [30, constant(0.3)], [60, around(0.005, 0.002)]),
        ),
        latencyP95("checkout", timeline([quietMinutes + 90, around(0.3, 0.02)])),
      ],
      watched: serviceAlerts,
      checkpoints: [
        { minute: quietMinutes - 1, firing: [] },
        // The 5-minute average crosses at once; the rules' `for: 5m` holds them pending.
        { minute: quietMinutes + 3, firing: [] },
        {
          minute: quietMinutes + 10,
          firing: [
            { alert: "ServiceErrorRateAnomaly", labels: { service: "checkout" } },
            { alert: "ServiceErrorRateSloBreach", labels: { service: "checkout" } },
          ],
        },
        { minute: quietMinutes + 60, firing: [] },
      ],
      samples: [
        // The thresholds come from the catalog: max(error budget × 20, 5 %), p95 SLO × 1.5.
        {
          minute: 10,
          expr: "service:error_rate:ratio:slo_threshold",
          labels: '{service="checkout"}',
          value: 0.05,
        },
        {
          minute: 10,
          expr: "service:error_rate:ratio:slo_threshold",
          labels: '{service="search"}',
          value: 0.2,
        },
        {
          minute: 10,
          expr: "service:latency_p95:seconds:slo_threshold",
          labels: '{service="payments"}',
          value: 1.2,
        },
      ],
    },
    {
      name: "a latency regression: an anomaly below the SLO warns and fades as the baseline learns it; one above the SLO also breaches it",
      series: [
        latencyP95(
          "notifications",
          timeline([quietMinutes, around(0.3, 0.02)], [60, constant(0.7)], [30, around(0.3, 0.02)]),
        ),
        errorRate("notifications", timeline([quietMinutes + 90, around(0.01, 0.004)])),
        latencyP95(
          "payments",
          timeline([quietMinutes, around(0.4, 0.03)], [60, constant(1.5)], [30, around(0.4, 0.03)]),
        ),
        errorRate("payments", timeline([quietMinutes + 90, around(0.004, 0.002)])),
      ],
      watched: serviceAlerts,
      checkpoints: [
        { minute: quietMinutes + 3, firing: [] },
        {
          minute: quietMinutes + 10,
          firing: [
            { alert: "ServiceLatencyAnomaly", labels: { service: "notifications" } },
            { alert: "ServiceLatencyAnomaly", labels: { service: "payments" } },
            { alert: "ServiceLatencySloBreach", labels: { service: "payments" } },
          ],
        },
        // 35 minutes of the new level in the baseline: no longer an anomaly, still an SLO breach.
        {
          minute: quietMinutes + 50,
          firing: [{ alert: "ServiceLatencySloBreach", labels: { service: "payments" } }],
        },
        { minute: quietMinutes + 80, firing: [] },
      ],
    },
    {
      name: "a slow drift: the baseline follows it, so only the SLO alert fires, once the drift crosses the threshold",
      series: [
        // +0.02 percentage points a minute from 1 %: crosses the 5 % threshold after 200 minutes.
        errorRate("api-gateway", timeline([quietMinutes, around(0.01, 0.002)], [240, drift(0.0002)])),
        // +0.5 ms a minute from 200 ms: stays under the 375 ms threshold.
        latencyP95("api-gateway", timeline([quietMinutes, around(0.2, 0.01)], [240, drift(0.0005)])),
      ],
      watched: serviceAlerts,
      checkpoints: [
        { minute: quietMinutes + 60, firing: [] },
        { minute: quietMinutes + 180, firing: [] },
        {
          minute: quietMinutes + 225,
          firing: [{ alert: "ServiceErrorRateSloBreach", labels: { service: "api-gateway" } }],
        },
      ],
    },
    pipelineIncident(settings),
    {
      name: "a stream job that exports nothing: only the not-reporting alert fires, after the stalled time",
      series: [{ series: 'up{job="producer"}', values: timeline([60, constant(1)]) }],
      watched: pipelineAlerts.filter((alert) => alert !== "KafkaConsumerGroupLagHigh"),
      checkpoints: [
        { minute: settings.stalledMinutes - 1, firing: [] },
        { minute: settings.stalledMinutes + 1, firing: [{ alert: "StreamJobNotReporting", labels: {} }] },
      ],
    },
  ];
}

/** Healthy for 30 minutes, then the query stops progressing while lag and dead letters pile up. */
function pipelineIncident(settings: PipelineConfig["monitoring"]): Scenario {
  const query = "window-metrics";
  const healthy = 30;
  const minutes = 90;
  const lagging = settings.lagRecords * 2;
  return {
    name: "a pipeline incident: a stalled query, restarts, growing lag and a dead-letter burst each raise their alert",
    series: [
      {
        // Unix seconds of the last progress: the clock while healthy, then frozen.
        series: streamJobSeries(streamJobMetrics.lastProgressTimestamp, { query }),
        values: timeline([healthy, (minute) => minute * 60], [minutes - healthy, drift(0)]),
      },
      {
        series: streamJobSeries(streamJobMetrics.kafkaLag, { query }),
        values: timeline([healthy, around(100, 50)], [minutes - healthy, constant(lagging)]),
      },
      {
        // A restart every two minutes once the incident starts.
        series: streamJobSeries(streamJobMetrics.queryRestarts, { query }),
        values: timeline([healthy, constant(0)], [minutes - healthy, drift(0.5)]),
      },
      {
        // Half a malformed record a second, then five.
        series: streamJobSeries(streamJobMetrics.deadLetters, {}),
        values: timeline([healthy, drift(30)], [minutes - healthy, drift(300)]),
      },
      {
        series: 'kafka_consumergroup_lag{consumergroup="archiver", topic="logs", partition="0"}',
        values: timeline([healthy, constant(10)], [minutes - healthy, constant(lagging)]),
      },
    ],
    watched: pipelineAlerts,
    checkpoints: [
      { minute: healthy - 5, firing: [] },
      {
        minute: minutes - 5,
        firing: [
          { alert: "StreamingQueryStalled", labels: { query } },
          { alert: "StreamJobKafkaLagHigh", labels: { query } },
          { alert: "StreamingQueryRestarting", labels: { query, ...streamJobScrapeLabels } },
          { alert: "DeadLettersRising", labels: {} },
          { alert: "KafkaConsumerGroupLagHigh", labels: { consumergroup: "archiver", topic: "logs" } },
        ],
      },
    ],
  };
}
