/** Every Helm chart the program installs, pinned to an exact version. */
export const charts = {
  /** Strimzi 1.2.0 runs Kafka 4.3.x and serves the `kafka.strimzi.io/v1` API. */
  strimzi: { chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator", version: "1.2.0" },
  kubePrometheusStack: {
    chart: "kube-prometheus-stack",
    version: "88.2.0",
    repo: "https://prometheus-community.github.io/helm-charts",
  },
} as const;
