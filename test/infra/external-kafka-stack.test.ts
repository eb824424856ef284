import { beforeAll, describe, expect, test } from "vitest";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";
import { resourcesByComponent, stackInvariants, workloadsOf } from "./invariants.ts";
import { expectedFlows, pipelineEndpoints, probes } from "./network-matrix.ts";
import { reachability } from "./reachability.ts";
import { schemaProblems } from "./schema.ts";

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(
    stackConfig(undefined, {
      kafkaMode: "external",
      kafkaBootstrapServers: "b-1.kafka.example.com:9096,b-2.kafka.example.com:9096",
      kafkaSaslMechanism: "scram-sha-256",
      kafkaUsername: "pipeline",
      kafkaPassword: "managed-kafka-password",
      kafkaCaCert: "-----BEGIN CERTIFICATE-----\nMIIBmanagedkafkaca\n-----END CERTIFICATE-----\n",
      monitoring: "false",
      renderYamlTo: "rendered-manifests",
      imageBuild: "false",
      producerImage: `ghcr.io/acme/log-pipeline-node:1.4.2@sha256:${"b".repeat(64)}`,
      sparkImage: `ghcr.io/acme/log-pipeline-spark@sha256:${"a".repeat(64)}`,
    }),
    { stack: "managed", secretKeys: ["kafkaPassword"] },
  );
});

describe("a stack on a managed Kafka, with prebuilt images and no monitoring", () => {
  stackInvariants(() => run);

  test("renders plain manifests into a directory instead of applying them", () => {
    const provider = run.resources.find((resource) => resource.type === "pulumi:providers:kubernetes");
    expect(provider?.inputs).toMatchObject({ renderYamlToDirectory: "rendered-manifests" });
  });

  test("installs no Kafka, no monitoring and builds no image", () => {
    const byComponent = resourcesByComponent(run);
    expect(byComponent.kafka).toEqual([
      expect.stringMatching(/^ConfigMap\/kafka-ca-[0-9a-f]{10}$/),
      "Secret/kafka-client-credentials",
    ]);
    expect(byComponent.images).toBeUndefined();
    expect(byComponent.monitoring).toBeUndefined();
    expect(byComponent.base).not.toContain("Namespace/log-pipeline-monitoring");
    expect(run.resources.some((resource) => resource.type.startsWith("kubernetes:helm.sh/"))).toBe(false);
    for (const key of ["prometheusUrl", "grafanaUrl", "grafanaAdminPassword"])
      expect(run.outputs, key).not.toHaveProperty(key);
  });

  test("the CA's ConfigMap is named by its certificate, and every client mounts it by that name", () => {
    // A fixed name would make a new CA a delete-and-replace of every workload that mounts it.
    const configMaps = kubernetesObjects(run).filter(({ object }) => object.kind === "ConfigMap");
    const ca = configMaps.find(({ object }) => String(object.metadata.name).startsWith("kafka-ca-"));
    expect(ca?.object.data).toEqual({
      "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIBmanagedkafkaca\n-----END CERTIFICATE-----\n",
    });
    const mounted = workloadsOf(run).flatMap(({ pod }) =>
      (pod.volumes ?? []).flatMap((volume) =>
        volume.name === "kafka-ca" ? [(volume as { configMap?: { name?: string } }).configMap?.name] : [],
      ),
    );
    expect(mounted.length).toBeGreaterThan(0);
    expect(new Set(mounted)).toEqual(new Set([ca?.object.metadata.name]));
  });

  test("the clients use the configured bootstrap servers and the configured credentials", () => {
    expect(run.outputs.brokerUrl).toBe("b-1.kafka.example.com:9096,b-2.kafka.example.com:9096");
    const [secret] = kubernetesObjects(run).filter(({ object }) => object.kind === "Secret");
    expect(secret?.object.stringData).toEqual({ username: "pipeline", password: "managed-kafka-password" });
    for (const name of ["producer", "stream-job"]) {
      const env = workloadsOf(run).find((workload) => workload.object.metadata.name === name)?.pod
        .containers[0]?.env;
      expect(env).toContainEqual({
        name: "KAFKA_BROKERS",
        value: "b-1.kafka.example.com:9096,b-2.kafka.example.com:9096",
      });
      expect(env).toContainEqual({
        name: "KAFKA_PASSWORD",
        valueFrom: { secretKeyRef: { name: "kafka-client-credentials", key: "password" } },
      });
      // Written as Strimzi spells it in the stack config, handed on in Kafka's spelling.
      expect(env).toContainEqual({ name: "KAFKA_SASL_MECHANISM", value: "SCRAM-SHA-256" });
    }
  });

  test("pods run the prebuilt images", () => {
    const images = new Set(workloadsOf(run).map((workload) => workload.pod.containers[0]?.image));
    expect(images).toEqual(
      new Set([
        `ghcr.io/acme/log-pipeline-node:1.4.2@sha256:${"b".repeat(64)}`,
        `ghcr.io/acme/log-pipeline-spark@sha256:${"a".repeat(64)}`,
      ]),
    );
  });

  test("NetworkPolicies allow the clients out to the brokers' port and nothing of Strimzi or Prometheus", () => {
    const policies = kubernetesObjects(run)
      .map(({ object }) => object)
      .filter((object) => object.kind === "NetworkPolicy");
    const allowed = reachability(
      policies,
      "log-pipeline",
      pipelineEndpoints(run, "log-pipeline", "log-pipeline-monitoring", false),
      [...probes, { port: 9096, protocol: "TCP" }],
    );
    expect([...allowed].sort()).toEqual(
      [...expectedFlows({ kafka: "external", monitoring: false, externalKafkaPorts: [9096] })].sort(),
    );
  });

  test("every Kubernetes object validates against the schema of its API", async () => {
    const problems = (
      await Promise.all(kubernetesObjects(run).map(({ object }) => schemaProblems(object)))
    ).flat();
    expect(problems).toEqual([]);
  });
});
