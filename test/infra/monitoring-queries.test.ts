/**
 * The alert rules and the dashboard: every query is valid PromQL (Prometheus's own grammar), and
 * every series of ours it reads is one the producer or the stream job really exports.
 */
import { parser } from "@prometheus-io/lezer-promql";
import { beforeAll, describe, expect, test } from "vitest";
import { ProducerMetrics } from "../../workloads/producer/metrics.ts";
import { SupervisorMetrics } from "../../workloads/stream-job/supervisor/supervisor-metrics.ts";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(stackConfig("Pulumi.dev.yaml"), { stack: "dev" });
});

type AlertRule = { alert: string; expr: string; for: string; labels: { severity: string } };
type RecordingRule = { record: string; expr: string };

function allRules(): (AlertRule | RecordingRule)[] {
  const rule = kubernetesObjects(run).find(({ object }) => object.kind === "PrometheusRule")?.object;
  const groups =
    (rule?.spec as { groups: { rules: (AlertRule | RecordingRule)[] }[] } | undefined)?.groups ?? [];
  return groups.flatMap((group) => group.rules);
}

function rules(): AlertRule[] {
  return allRules().filter((rule): rule is AlertRule => "alert" in rule);
}

function dashboardQueries(): string[] {
  const configMap = kubernetesObjects(run).find(
    ({ object }) => object.metadata.labels?.grafana_dashboard === "1",
  );
  const [model] = Object.values((configMap?.object.data ?? {}) as Record<string, string>);
  const dashboard = JSON.parse(model ?? "{}") as { panels: { targets: { expr: string }[] }[] };
  return dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
}

function syntaxErrors(query: string): number {
  let errors = 0;
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errors++;
    },
  });
  return errors;
}

/** Our series (the producer's and the stream job's) a query names. */
function ourSeries(query: string): string[] {
  return [...query.matchAll(/\b(producer|stream_job)_[a-z_]+\b/g)].map((match) => match[0]);
}

async function exportedSeries(): Promise<Set<string>> {
  const registries = [new ProducerMetrics().registry, new SupervisorMetrics().registry];
  const names = registries.flatMap((registry) => registry.getMetricsAsArray().map((metric) => metric.name));
  return new Set(names);
}

describe("alert rules and dashboard queries", () => {
  test("the rules cover consumer lag, a stalled query, and per-service anomalies and SLO breaches", () => {
    expect(rules().map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        "StreamJobKafkaLagHigh",
        "StreamingQueryStalled",
        "ServiceErrorRateAnomaly",
        "ServiceLatencyAnomaly",
        "ServiceErrorRateSloBreach",
        "ServiceLatencySloBreach",
      ]),
    );
    for (const rule of rules()) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(["warning", "critical"], rule.alert).toContain(rule.labels.severity);
    }
  });

  test("an alert fires on a query's restart rate, per query, in valid PromQL", () => {
    const rule = rules().find((candidate) => candidate.alert === "StreamingQueryRestarting");
    expect(rule?.expr).toMatch(/^(increase|rate)\(stream_job_query_restarts_total\[\d+m\]\) > \d+$/);
    expect(syntaxErrors(rule?.expr ?? "")).toBe(0);
    expect(rule?.labels.severity).toBe("warning");
  });

  test("every query is valid PromQL", () => {
    const queries = [...allRules().map((rule) => rule.expr), ...dashboardQueries()];
    expect(queries.length).toBeGreaterThan(8);
    for (const query of queries) expect(syntaxErrors(query), query).toBe(0);
    expect(syntaxErrors("sum(rate(x[5m]) >")).toBeGreaterThan(0);
  });

  test("every series of ours a query reads is exported by the producer or the stream job", async () => {
    const exported = await exportedSeries();
    const read = [...allRules().map((rule) => rule.expr), ...dashboardQueries()].flatMap(ourSeries);
    expect(read.length).toBeGreaterThan(5);
    for (const series of read) expect(exported, series).toContain(series);
  });
});
