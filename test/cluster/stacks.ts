import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { inject } from "vitest";
import { parse, parseDocument, stringify } from "yaml";
import { hasDependencyChart } from "../../infra/charts.ts";
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
  /** Values paths, comma-separated, that switch the dependency on or off. */
  condition?: string;
}

/**
 * Helm (and the program's check of a local chart folder) refuses a chart whose Chart.yaml lists a
 * dependency missing from its `charts/` folder, even one its values switch off. Where a laid-out copy lacks some (the shared kube-prometheus-stack
 * copy holds only its `crds` subchart), this makes a copy in the run folder that lists only the
 * dependencies present and switches each absent one off by its condition: the parent's own
 * templates read an enabled dependency's values (kube-prometheus-stack's Prometheus ClusterRole
 * reads `kube-state-metrics.kubeRBACProxy.enabled`), and without the subchart's values Helm fails
 * with a nil pointer. The stack then installs what the copy has: the operator, Prometheus,
 * Alertmanager and every CRD our custom resources need.
 */
function withPresentDependenciesOnly(chartDir: string, runDir: string): string {
  const chartFile = join(projectRoot, chartDir, "Chart.yaml");
  const chart = parse(readFileSync(chartFile, "utf8")) as { dependencies?: ChartDependency[] };
  const dependencies = chart.dependencies ?? [];
  const isPresent = (dep: ChartDependency) => hasDependencyChart(join(projectRoot, chartDir), dep.name);
  const absent = dependencies.filter((dep) => !isPresent(dep));
  if (absent.length === 0) return chartDir;
  const copy = join(runDir, "charts", basename(chartDir));
  rmSync(copy, { recursive: true, force: true });
  cpSync(join(projectRoot, chartDir), copy, { recursive: true });
  chmodSync(copy, 0o755);
  rmSync(join(copy, "Chart.yaml"));
  writeFileSync(
    join(copy, "Chart.yaml"),
    stringify({ ...chart, dependencies: dependencies.filter(isPresent) }),
  );
  const valuesFile = join(copy, "values.yaml");
  const values = parseDocument(readFileSync(valuesFile, "utf8"));
  for (const dep of absent) {
    if (!dep.condition)
      throw new Error(
        `${chartFile} needs its dependency ${dep.name} (it has no condition to switch it off), which is not under ${join(chartDir, "charts")}: lay it out there as \`helm dependency build\` does`,
      );
    for (const path of dep.condition.split(",")) values.setIn(path.trim().split("."), false);
  }
  rmSync(valuesFile);
  writeFileSync(valuesFile, values.toString());
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
