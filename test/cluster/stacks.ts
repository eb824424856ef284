import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { KubeApi } from "../../workloads/control-plane/kube-api.ts";
import { PulumiStack, projectRoot } from "./pulumi-stack.ts";

/**
 * The pinned charts laid beside the project (as CI does, and as an air-gapped user would with a
 * mirror), relative to the project directory as the `strimziChart`/`monitoringChart` keys take
 * them; empty (the public sources) where they are not there.
 */
function sharedChart(folder: string): string {
  const relative = join("..", "shared", "charts", folder);
  return existsSync(join(projectRoot, relative)) ? relative : "";
}

export const chartSources = {
  strimziChart: sharedChart("strimzi-kafka-operator"),
  monitoringChart: sharedChart("kube-prometheus-stack"),
};

/**
 * A prebuilt image pinned by digest: there is no Docker engine here, and kwok runs no
 * containers, so the reference only has to be one the program accepts and passes on.
 */
function prebuiltImage(name: string): string {
  const digest = createHash("sha256").update(name).digest("hex");
  return `registry.invalid/log-pipeline/${name}@sha256:${digest}`;
}

/** Config every test stack shares: its own namespaces, prebuilt images, nothing built or pushed. */
export function baseConfig(namespace: string): Record<string, string> {
  return {
    namespace,
    monitoringNamespace: `${namespace}-monitoring`,
    imageBuild: "false",
    imagePush: "false",
    producerImage: prebuiltImage("producer"),
    sparkImage: prebuiltImage("spark"),
  };
}

/** An existing Kafka cluster outside Kubernetes: nothing to install for Kafka. */
export const externalKafka = {
  config: {
    kafkaMode: "external",
    kafkaBootstrapServers: "kafka-1.example.internal:9093,kafka-2.example.internal:9093",
    kafkaUsername: "log-pipeline",
  },
  secrets: { kafkaPassword: "a-password-for-the-test-stack" },
};

/** A stack of the program on the run's control plane, and the API to check what it made. */
export function testStack(shortName: string): { stack: PulumiStack; api: KubeApi } {
  return {
    stack: new PulumiStack(shortName, inject("pulumiEngine"), inject("clusterRunDir"), inject("kubeconfig")),
    api: new KubeApi(inject("kubeApi")),
  };
}
