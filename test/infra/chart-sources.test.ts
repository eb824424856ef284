import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { charts, hasDependencyChart } from "../../infra/charts.ts";
import { ConfigError, parseConfig } from "../../infra/config.ts";
import { projectRoot } from "./harness.ts";

const base = { imageRegistry: "localhost:5000/log-pipeline" };
const workspace = mkdtempSync(join(tmpdir(), "chart-sources-"));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** A chart folder in the test's workspace whose Chart.yaml says this name and version, and lists these dependencies. */
function chartFolder(folder: string, name: string, version: string, dependencies: string[] = []): string {
  mkdirSync(join(workspace, folder), { recursive: true });
  const listed = dependencies.map((dependency) => `  - name: ${dependency}\n    version: "1.0.0"\n`).join("");
  writeFileSync(
    join(workspace, folder, "Chart.yaml"),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\n${listed && `dependencies:\n${listed}`}`,
  );
  return folder;
}

function problemsWith(values: Record<string, string>, projectDir = workspace): string[] {
  try {
    parseConfig({ ...base, ...values }, new Set(), projectDir);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("chart sources from stack config", () => {
  test("empty keys keep the public sources at the pinned versions", () => {
    const config = parseConfig(base, new Set(), workspace);
    expect(config.charts.strimzi).toEqual({
      chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator",
      version: "1.2.0",
    });
    expect(config.charts.kubePrometheusStack).toEqual({
      chart: "kube-prometheus-stack",
      version: "88.2.0",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
    });
  });

  test("an oci:// mirror and an https:// chart repository keep the pinned versions", () => {
    const config = parseConfig(
      {
        ...base,
        strimziChart: "oci://registry.example.com/charts/strimzi-kafka-operator",
        monitoringChart: "https://charts.example.com/prometheus-community",
      },
      new Set(),
      workspace,
    );
    expect(config.charts.strimzi).toEqual({
      chart: "oci://registry.example.com/charts/strimzi-kafka-operator",
      version: charts.strimzi.version,
    });
    expect(config.charts.kubePrometheusStack).toEqual({
      chart: "kube-prometheus-stack",
      version: charts.kubePrometheusStack.version,
      repositoryOpts: { repo: "https://charts.example.com/prometheus-community" },
    });
  });

  test("a local folder holding the pinned chart is passed to Helm as configured", () => {
    const strimzi = chartFolder("mirror/strimzi", "strimzi-kafka-operator", "1.2.0");
    const monitoring = chartFolder("mirror/kps", "kube-prometheus-stack", "88.2.0");
    const config = parseConfig(
      { ...base, strimziChart: strimzi, monitoringChart: monitoring },
      new Set(),
      workspace,
    );
    expect(config.charts.strimzi).toEqual({ chart: strimzi, version: "1.2.0" });
    expect(config.charts.kubePrometheusStack).toEqual({ chart: monitoring, version: "88.2.0" });
  });

  test("a local folder at another version is refused, naming the key, the pin and what it found", () => {
    const folder = chartFolder("old/strimzi", "strimzi-kafka-operator", "1.1.0");
    expect(problemsWith({ strimziChart: folder })).toEqual([
      `strimziChart must hold strimzi-kafka-operator 1.2.0 (the pinned version), but ${join(workspace, folder, "Chart.yaml")} is strimzi-kafka-operator 1.1.0`,
    ]);
  });

  test("a local folder holding the other chart is refused", () => {
    const folder = chartFolder("swapped/strimzi", "strimzi-kafka-operator", "1.2.0");
    const [problem] = problemsWith({ monitoringChart: folder });
    expect(problem).toMatch(
      /^monitoringChart must hold kube-prometheus-stack 88\.2\.0 \(the pinned version\), but /,
    );
    expect(problem).toMatch(/ is strimzi-kafka-operator 1\.2\.0$/);
  });

  test("a local folder with its dependency charts, unpacked or as Helm's archives, is accepted", () => {
    const folder = chartFolder("built/kps", "kube-prometheus-stack", "88.2.0", ["crds", "grafana"]);
    mkdirSync(join(workspace, folder, "charts", "crds"), { recursive: true });
    writeFileSync(join(workspace, folder, "charts", "grafana-12.10.4.tgz"), "");
    expect(problemsWith({ monitoringChart: folder })).toEqual([]);
  });

  // Helm would refuse it only while rendering it in the middle of `pulumi up`, with the other
  // chart's resources already being created and then waited for.
  test("a local folder missing dependency charts is refused before anything is deployed, naming them", () => {
    const folder = chartFolder("unbuilt/kps", "kube-prometheus-stack", "88.2.0", [
      "crds",
      "kube-state-metrics",
      "grafana",
    ]);
    mkdirSync(join(workspace, folder, "charts", "crds"), { recursive: true });
    // Another chart whose name starts with the dependency's is not it.
    writeFileSync(join(workspace, folder, "charts", "grafana-operator-5.0.0.tgz"), "");
    expect(problemsWith({ monitoringChart: folder })).toEqual([
      `monitoringChart points at ${join(workspace, folder)}, whose Chart.yaml lists dependency charts missing from its charts/ folder: kube-state-metrics, grafana (run \`helm dependency build\` there, or copy the chart as it leaves them)`,
    ]);
  });

  test("a missing folder is refused with the fix", () => {
    expect(problemsWith({ monitoringChart: "charts/absent" })).toEqual([
      `monitoringChart must be a chart folder, an oci:// reference or an https:// chart repository URL; there is no ${join(workspace, "charts", "absent", "Chart.yaml")} (unpack kube-prometheus-stack 88.2.0 there, or leave monitoringChart empty for the public source)`,
    ]);
  });

  test("other URL schemes and malformed references are refused before any folder is looked at", () => {
    const expected =
      "empty (the public source), a local chart folder, an oci:// reference or an https:// chart repository URL";
    expect(
      problemsWith({ strimziChart: "http://charts.example.com", monitoringChart: "oci://registry-only" }),
    ).toEqual([
      `strimziChart must be ${expected}, got "http://charts.example.com"`,
      `monitoringChart must be ${expected}, got "oci://registry-only"`,
    ]);
  });

  test("a missing folder in each key is reported at once, beside other problems", () => {
    const problems = problemsWith({
      strimziChart: "nowhere",
      monitoringChart: "nowhere",
      sparkWorkersMax: "1",
    });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "sparkWorkersMax",
      "strimziChart",
      "monitoringChart",
    ]);
  });
});

// The pinned charts' own copies, beside the project on machines without chart repositories.
const sharedCharts = join(projectRoot, "..", "shared", "charts");

describe.skipIf(!existsSync(sharedCharts))(
  "the unpacked copies of the pinned charts beside the project",
  () => {
    test("are accepted as local chart folders where they hold every dependency chart", () => {
      const strimziChart = "../shared/charts/strimzi-kafka-operator";
      const monitoringChart = "../shared/charts/kube-prometheus-stack";
      const config = parseConfig({ ...base, strimziChart }, new Set(), projectRoot);
      expect(config.charts.strimzi).toEqual({ chart: strimziChart, version: charts.strimzi.version });
      // A copy may lack kube-prometheus-stack's dependency charts (the cluster tests then install
      // a copy that lists only those present); Helm could not render it as it is.
      const complete = ["kube-state-metrics", "grafana"].every((dependency) =>
        hasDependencyChart(join(sharedCharts, "kube-prometheus-stack"), dependency),
      );
      expect(problemsWith({ monitoringChart }, projectRoot).map((problem) => problem.split(",")[0])).toEqual(
        complete ? [] : [`monitoringChart points at ${join(projectRoot, monitoringChart)}`],
      );
    });
  },
);
