/**
 * The PrometheusRule the program deploys, checked and unit-tested by Prometheus' own promtool:
 * the rule groups are taken from the program run under mocks, not from a copy.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { stringify } from "yaml";
import type { RuleGroup } from "../../infra/alert-rules.ts";
import { parseConfig } from "../../infra/config.ts";
import { type ProgramRun, runProgram, stackConfig } from "../infra/harness.ts";
import { promtoolTestFile } from "./promtool-tests.ts";
import { alertRules, recordingRules, renderedRuleGroups, runTool, yamlFiles } from "./rendered.ts";
import { type Scenario, scenarios } from "./scenarios.ts";
import "./provided-context.ts";

const devStack = stackConfig("Pulumi.dev.yaml");
const stories = scenarios(parseConfig(devStack).monitoring);
const ruleFile = "log-pipeline-rules.yaml";

let run: ProgramRun;
let groups: RuleGroup[];
let dir: string;
const promtool = (...args: string[]) => runTool(inject("alertingTools").promtool ?? "promtool", args, dir);

beforeAll(async () => {
  run = await runProgram(devStack, { stack: "dev" });
  groups = renderedRuleGroups(run);
  dir = yamlFiles({ [ruleFile]: { groups } });
});

function writeTests(name: string, tested: Scenario[]): string {
  writeFileSync(join(dir, name), stringify(promtoolTestFile(ruleFile, tested, alertRules(groups))));
  return name;
}

describe("promtool check rules", () => {
  test("accepts every rule group the program deploys", async () => {
    const result = await promtool("check", "rules", ruleFile);
    expect(result.output).toContain(
      `SUCCESS: ${recordingRules(groups).length + alertRules(groups).length} rules found`,
    );
    expect(result.code, result.output).toBe(0);
  });

  test("rejects a rule with a broken expression, so a pass means something", async () => {
    const broken = structuredClone(groups);
    const [first] = alertRules(broken);
    if (first) first.expr = `${first.expr} +`;
    writeFileSync(join(dir, "broken.yaml"), stringify({ groups: broken }));
    const result = await promtool("check", "rules", "broken.yaml");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(first?.alert);
  });
});

describe("promtool test rules", () => {
  test.each(stories.map((scenario, index) => [scenario.name, index] as const))("%s", async (_name, index) => {
    const scenario = stories[index] as Scenario;
    const result = await promtool("test", "rules", writeTests(`scenario-${index}.test.yaml`, [scenario]));
    expect(result.output).toContain("SUCCESS");
    expect(result.code, result.output).toBe(0);
  });

  test("fails when a scenario claims silence while an alert fires, so a pass means something", async () => {
    const spike = stories.find((scenario) => scenario.name.startsWith("a staged error spike")) as Scenario;
    const wrong = {
      ...spike,
      checkpoints: spike.checkpoints.map((checkpoint) => ({ ...checkpoint, firing: [] })),
    };
    const result = await promtool("test", "rules", writeTests("wrong.test.yaml", [wrong]));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("ServiceErrorRateAnomaly");
  });

  test("together the scenarios make every alert of the program fire at one checkpoint and stay silent at another", () => {
    const firing = new Set(
      stories.flatMap((s) => s.checkpoints.flatMap((c) => c.firing.map((f) => f.alert))),
    );
    const silent = new Set(
      stories.flatMap((s) =>
        s.checkpoints.flatMap((c) => s.watched.filter((alert) => !c.firing.some((f) => f.alert === alert))),
      ),
    );
    for (const { alert } of alertRules(groups)) {
      expect(firing, `${alert} fires in no scenario`).toContain(alert);
      expect(silent, `${alert} is never required to stay silent`).toContain(alert);
    }
  });
});
