import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { ChartReference } from "./charts.ts";
import type { PipelineConfig } from "./config.ts";
import { type Component, componentLabels, components, httpPaths, streamJobMetrics } from "./contract.ts";
import { crdsAsStored } from "./crd-schemas.ts";
import { pipelineDashboard } from "./dashboard.ts";
import { strimziClusterPodLabels } from "./kafka.ts";

export interface MonitoringArgs {
  settings: PipelineConfig["monitoring"];
  /** The pipeline's namespace, where the monitors and rules live beside what they watch. */
  namespace: pulumi.Input<string>;
  monitoringNamespace: pulumi.Input<string>;
  /** Whether Kafka runs in the cluster (Strimzi), so its pods can be scraped. */
  kafkaInCluster: boolean;
  /** Where Helm gets kube-prometheus-stack. */
  chart: ChartReference;
}

/** kube-prometheus-stack's release name; it selects monitors and rules labelled `release: <it>`. */
export const monitoringRelease = "monitoring";
const releaseLabel = { release: monitoringRelease };
const monitoringApi = "monitoring.coreos.com/v1";

const small = (memory: string) => ({ requests: { cpu: "100m", memory }, limits: { cpu: "500m", memory } });

/**
 * Prometheus, Alertmanager and Grafana (kube-prometheus-stack), with monitors for every part of
 * the pipeline, alert rules for lag, stalled queries and error-rate anomalies, and a dashboard.
 */
export class Monitoring extends pulumi.ComponentResource {
  readonly prometheusUrl: pulumi.Output<string>;
  readonly grafanaUrl: pulumi.Output<string>;
  readonly grafanaAdminPassword: pulumi.Output<string>;

  private readonly stack: k8s.helm.v4.Chart;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:Monitoring", name, {}, opts);
    const ns = args.monitoringNamespace;

    this.grafanaAdminPassword = new random.RandomPassword(
      `${name}-grafana-admin`,
      { length: 24, special: false },
      { parent: this },
    ).result;
    const grafanaAdmin = new k8s.core.v1.Secret(
      `${name}-grafana-admin`,
      {
        metadata: { name: "grafana-admin", namespace: ns },
        type: "Opaque",
        stringData: { "admin-user": "admin", "admin-password": this.grafanaAdminPassword },
      },
      { parent: this },
    );

    this.stack = new k8s.helm.v4.Chart(
      `${name}-kube-prometheus-stack`,
      {
        name: monitoringRelease,
        ...args.chart,
        namespace: ns,
        values: {
          fullnameOverride: monitoringRelease,
          // The node exporter needs the host's network and PID namespaces: beyond Pod Security baseline.
          nodeExporter: { enabled: false },
          prometheusOperator: {
            admissionWebhooks: { enabled: false },
            tls: { enabled: false },
            resources: small("256Mi"),
          },
          prometheus: {
            prometheusSpec: {
              retention: "3d",
              resources: { requests: { cpu: "200m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
              serviceMonitorSelectorNilUsesHelmValues: false,
              podMonitorSelectorNilUsesHelmValues: false,
              ruleSelectorNilUsesHelmValues: false,
            },
          },
          alertmanager: { alertmanagerSpec: { resources: small("128Mi") } },
          grafana: {
            fullnameOverride: "grafana",
            admin: {
              existingSecret: grafanaAdmin.metadata.name,
              userKey: "admin-user",
              passwordKey: "admin-password",
            },
            resources: small("256Mi"),
            sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1" } },
          },
          "kube-state-metrics": { resources: small("128Mi") },
        },
      },
      { parent: this, dependsOn: [grafanaAdmin], transforms: [crdsAsStored] },
    );

    this.prometheusUrl = pulumi.interpolate`http://${monitoringRelease}-prometheus.${ns}.svc.cluster.local:9090`;
    this.grafanaUrl = pulumi.interpolate`http://grafana.${ns}.svc.cluster.local`;

    this.serviceMonitor(name, components.producer, args.namespace, "metrics", httpPaths.metrics);
    this.serviceMonitor(name, components.streamJob, args.namespace, "http", httpPaths.metrics);
    this.podMonitor(
      name,
      components.sparkMaster,
      args.namespace,
      componentLabels(components.sparkMaster),
      "http",
      [httpPaths.sparkMasterMetrics, httpPaths.sparkApplicationsMetrics],
    );
    this.podMonitor(
      name,
      components.sparkWorker,
      args.namespace,
      componentLabels(components.sparkWorker),
      "http",
      [httpPaths.sparkMetrics],
    );
    this.podMonitor(
      name,
      components.sparkConnect,
      args.namespace,
      componentLabels(components.sparkConnect),
      "http",
      [httpPaths.sparkMetrics, httpPaths.sparkExecutorMetrics],
    );
    if (args.kafkaInCluster) {
      // Brokers (Strimzi metrics reporter) and the Kafka Exporter both serve `tcp-prometheus`.
      this.podMonitor(name, "kafka", args.namespace, strimziClusterPodLabels, "tcp-prometheus", [
        httpPaths.metrics,
      ]);
    }
    this.rules(name, args.namespace, args.settings, args.kafkaInCluster);

    new k8s.core.v1.ConfigMap(
      `${name}-dashboard`,
      {
        metadata: { name: "log-pipeline-dashboard", namespace: ns, labels: { grafana_dashboard: "1" } },
        data: { "log-pipeline.json": pipelineDashboard() },
      },
      { parent: this },
    );

    this.registerOutputs({ prometheusUrl: this.prometheusUrl, grafanaUrl: this.grafanaUrl });
  }

  private customResource(
    resourceName: string,
    kind: string,
    metadataName: string,
    namespace: pulumi.Input<string>,
    spec: object,
  ) {
    return new k8s.apiextensions.CustomResource(
      resourceName,
      {
        apiVersion: monitoringApi,
        kind,
        metadata: { name: metadataName, namespace, labels: releaseLabel },
        spec,
      },
      // The chart installs the CRDs these resources need.
      { parent: this, dependsOn: [this.stack] },
    );
  }

  private serviceMonitor(
    name: string,
    component: Component,
    namespace: pulumi.Input<string>,
    port: string,
    path: string,
  ) {
    this.customResource(`${name}-${component}-monitor`, "ServiceMonitor", component, namespace, {
      selector: { matchLabels: componentLabels(component) },
      endpoints: [{ port, path, interval: "15s" }],
    });
  }

  private podMonitor(
    name: string,
    target: string,
    namespace: pulumi.Input<string>,
    labels: Record<string, string>,
    port: string,
    paths: string[],
  ) {
    this.customResource(`${name}-${target}-pod-monitor`, "PodMonitor", target, namespace, {
      selector: { matchLabels: labels },
      podMetricsEndpoints: paths.map((path) => ({ port, path, interval: "30s" })),
    });
  }

  private rules(
    name: string,
    namespace: pulumi.Input<string>,
    settings: PipelineConfig["monitoring"],
    kafkaInCluster: boolean,
  ) {
    const stalledSeconds = settings.stalledMinutes * 60;
    const m = streamJobMetrics;
    const alert = (
      alertName: string,
      expr: string,
      forDuration: string,
      severity: "warning" | "critical",
      summary: string,
    ) => ({ alert: alertName, expr, for: forDuration, labels: { severity }, annotations: { summary } });
    const streamRules = [
      alert(
        "StreamJobKafkaLagHigh",
        `max by (query) (${m.kafkaLag}) > ${settings.lagRecords}`,
        "5m",
        "warning",
        `Query {{ $labels.query }} is more than ${settings.lagRecords} records behind its input topic`,
      ),
      alert(
        "StreamingQueryStalled",
        `time() - max by (query) (${m.lastProgressTimestamp}) > ${stalledSeconds}`,
        "1m",
        "critical",
        `Streaming query {{ $labels.query }} has made no progress for ${settings.stalledMinutes} minutes`,
      ),
      alert(
        "StreamJobNotReporting",
        `absent(${m.lastProgressTimestamp})`,
        `${settings.stalledMinutes}m`,
        "critical",
        "The stream job exports no query progress",
      ),
      // The supervisor's backoff caps at a minute: more than three restarts in 15 minutes is a
      // query that keeps failing, not a one-off.
      alert(
        "StreamingQueryRestarting",
        `increase(${m.queryRestarts}[15m]) > 3`,
        "0m",
        "warning",
        "Streaming query {{ $labels.query }} restarted more than 3 times in 15 minutes: see its lastError on /status",
      ),
      alert(
        "ServiceErrorRateAnomaly",
        `${m.serviceErrorRate} > 0.05 and ${m.serviceErrorRate} > avg_over_time(${m.serviceErrorRate}[1h]) + 3 * stddev_over_time(${m.serviceErrorRate}[1h])`,
        "5m",
        "warning",
        "The error rate of {{ $labels.service }} is far above its last hour",
      ),
      alert(
        "DeadLettersRising",
        `sum(rate(${m.deadLetters}[5m])) > 1`,
        "10m",
        "warning",
        "More than one malformed record per second goes to the dead-letter topic",
      ),
    ];
    const kafkaRules = kafkaInCluster
      ? [
          alert(
            "KafkaConsumerGroupLagHigh",
            `sum by (consumergroup, topic) (kafka_consumergroup_lag) > ${settings.lagRecords}`,
            "10m",
            "warning",
            "Consumer group {{ $labels.consumergroup }} lags on {{ $labels.topic }}",
          ),
        ]
      : [];
    this.customResource(`${name}-rules`, "PrometheusRule", "log-pipeline", namespace, {
      groups: [
        { name: "log-pipeline.stream-job", rules: streamRules },
        ...(kafkaRules.length > 0 ? [{ name: "log-pipeline.kafka", rules: kafkaRules }] : []),
      ],
    });
  }
}
