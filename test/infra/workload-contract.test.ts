/**
 * The Deployments' environment, as the pods would see it (secrets resolved), parsed by the
 * workloads' own config readers: the cluster and the code agree on names, ports and formats.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_METRICS_PORT, parseCli } from "../../workloads/producer/cli-options.ts";
import { parseStreamJobConfig, streamJobOptionsFromEnv } from "../../workloads/stream-job/config.ts";
import { kubernetesObjects, type ProgramRun, projectRoot, runProgram, stackConfig } from "./harness.ts";
import { workloadsOf } from "./invariants.ts";

let run: ProgramRun;
beforeAll(async () => {
  // logFormat off its default (json), so the job can only read "auto" if the stack passed it on.
  run = await runProgram(stackConfig("Pulumi.dev.yaml", { logFormat: "auto" }), { stack: "dev" });
});

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

function podOf(name: string) {
  const workload = workloadsOf(run).find((candidate) => candidate.object.metadata.name === name);
  const container = workload?.pod.containers[0] as unknown as {
    command: string[];
    env: EnvVar[];
    ports: { containerPort: number }[];
  };
  if (!container) throw new Error(`no workload ${name}`);
  const secrets = kubernetesObjects(run).filter(({ object }) => object.kind === "Secret");
  const env: Record<string, string> = {};
  for (const variable of container.env) {
    const ref = variable.valueFrom?.secretKeyRef;
    const secret = ref && secrets.find(({ object }) => object.metadata.name === ref.name)?.object;
    const stringData = (secret?.stringData ?? {}) as Record<string, string>;
    env[variable.name] = ref ? (stringData[ref.key] ?? "") : (variable.value ?? "");
  }
  return { container, env };
}

describe("the workloads read what the cluster gives them", () => {
  test("the stream job's config parses from its Deployment's environment", () => {
    const { container, env } = podOf("stream-job");
    expect(existsSync(join(projectRoot, container.command[3] ?? ""))).toBe(true);
    const config = parseStreamJobConfig(streamJobOptionsFromEnv(env));
    const token = env.SPARK_CONNECT_TOKEN;
    expect(token).toMatch(/^generated-/);
    expect(config.sparkConnectUrl).toBe(`${run.outputs.sparkConnectUrl}/;token=${token}`);
    expect(config.kafkaBootstrap).toBe(run.outputs.brokerUrl);
    expect(config.kafkaSasl).toEqual({
      mechanism: "SCRAM-SHA-512",
      username: "stream-job",
      password: env.KAFKA_PASSWORD,
    });
    expect(config.topics).toEqual({
      logs: "logs",
      metrics: "log-metrics",
      alerts: "log-alerts",
      deadLetters: "log-dead-letters",
    });
    expect(config.lakePath).toBe(run.outputs.lakePath);
    expect(config.logFormat).toBe("auto");
    expect(config.http).toEqual({ host: "0.0.0.0", port: container.ports[0]?.containerPort });
  });

  test("the producer's options parse from its Deployment's environment", () => {
    const { container, env } = podOf("producer");
    const script = container.command.find((part) => part.endsWith(".ts"));
    expect(existsSync(join(projectRoot, script ?? ""))).toBe(true);
    const { options } = parseCli([], env);
    expect(options).toMatchObject({ brokers: run.outputs.brokerUrl, topic: "logs", rate: 100 });
    expect(container.ports[0]?.containerPort).toBe(DEFAULT_METRICS_PORT);
  });
});
