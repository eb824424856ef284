import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PipelineConfig } from "./config.ts";
import { type Component, componentLabels, components, partOf } from "./contract.ts";

export interface ClusterBaseArgs {
  cluster: PipelineConfig["cluster"];
  namespace: string;
  /** The namespace of the monitoring release, or undefined when monitoring is off. */
  monitoringNamespace: string | undefined;
  /**
   * Whether the pipeline's namespace holds volumes meant to outlive the stack. Deleting a
   * namespace deletes every claim in it, so `pulumi destroy` then leaves the namespace in place.
   */
  holdsRetainedVolumes: boolean;
}

function podSecurityLabels(level: "restricted" | "baseline"): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
  };
}

/**
 * The ground the pipeline stands on: an explicit provider from stack config (a cluster, or a
 * directory of plain manifests), the namespace under Pod Security `restricted` (kept on
 * `pulumi destroy` while it holds retained volumes), and one service account per workload that
 * mounts no API token (none of them talks to the Kubernetes API).
 */
export class ClusterBase extends pulumi.ComponentResource {
  readonly provider: k8s.Provider;
  readonly namespace: pulumi.Output<string>;
  readonly monitoringNamespace: pulumi.Output<string> | undefined;
  readonly serviceAccounts: Record<Component, pulumi.Output<string>>;

  constructor(name: string, args: ClusterBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:ClusterBase", name, {}, opts);
    const { kubeconfig, context, renderYamlTo } = args.cluster;
    this.provider = new k8s.Provider(
      `${name}-provider`,
      {
        ...(kubeconfig !== "" && { kubeconfig }),
        ...(context !== "" && { context }),
        ...(renderYamlTo !== "" && { renderYamlToDirectory: renderYamlTo }),
        enableServerSideApply: true,
      },
      { parent: this },
    );
    const child = { parent: this, provider: this.provider };

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: args.namespace,
          labels: { "app.kubernetes.io/part-of": partOf, ...podSecurityLabels("restricted") },
        },
      },
      { ...child, retainOnDelete: args.holdsRetainedVolumes },
    );
    this.namespace = namespace.metadata.name;

    if (args.monitoringNamespace !== undefined) {
      // kube-prometheus-stack's operator and Grafana meet `baseline`; `restricted` is warned about.
      const monitoring = new k8s.core.v1.Namespace(
        `${name}-monitoring-namespace`,
        {
          metadata: {
            name: args.monitoringNamespace,
            labels: { "app.kubernetes.io/part-of": partOf, ...podSecurityLabels("baseline") },
          },
        },
        child,
      );
      this.monitoringNamespace = monitoring.metadata.name;
    }

    const accounts = Object.values(components).map((component) => {
      const account = new k8s.core.v1.ServiceAccount(
        `${name}-sa-${component}`,
        {
          metadata: { name: component, namespace: this.namespace, labels: componentLabels(component) },
          automountServiceAccountToken: false,
        },
        child,
      );
      return [component, account.metadata.name] as const;
    });
    this.serviceAccounts = Object.fromEntries(accounts) as Record<Component, pulumi.Output<string>>;

    this.registerOutputs({ namespace: this.namespace, monitoringNamespace: this.monitoringNamespace });
  }
}
