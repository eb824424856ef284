import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

/** What a `helm.v4.Chart` needs to find a chart: spread into its args. */
export interface ChartReference {
  chart: string;
  version: string;
  repositoryOpts?: { repo: string };
}

/** A chart the program installs: its name, its exact version, and where it is published. */
export interface PinnedChart {
  name: string;
  version: string;
  /** The stack config key that may point at another source of the same chart. */
  configKey: "strimziChart" | "monitoringChart";
  publicSource: Omit<ChartReference, "version">;
}

/** Every Helm chart the program installs, pinned to an exact version. */
export const charts = {
  /** Strimzi 1.2.0 runs Kafka 4.3.x and serves the `kafka.strimzi.io/v1` API. */
  strimzi: {
    name: "strimzi-kafka-operator",
    version: "1.2.0",
    configKey: "strimziChart",
    publicSource: { chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator" },
  },
  kubePrometheusStack: {
    name: "kube-prometheus-stack",
    version: "88.2.0",
    configKey: "monitoringChart",
    publicSource: {
      chart: "kube-prometheus-stack",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
    },
  },
} as const satisfies Record<string, PinnedChart>;

/**
 * Whether a config value has the form of a chart source: empty, `oci://host/path`,
 * `https://host[/path]`, or a path (anything without a URL scheme).
 */
export function isChartSource(value: string): boolean {
  if (/^oci:\/\//.test(value)) return /^oci:\/\/[^\s/]+\/\S+$/.test(value);
  if (/^https:\/\//.test(value)) return /^https:\/\/[^\s/]+(\/\S*)?$/.test(value);
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/**
 * Where Helm gets a pinned chart from, for a config value: empty for the public source, an
 * `oci://` reference (a mirror registry), an `https://` chart repository, or a local chart
 * folder, relative to the project directory (where Pulumi runs the program and Helm resolves
 * the path). A local folder is checked now, adding to `problems`: Helm ignores the version of a
 * path and would install whatever the folder holds.
 */
export function chartSource(
  pinned: PinnedChart,
  value: string,
  projectDir: string,
  problems: string[],
): ChartReference {
  const { name, version, configKey } = pinned;
  if (value === "") return { ...pinned.publicSource, version };
  if (value.startsWith("oci://")) return { chart: value, version };
  if (value.startsWith("https://")) return { chart: name, version, repositoryOpts: { repo: value } };
  const problem = localChartProblem(pinned, join(resolve(projectDir, value), "Chart.yaml"));
  if (problem !== undefined) problems.push(`${configKey} ${problem}`);
  return { chart: value, version };
}

function localChartProblem({ name, version, configKey }: PinnedChart, chartFile: string) {
  if (!existsSync(chartFile))
    return `must be a chart folder, an oci:// reference or an https:// chart repository URL; there is no ${chartFile} (unpack ${name} ${version} there, or leave ${configKey} empty for the public source)`;
  let metadata: { name?: unknown; version?: unknown; dependencies?: unknown };
  try {
    metadata = parse(readFileSync(chartFile, "utf8")) ?? {};
  } catch (error) {
    return `points at ${chartFile}, which is not valid YAML: ${(error as Error).message}`;
  }
  if (metadata.name !== name || String(metadata.version) !== version)
    return `must hold ${name} ${version} (the pinned version), but ${chartFile} is ${String(metadata.name)} ${String(metadata.version)}`;
  const missing = missingDependencies(metadata.dependencies, dirname(chartFile));
  if (missing.length > 0)
    return `points at ${dirname(chartFile)}, whose Chart.yaml lists dependency charts missing from its charts/ folder: ${missing.join(", ")} (run \`helm dependency build\` there, or copy the chart as it leaves them)`;
  return undefined;
}

/**
 * The dependencies a chart's Chart.yaml lists that its `charts/` folder lacks. Helm refuses such a
 * chart, even where its values switch those dependencies off, but only when it renders it in the
 * middle of `pulumi up`: the other chart's resources are then already being created, and the
 * command waits for them (the Strimzi operator's Deployment, whose ServiceAccount the stopped
 * program never registers, for its whole await timeout). Checked here, nothing is deployed.
 */
function missingDependencies(dependencies: unknown, chartDir: string): string[] {
  if (!Array.isArray(dependencies)) return [];
  return dependencies
    .map((dependency: { name?: unknown }) => String(dependency.name))
    .filter((dependency) => !hasDependencyChart(chartDir, dependency));
}

/**
 * Whether a chart folder holds a dependency chart in `charts/`: unpacked in a folder of its name,
 * or as the `NAME-VERSION.tgz` that `helm dependency build` downloads.
 */
export function hasDependencyChart(chartDir: string, name: string): boolean {
  const charts = join(chartDir, "charts");
  if (existsSync(join(charts, name))) return true;
  return (
    existsSync(charts) &&
    readdirSync(charts).some(
      (file) => file.startsWith(`${name}-`) && /^\d.*\.tgz$/.test(file.slice(name.length + 1)),
    )
  );
}
