/**
 * Alert delivery under mocks: the receivers' URLs and keys stay Pulumi secrets in a Secret the
 * Alertmanager pod mounts, the configuration handed to the chart names only their files, and
 * the routes follow severity and the catalog's owner teams.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { receiversSecretDir, receiversSecretName } from "../../infra/alertmanager-config.ts";
import { ConfigError, checkAlertSecrets } from "../../infra/config.ts";
import { SERVICE_CATALOG } from "../../workloads/contract/log-event.ts";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";

const receiverSecrets = {
  alertWebhookUrl: "https://alerts.example.com/hook",
  alertSlackWebhookUrl: "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
  alertPagerdutyRoutingKey: "0123456789abcdef0123456789abcdef",
};

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(stackConfig("Pulumi.dev.yaml", receiverSecrets), {
    stack: "dev",
    secretKeys: Object.keys(receiverSecrets),
  });
});

interface AlertmanagerValues {
  alertmanagerSpec: { secrets?: string[] };
  config: {
    route: { routes: { receiver: string; matchers: string[]; continue?: boolean }[] };
    receivers: Record<string, unknown>[];
    inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
  };
}

function alertmanagerValues(): AlertmanagerValues {
  const chart = run.resources.find(
    (resource) =>
      resource.type === "kubernetes:helm.sh/v4:Chart" && resource.name.endsWith("kube-prometheus-stack"),
  );
  if (!chart) throw new Error("the program installs no kube-prometheus-stack");
  return (chart.inputs.values as { alertmanager: AlertmanagerValues }).alertmanager;
}

/** Every `*_file` a receiver reads. */
function secretFiles(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretFiles);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key.endsWith("_file") && typeof item === "string" ? [item] : secretFiles(item),
  );
}

describe("alert delivery", () => {
  test("the receivers' URLs and keys are Pulumi secrets in the Secret the Alertmanager pod mounts", () => {
    const secret = kubernetesObjects(run).find(({ object }) => object.metadata.name === receiversSecretName);
    expect(secret).toBeDefined();
    const data = secret?.object.stringData as Record<string, string>;
    expect(data).toEqual(receiverSecrets);
    for (const key of Object.keys(receiverSecrets))
      expect(
        secret?.resource.secretInputs.some((path) => path === "stringData" || path === `stringData.${key}`),
        key,
      ).toBe(true);
    expect(alertmanagerValues().alertmanagerSpec.secrets).toEqual([receiversSecretName]);
  });

  test("the configuration handed to the chart holds no secret, only files of the mounted Secret", () => {
    const values = alertmanagerValues();
    const rendered = JSON.stringify(values.config);
    for (const value of Object.values(receiverSecrets)) expect(rendered).not.toContain(value);
    const files = secretFiles(values.config.receivers);
    expect(new Set(files)).toEqual(
      new Set(Object.keys(receiverSecrets).map((key) => `${receiversSecretDir}/${key}`)),
    );
  });

  test("critical alerts page and continue to the team; each owner team gets its own services", () => {
    const routes = alertmanagerValues().config.route.routes;
    expect(routes).toContainEqual({
      receiver: "pagerduty",
      matchers: ['severity="critical"'],
      continue: true,
    });
    for (const team of new Set(SERVICE_CATALOG.map((entry) => entry.owner_team))) {
      const services = SERVICE_CATALOG.filter((entry) => entry.owner_team === team).map(
        (entry) => entry.service,
      );
      const route = routes.find((candidate) => candidate.receiver === `team-${team}`);
      expect(route?.matchers, team).toEqual([`service=~"${services.join("|")}"`]);
    }
  });

  test("an SLO breach silences the anomaly alert of the same service and signal, so one incident pages once", () => {
    expect(alertmanagerValues().config.inhibit_rules).toEqual([
      {
        source_matchers: ['basis="slo"'],
        target_matchers: ['basis="anomaly"'],
        equal: ["service", "signal"],
      },
    ]);
  });

  test("a malformed receiver secret is rejected naming its key, without echoing the value", () => {
    const attempt = () =>
      checkAlertSecrets({ alertWebhookUrl: "alerts.example.com", alertPagerdutyRoutingKey: "short-key-123" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^alertWebhookUrl must be an http:\/\/ or https:\/\/ URL/);
      expect(problems[1]).toMatch(
        /^alertPagerdutyRoutingKey must be a PagerDuty Events API v2 integration key/,
      );
      expect(problems.join("\n")).not.toContain("short-key-123");
    }
    expect(() => checkAlertSecrets(receiverSecrets)).not.toThrow();
  });
});
