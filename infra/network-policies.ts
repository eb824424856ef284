import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DataStorage } from "./config.ts";
import { componentLabels, components, ports } from "./contract.ts";
import { strimziBrokerPodLabels, strimziClusterPodLabels, strimziOperatorPodLabels } from "./kafka.ts";

/** A set of pods inside the pipeline's namespace: these get policies of their own. */
interface LocalPeer {
  kind: "local";
  name: string;
  labels: Record<string, string>;
}
/** Pods in another namespace, or addresses outside the cluster: only referenced. */
type RemotePeer =
  | { kind: "namespace"; name: string; namespace: pulumi.Input<string>; labels: Record<string, string> }
  | { kind: "addresses"; name: string; cidrs: string[] };
type Peer = LocalPeer | RemotePeer;

interface PortRange {
  port: number;
  endPort?: number;
  protocol?: "TCP" | "UDP";
}

interface Flow {
  from: Peer;
  to: Peer;
  /** Empty: every port (only among the pods of the Strimzi-managed Kafka cluster). */
  ports: PortRange[];
}

export interface PipelineNetworkArgs {
  namespace: pulumi.Input<string>;
  kafka: { mode: "strimzi" } | { mode: "external"; ports: number[] };
  /** The lake's object store, which Spark's pods (and only they) reach: in a namespace of the cluster, or outside. */
  objectStore: { port: number; namespace?: string } | undefined;
  /** Prometheus's namespace, or undefined when monitoring is off. */
  monitoringNamespace: pulumi.Input<string> | undefined;
  /** Where the Kubernetes API server's endpoints are (`kubernetesApiCidrs`), for Strimzi's pods. */
  kubernetesApiCidrs: string[];
}

const local = (name: string, labels: Record<string, string>): LocalPeer => ({ kind: "local", name, labels });

const peers = {
  producer: local("producer", componentLabels(components.producer)),
  streamJob: local("stream-job", componentLabels(components.streamJob)),
  master: local("spark-master", componentLabels(components.sparkMaster)),
  worker: local("spark-worker", componentLabels(components.sparkWorker)),
  driver: local("spark-connect", componentLabels(components.sparkConnect)),
  kafkaBrokers: local("kafka-brokers", strimziBrokerPodLabels),
  kafkaCluster: local("kafka-cluster", strimziClusterPodLabels),
  strimziOperator: local("strimzi-operator", strimziOperatorPodLabels),
  kubeDns: {
    kind: "namespace",
    name: "kube-dns",
    namespace: "kube-system",
    labels: { "k8s-app": "kube-dns" },
  },
  outside: { kind: "addresses", name: "outside", cidrs: ["0.0.0.0/0"] },
} satisfies Record<string, Peer>;

/** Labels kube-prometheus-stack gives the pods of its release (the operator's and the chart's). */
const monitoringPodLabels = {
  prometheus: { "app.kubernetes.io/name": "prometheus" },
  alertmanager: { "app.kubernetes.io/name": "alertmanager" },
  grafana: { "app.kubernetes.io/name": "grafana" },
} as const;

const tcp = (port: number, endPort?: number): PortRange => ({
  port,
  ...(endPort !== undefined && { endPort }),
});
const blockManagers = tcp(ports.sparkBlockManager, ports.sparkBlockManagerLast);

/** Where Spark's pods reach the lake: an s3a:// store where configured, any other object store on 443. */
export function objectStoreReach(data: DataStorage): PipelineNetworkArgs["objectStore"] {
  if (data.kind !== "objectStore") return undefined;
  if (!data.s3) return { port: 443 };
  return { port: data.s3.port, ...(data.s3.storeNamespace && { namespace: data.s3.storeNamespace }) };
}

/** Every flow the pipeline needs; anything else is denied. */
export function pipelineFlows(args: PipelineNetworkArgs): Flow[] {
  const { producer, streamJob, master, worker, driver } = peers;
  const kafkaClients = [producer, streamJob, driver, worker];
  const flows: Flow[] = [
    { from: streamJob, to: driver, ports: [tcp(ports.sparkConnect)] },
    { from: driver, to: master, ports: [tcp(ports.sparkMaster)] },
    { from: worker, to: master, ports: [tcp(ports.sparkMaster)] },
    { from: master, to: worker, ports: [tcp(ports.sparkRpc)] },
    { from: master, to: driver, ports: [tcp(ports.sparkRpc)] },
    { from: worker, to: driver, ports: [tcp(ports.sparkRpc), blockManagers] },
    { from: driver, to: worker, ports: [blockManagers] },
    { from: worker, to: worker, ports: [blockManagers] },
  ];
  if (args.kafka.mode === "strimzi") {
    for (const client of kafkaClients)
      flows.push({ from: client, to: peers.kafkaBrokers, ports: [tcp(ports.kafkaClient)] });
    // Policies see the API server's own address and port after the Service's DNAT: 443 on managed
    // clusters, 6443 on kubeadm and kind, 8443 on minikube.
    const https = [tcp(443), tcp(6443), tcp(8443)];
    const kubernetesApi: Peer = { kind: "addresses", name: "kubernetes-api", cidrs: args.kubernetesApiCidrs };
    flows.push(
      { from: peers.kafkaCluster, to: peers.kafkaCluster, ports: [] },
      { from: peers.strimziOperator, to: peers.kafkaCluster, ports: [] },
      { from: peers.strimziOperator, to: kubernetesApi, ports: https },
      { from: peers.kafkaCluster, to: kubernetesApi, ports: https },
    );
  } else {
    const brokerPorts = [...new Set(args.kafka.ports)].map((port) => tcp(port));
    for (const client of kafkaClients) flows.push({ from: client, to: peers.outside, ports: brokerPorts });
  }
  if (args.objectStore) {
    const { port, namespace } = args.objectStore;
    const store: Peer = namespace
      ? { kind: "namespace", name: "object-store", namespace, labels: {} }
      : peers.outside;
    for (const spark of [driver, worker]) flows.push({ from: spark, to: store, ports: [tcp(port)] });
  }
  if (args.monitoringNamespace !== undefined) {
    const prometheus: Peer = {
      kind: "namespace",
      name: "prometheus",
      namespace: args.monitoringNamespace,
      labels: monitoringPodLabels.prometheus,
    };
    flows.push(
      { from: prometheus, to: producer, ports: [tcp(ports.producerMetrics)] },
      { from: prometheus, to: streamJob, ports: [tcp(ports.streamJobHttp)] },
      { from: prometheus, to: master, ports: [tcp(ports.sparkMasterUi)] },
      { from: prometheus, to: worker, ports: [tcp(ports.sparkWorkerUi)] },
      { from: prometheus, to: driver, ports: [tcp(ports.sparkDriverUi)] },
    );
    if (args.kafka.mode === "strimzi")
      flows.push({ from: prometheus, to: peers.kafkaCluster, ports: [tcp(ports.kafkaMetrics)] });
  }
  return flows;
}

function policyPeers(peer: Peer): k8s.types.input.networking.v1.NetworkPolicyPeer[] {
  switch (peer.kind) {
    case "local":
      return [{ podSelector: { matchLabels: peer.labels } }];
    case "namespace":
      return [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } },
          podSelector: { matchLabels: peer.labels },
        },
      ];
    case "addresses":
      return peer.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
  }
}

function policyPorts(ranges: PortRange[]): k8s.types.input.networking.v1.NetworkPolicyPort[] | undefined {
  if (ranges.length === 0) return undefined;
  return ranges.map(({ port, endPort, protocol }) => ({
    protocol: protocol ?? "TCP",
    port,
    ...(endPort !== undefined && { endPort }),
  }));
}

/**
 * NetworkPolicies for the pipeline's namespace: deny everything, allow DNS, then for each set of
 * pods exactly the flows of `pipelineFlows` that start or end there.
 */
export class PipelineNetwork extends pulumi.ComponentResource {
  constructor(name: string, args: PipelineNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:PipelineNetwork", name, {}, opts);
    const policy = (policyName: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
      new k8s.networking.v1.NetworkPolicy(
        `${name}-${policyName}`,
        { metadata: { name: policyName, namespace: args.namespace }, spec },
        { parent: this },
      );

    policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    policy("allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: policyPeers(peers.kubeDns),
          ports: [
            { protocol: "UDP", port: ports.kubeDns },
            { protocol: "TCP", port: ports.kubeDns },
          ],
        },
      ],
    });

    const flows = pipelineFlows(args);
    const locals = new Map<string, LocalPeer>();
    for (const flow of flows)
      for (const peer of [flow.from, flow.to]) if (peer.kind === "local") locals.set(peer.name, peer);

    for (const peer of locals.values()) {
      const ingress = flows
        .filter((flow) => flow.to === peer)
        .map((flow) => ({ from: policyPeers(flow.from), ports: policyPorts(flow.ports) }));
      const egress = flows
        .filter((flow) => flow.from === peer)
        .map((flow) => ({ to: policyPeers(flow.to), ports: policyPorts(flow.ports) }));
      policy(`allow-${peer.name}`, {
        podSelector: { matchLabels: peer.labels },
        policyTypes: ["Ingress", "Egress"],
        ingress,
        egress,
      });
    }
    if (args.monitoringNamespace !== undefined) this.monitoringPolicies(name, args.monitoringNamespace);
    this.registerOutputs({});
  }

  /**
   * Ingress policies for the monitoring namespace: Prometheus scrapes every pod there and sends
   * alerts to Alertmanager, Grafana queries Prometheus, Alertmanager replicas gossip; nobody else
   * gets in (so no pod can silence alerts). Egress stays open there: Prometheus scrapes kubelets
   * and the control plane on the nodes' addresses, and Alertmanager calls receivers outside.
   */
  private monitoringPolicies(name: string, namespace: pulumi.Input<string>): void {
    const policy = (policyName: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
      new k8s.networking.v1.NetworkPolicy(
        `${name}-monitoring-${policyName}`,
        { metadata: { name: policyName, namespace }, spec },
        { parent: this },
      );
    const pods = (labels: Record<string, string>) => ({ podSelector: { matchLabels: labels } });
    policy("default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
    policy("allow-prometheus-scrapes", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [pods(monitoringPodLabels.prometheus)] }],
    });
    policy("allow-grafana-queries", {
      podSelector: { matchLabels: monitoringPodLabels.prometheus },
      policyTypes: ["Ingress"],
      ingress: [{ from: [pods(monitoringPodLabels.grafana)], ports: [{ protocol: "TCP", port: 9090 }] }],
    });
    policy("allow-alertmanager-cluster", {
      podSelector: { matchLabels: monitoringPodLabels.alertmanager },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [pods(monitoringPodLabels.alertmanager)],
          ports: [
            { protocol: "TCP", port: 9094 },
            { protocol: "UDP", port: 9094 },
          ],
        },
      ],
    });
  }
}
