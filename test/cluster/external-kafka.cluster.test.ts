import { describe, expect, it } from "vitest";
import {
  eventually,
  objectsNotInCluster,
  podSecurityLevels,
  podSecurityProblems,
  servicesWithoutEndpoints,
  stateObjects,
} from "./cluster-state.ts";
import { baseConfig, externalKafka, testStack } from "./stacks.ts";

interface Claim {
  metadata: { uid: string };
  spec: { volumeName?: string };
  status: { phase?: string };
}

describe("a stack with an external Kafka and no monitoring, on a real control plane", () => {
  const namespace = "lp-external";
  const { stack, api } = testStack("external");
  const claimPath = `/api/v1/namespaces/${namespace}/persistentvolumeclaims/spark-data`;

  it("previews as creations only", async () => {
    await stack.init(
      { ...baseConfig(namespace), ...externalKafka.config, monitoring: "false" },
      externalKafka.secrets,
    );
    const preview = await stack.preview();
    expect(preview.changes.length).toBeGreaterThan(20);
    expect(preview.changes.filter((change) => !change.startsWith("create "))).toEqual([]);
  });

  it("goes up, and every object of the state is in the cluster", async () => {
    await stack.up();
    const objects = stateObjects(await stack.resources());
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining(["Deployment", "StatefulSet", "Service"]),
    );
    expect(await objectsNotInCluster(api, objects)).toEqual([]);
  });

  it("runs every pod of the namespace, admitted under Pod Security restricted", async () => {
    expect(await podSecurityLevels(api, namespace)).toMatchObject({ enforce: "restricted" });
    expect(await podSecurityProblems(api, namespace)).toEqual([]);
  });

  it("gives every Service a ready endpoint", async () => {
    expect(await servicesWithoutEndpoints(api, namespace)).toEqual([]);
  });

  it("previews no change right after up", async () => {
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("updates only the producer Deployment when the producer rate changes", async () => {
    await stack.setConfig({ producerRate: "250" });
    expect((await stack.preview()).changes).toEqual([
      "update kubernetes:apps/v1:Deployment workloads-producer",
    ]);
    await stack.up();
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("rolls the clients onto a new CA's ConfigMap, replacing none of them", async () => {
    const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    await stack.setConfig({ kafkaCaCert: pem("MIIBfirstca") });
    await stack.up();
    await stack.setConfig({ kafkaCaCert: pem("MIIBrotatedca") });
    const { changes } = await stack.preview();
    // A new ConfigMap beside the old one; under a fixed name every workload mounting it would be
    // replaced (deleted and made again) with it.
    expect(changes.filter((change) => !change.startsWith("update "))).toEqual([
      "replace kubernetes:core/v1:ConfigMap kafka-ca",
    ]);
    expect(changes.length).toBeGreaterThan(1);
    await stack.up();
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("never warns of undefined stack outputs with monitoring off (issue 9, bug 5)", () => {
    expect(stack.runs.length).toBeGreaterThan(5);
    expect(stack.linesMatching(/will not show as a stack output/)).toEqual([]);
  });

  it("keeps the spark-data claim and its volume through destroy (issue 9, bug 1)", async () => {
    const before = await eventually(
      "spark-data bound",
      () => api.get<Claim>(claimPath),
      (claim) => claim.status.phase === "Bound",
    );
    await stack.destroy();
    const after = await api.find<Claim>(claimPath);
    expect(after?.metadata.uid).toBe(before.metadata.uid);
    expect(after?.spec.volumeName).toBe(before.spec.volumeName);
    expect(await api.find(`/api/v1/persistentvolumes/${before.spec.volumeName}`)).toBeDefined();
    await stack.rm();
  });
});
