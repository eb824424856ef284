import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { AlertRule, RecordingRule, RuleGroup } from "../../infra/alert-rules.ts";
import { kubernetesObjects, type ProgramRun } from "../infra/harness.ts";

/** The PrometheusRule's groups exactly as the program deploys them. */
export function renderedRuleGroups(run: ProgramRun): RuleGroup[] {
  const [rule, ...others] = kubernetesObjects(run).filter(({ object }) => object.kind === "PrometheusRule");
  if (!rule || others.length > 0)
    throw new Error(`expected one PrometheusRule, the program made ${others.length + (rule ? 1 : 0)}`);
  return (rule.object.spec as { groups: RuleGroup[] }).groups;
}

export function alertRules(groups: RuleGroup[]): AlertRule[] {
  return groups.flatMap((group) => group.rules).filter((rule): rule is AlertRule => "alert" in rule);
}

export function recordingRules(groups: RuleGroup[]): RecordingRule[] {
  return groups.flatMap((group) => group.rules).filter((rule): rule is RecordingRule => "record" in rule);
}

/** The Alertmanager configuration the program hands to kube-prometheus-stack. */
export function renderedAlertmanagerConfig(run: ProgramRun): unknown {
  const chart = run.resources.find(
    (resource) =>
      resource.type === "kubernetes:helm.sh/v4:Chart" &&
      (resource.inputs.chart as string | undefined)?.includes("kube-prometheus-stack"),
  );
  const values = chart?.inputs.values as { alertmanager?: { config?: unknown } } | undefined;
  if (!values?.alertmanager?.config) throw new Error("the monitoring chart has no alertmanager.config");
  return values.alertmanager.config;
}

/** A fresh folder holding these files, written as YAML. */
export function yamlFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "log-pipeline-rules-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), stringify(content));
  return dir;
}

export interface ToolResult {
  code: number;
  output: string;
}

/** Runs a tool to its end; a non-zero exit is a result, not an error (tests assert on it). */
export function runTool(binary: string, args: string[], cwd: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : Number.NaN) : 0;
      if (Number.isNaN(code)) return reject(error);
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
