/**
 * The Alertmanager configuration the program deploys, checked by Alertmanager's own amtool: the
 * file it validates and routes with is the one the program hands to the chart.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { stringify } from "yaml";
import { alertmanagerConfig } from "../../infra/alertmanager-config.ts";
import { SERVICE_CATALOG } from "../../workloads/contract/log-event.ts";
import { runProgram, stackConfig } from "../infra/harness.ts";
import { renderedAlertmanagerConfig, runTool, yamlFiles } from "./rendered.ts";
import "./provided-context.ts";

const receiverSecrets = {
  alertWebhookUrl: "https://alerts.example.com/hook",
  alertSlackWebhookUrl: "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
  alertPagerdutyRoutingKey: "0123456789abcdef0123456789abcdef",
};
const configFile = "alertmanager.yaml";

let dir: string;
let rendered: { receivers: unknown[]; inhibit_rules: unknown[] };
const amtool = (...args: string[]) => runTool(inject("alertingTools").amtool ?? "amtool", args, dir);

beforeAll(async () => {
  const run = await runProgram(stackConfig("Pulumi.dev.yaml", receiverSecrets), {
    stack: "dev",
    secretKeys: Object.keys(receiverSecrets),
  });
  rendered = renderedAlertmanagerConfig(run) as typeof rendered;
  dir = yamlFiles({ [configFile]: rendered });
});

/** The receivers amtool routes an alert with these labels to, checked by amtool itself. */
async function routesTo(receivers: string[], labels: Record<string, string>, file = configFile) {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
  const result = await amtool(
    "config",
    "routes",
    "test",
    `--config.file=${file}`,
    `--verify.receivers=${receivers.join(",")}`,
    ...pairs,
  );
  expect(result.code, `${pairs.join(" ")}: ${result.output}`).toBe(0);
}

describe("amtool check-config", () => {
  test("accepts the configuration the program renders with every receiver set", async () => {
    const result = await amtool("check-config", configFile);
    expect(result.output).toContain("SUCCESS");
    // One receiver per owner team, the pipeline's, the pager and the discard.
    expect(result.output).toContain(`${rendered.receivers.length} receivers`);
    expect(rendered.receivers.length).toBe(
      new Set(SERVICE_CATALOG.map((entry) => entry.owner_team)).size + 3,
    );
    expect(result.output).toContain(`${rendered.inhibit_rules.length} inhibit rules`);
    expect(result.code, result.output).toBe(0);
  });

  test("accepts the configuration with no receiver set (alerts stay visible in Alertmanager only)", async () => {
    writeFileSync(
      join(dir, "bare.yaml"),
      stringify(alertmanagerConfig({ receivers: [], slackChannelPrefix: "#a-" })),
    );
    const result = await amtool("check-config", "bare.yaml");
    expect(result.code, result.output).toBe(0);
  });

  test("rejects a route to a receiver that does not exist, so a pass means something", async () => {
    const config = alertmanagerConfig({ receivers: ["pagerduty"], slackChannelPrefix: "#a-" });
    const broken = { ...config, route: { ...config.route, receiver: "nobody" } };
    writeFileSync(join(dir, "broken.yaml"), stringify(broken));
    const result = await amtool("check-config", "broken.yaml");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("nobody");
  });
});

describe("amtool config routes test", () => {
  test("a service's alert goes to its owner team from the catalog, for every service", async () => {
    for (const { service, owner_team } of SERVICE_CATALOG)
      await routesTo([`team-${owner_team}`], {
        alertname: "ServiceLatencyAnomaly",
        severity: "warning",
        service,
      });
  });

  test("a critical service alert pages and still reaches the owner team", async () => {
    await routesTo(["pagerduty", "team-payments"], {
      alertname: "ServiceErrorRateSloBreach",
      severity: "critical",
      service: "payments",
    });
  });

  test("the pipeline's own alerts go to the pipeline receiver, and page when critical", async () => {
    await routesTo(["pipeline"], { alertname: "DeadLettersRising", severity: "warning" });
    await routesTo(["pagerduty", "pipeline"], { alertname: "StreamingQueryStalled", severity: "critical" });
  });

  test("the chart's always-firing heartbeat is discarded", async () => {
    await routesTo(["discard"], { alertname: "Watchdog", severity: "none" });
  });

  test("a wrong expectation fails the routing check, so a pass means something", async () => {
    const result = await amtool(
      "config",
      "routes",
      "test",
      `--config.file=${configFile}`,
      "--verify.receivers=team-identity",
      "alertname=ServiceLatencyAnomaly",
      "service=payments",
    );
    expect(result.code).not.toBe(0);
  });
});
