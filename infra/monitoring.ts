import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { alertRuleGroups, type RuleGroup } from "./alert-rules.ts";
import { alertmanagerConfig, receiversSecretName } from "./alertmanager-config.ts";
import type { ChartReference } from "./charts.ts";
import type { PipelineConfig } from "./config.ts";
import { type AlertReceiver, alertReceiverSecrets } from "./config.ts";
import { type Component, componentLabels, components, httpPaths } from "./contract.ts";
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
  /** The Alertmanager receivers' URLs and keys (Pulumi secrets; empty when not configured). */
  receiverSecrets: Record<AlertReceiver, pulumi.Output<string>>;
}

/** kube-prometheus-stack's release name; it selects monitors and rules labelled `release: <it>`. */
export const monitoringRelease = "monitoring";
const releaseLabel = { release: monitoringRelease };
const monitoringApi = "monitoring.coreos.com/v1";

const small = (memory: string) => ({ requests: { cpu: "100m", memory }, limits: { cpu: "500m", memory } });

/**
 * Prometheus, Alertmanager and Grafana (kube-prometheus-stack), with monitors for every part of
 * the pipeline, alert rules (pipeline health, per-service anomalies against a learned baseline and
 * SLO breaches), Alertmanager routes to the owner teams' receivers, and a dashboard.
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

    // Only receivers whose secret is set exist; with none, alerts show in Alertmanager alone.
    const receivers = args.settings.delivery.receivers;
    const alertReceivers =
      receivers.length > 0
        ? new k8s.core.v1.Secret(
            `${name}-alert-receivers`,
            {
              metadata: { name: receiversSecretName, namespace: ns },
              type: "Opaque",
              stringData: Object.fromEntries(
                receivers.map((receiver) => [alertReceiverSecrets[receiver], args.receiverSecrets[receiver]]),
              ),
            },
            { parent: this },
          )
        : undefined;

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
          alertmanager: {
            alertmanagerSpec: {
              resources: small("128Mi"),
              ...(alertReceivers && { secrets: [receiversSecretName] }),
            },
            config: alertmanagerConfig(args.settings.delivery),
          },
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
      {
        parent: this,
        dependsOn: [grafanaAdmin, ...(alertReceivers ? [alertReceivers] : [])],
        transforms: [crdsAsStored],
      },
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
    this.rules(name, args.namespace, alertRuleGroups(args.settings, args.kafkaInCluster));

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

  private rules(name: string, namespace: pulumi.Input<string>, groups: RuleGroup[]) {
    this.customResource(`${name}-rules`, "PrometheusRule", "log-pipeline", namespace, { groups });
  }
}
