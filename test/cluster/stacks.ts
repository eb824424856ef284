import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { inject } from "vitest";
import { parse, stringify } from "yaml";
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

interface ChartDependency {
  name: string;
}

/**
 * Helm refuses a chart whose Chart.yaml lists a dependency missing from its `charts/` folder,
 * even one its values switch off. Where a laid-out copy lacks some (the shared kube-prometheus-stack
 * copy holds only its `crds` subchart), this makes a copy in the run folder that lists only the
 * dependencies present, so the stack installs what the copy has: the operator, Prometheus,
 * Alertmanager and every CRD our custom resources need.
 */
function withPresentDependenciesOnly(chartDir: string, runDir: string): string {
  const chartFile = join(projectRoot, chartDir, "Chart.yaml");
  const chart = parse(readFileSync(chartFile, "utf8")) as { dependencies?: ChartDependency[] };
  const dependencies = chart.dependencies ?? [];
  const present = dependencies.filter((dep) => existsSync(join(projectRoot, chartDir, "charts", dep.name)));
  if (present.length === dependencies.length) return chartDir;
  const copy = join(runDir, "charts", basename(chartDir));
  rmSync(copy, { recursive: true, force: true });
  cpSync(join(projectRoot, chartDir), copy, { recursive: true });
  chmodSync(copy, 0o755);
  rmSync(join(copy, "Chart.yaml"));
  writeFileSync(join(copy, "Chart.yaml"), stringify({ ...chart, dependencies: present }));
  return copy;
}

/** `strimziChart` and `monitoringChart` for a test stack: the laid-out copies where present. */
export function chartSources(runDir: string): { strimziChart: string; monitoringChart: string } {
  const monitoring = sharedChart("kube-prometheus-stack");
  return {
    strimziChart: sharedChart("strimzi-kafka-operator"),
    monitoringChart: monitoring && withPresentDependenciesOnly(monitoring, runDir),
  };
}

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
