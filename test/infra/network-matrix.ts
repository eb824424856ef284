/**
 * The expected "who may reach whom" of the pipeline, written out independently of the program:
 * producer → Kafka, stream job → Kafka and Spark Connect, driver ↔ master ↔ workers, Spark →
 * Kafka, Prometheus → metrics ports, DNS for everyone, and Strimzi's own operator traffic.
 */
import type { ProgramRun } from "./harness.ts";
import { workloadsOf } from "./invariants.ts";
import type { Endpoint, Probe } from "./reachability.ts";

const tcp = (port: number): Probe => ({ port, protocol: "TCP" });
export const probes: Probe[] = [
  { port: 53, protocol: "UDP" },
  tcp(53),
  tcp(443),
  tcp(4040),
  tcp(6443),
  tcp(7077),
  tcp(7078),
  tcp(7079),
  tcp(7095),
  tcp(7096),
  tcp(8080),
  tcp(8081),
  tcp(8443),
  tcp(9090),
  tcp(9091),
  tcp(9092),
  tcp(9404),
  tcp(9464),
  tcp(9465),
  tcp(15002),
];

const strimziCluster = { "strimzi.io/cluster": "pipeline", "strimzi.io/kind": "Kafka" };

/** The pipeline's pods (from the program's workloads, and the pods Strimzi would create) and their neighbours. */
export function pipelineEndpoints(
  run: ProgramRun,
  namespace: string,
  monitoringNamespace: string,
  withStrimzi = true,
): Endpoint[] {
  const pod = (name: string, labels: Record<string, string>, ns = namespace): Endpoint => ({
    kind: "pod",
    name,
    namespace: ns,
    labels,
  });
  const endpoints: Endpoint[] = workloadsOf(run).map((workload) =>
    pod(workload.object.metadata.name, workload.labels, workload.object.metadata.namespace),
  );
  if (withStrimzi) {
    endpoints.push(
      pod("kafka-broker", {
        ...strimziCluster,
        "strimzi.io/name": "pipeline-kafka",
        "strimzi.io/pool-name": "dual-role",
        "strimzi.io/broker-role": "true",
        "strimzi.io/controller-role": "true",
      }),
      pod("entity-operator", { ...strimziCluster, "strimzi.io/name": "pipeline-entity-operator" }),
      pod("kafka-exporter", { ...strimziCluster, "strimzi.io/name": "pipeline-kafka-exporter" }),
      pod("strimzi-operator", { name: "strimzi-cluster-operator", "strimzi.io/kind": "cluster-operator" }),
    );
  }
  endpoints.push(
    pod("prometheus", { "app.kubernetes.io/name": "prometheus" }, monitoringNamespace),
    pod("grafana", { "app.kubernetes.io/name": "grafana" }, monitoringNamespace),
    pod("kube-dns", { "k8s-app": "kube-dns" }, "kube-system"),
    pod("intruder", { app: "intruder" }, "default"),
    { kind: "address", name: "outside" },
  );
  return endpoints;
}

export function expectedFlows(options: {
  kafka: "strimzi" | "external";
  monitoring: boolean;
  externalKafkaPorts?: number[];
  objectStore?: boolean;
}): Set<string> {
  const flows = new Set<string>();
  const allow = (from: string, to: string, ...ports: (number | Probe)[]) => {
    for (const port of ports) {
      const probe = typeof port === "number" ? tcp(port) : port;
      flows.add(`${from} -> ${to}:${probe.port}/${probe.protocol}`);
    }
  };
  const pipelinePods = ["producer", "stream-job", "spark-master", "spark-worker", "spark-connect"];
  const strimziPods = ["kafka-broker", "entity-operator", "kafka-exporter"];
  for (const pod of [
    ...pipelinePods,
    ...(options.kafka === "strimzi" ? [...strimziPods, "strimzi-operator"] : []),
  ]) {
    allow(pod, "kube-dns", { port: 53, protocol: "UDP" }, 53);
  }

  allow("stream-job", "spark-connect", 15002);
  allow("spark-connect", "spark-master", 7077);
  allow("spark-worker", "spark-master", 7077);
  allow("spark-master", "spark-worker", 7078);
  allow("spark-master", "spark-connect", 7078);
  allow("spark-worker", "spark-connect", 7078, 7079, 7095);
  allow("spark-connect", "spark-worker", 7079, 7095);
  allow("spark-worker", "spark-worker", 7079, 7095);

  const kafkaClients = ["producer", "stream-job", "spark-connect", "spark-worker"];
  if (options.kafka === "strimzi") {
    for (const client of kafkaClients) allow(client, "kafka-broker", 9092);
    for (const from of [...strimziPods, "strimzi-operator"]) {
      for (const to of strimziPods)
        if (from !== "strimzi-operator" || to !== from) allow(from, to, ...probes);
      allow(from, "outside", 443, 6443, 8443);
    }
  } else {
    for (const client of kafkaClients) allow(client, "outside", ...(options.externalKafkaPorts ?? []));
  }
  if (options.objectStore) {
    allow("spark-connect", "outside", 443);
    allow("spark-worker", "outside", 443);
  }
  if (options.monitoring) {
    allow("prometheus", "producer", 9464);
    allow("prometheus", "stream-job", 9465);
    allow("prometheus", "spark-master", 8080);
    allow("prometheus", "spark-worker", 8081);
    allow("prometheus", "spark-connect", 4040);
    if (options.kafka === "strimzi") for (const pod of strimziPods) allow("prometheus", pod, 9404);
  }
  return flows;
}
