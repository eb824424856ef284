import { describe, expect, inject, it } from "vitest";
import {
  objectsNotInCluster,
  podSecurityLevels,
  podSecurityProblems,
  servicesWithoutEndpoints,
  stateObjects,
} from "./cluster-state.ts";
import { baseConfig, chartSources, testStack } from "./stacks.ts";

describe("a stack with Kafka from Strimzi and monitoring, both charts from local copies, on a real control plane", () => {
  const namespace = "lp-strimzi";
  const { stack, api } = testStack("strimzi");

  it("previews as creations only, with both charts from their local folders (issue 9, bug 4)", async () => {
    await stack.init({
      ...baseConfig(namespace),
      kafkaMode: "strimzi",
      monitoring: "true",
      ...chartSources(inject("clusterRunDir")),
    });
    const preview = await stack.preview();
    expect(preview.changes.filter((change) => !change.startsWith("create "))).toEqual([]);
    // The CRDs come from the charts: proof that Helm rendered them from the configured sources.
    expect(preview.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^create kubernetes:apiextensions.k8s.io\/v1:CustomResourceDefinition .*kafkas\.kafka\.strimzi\.io$/,
        ),
        expect.stringMatching(
          /^create kubernetes:apiextensions.k8s.io\/v1:CustomResourceDefinition .*prometheusrules\.monitoring\.coreos\.com$/,
        ),
      ]),
    );
  });

  it("goes up, and every object of the state, each custom resource included, is in the cluster", async () => {
    await stack.up();
    const objects = stateObjects(await stack.resources());
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining([
        "Kafka",
        "KafkaNodePool",
        "KafkaTopic",
        "KafkaUser",
        "PrometheusRule",
        "ServiceMonitor",
      ]),
    );
    expect(await objectsNotInCluster(api, objects)).toEqual([]);
  });

  // kwok runs no containers, so no operator reconciles: Strimzi never makes the Kafka pods and
  // their Services, nor the Prometheus operator the Prometheus and Alertmanager pods. What the API
  // server can prove is checked: every pod our program and the charts ask for directly (the two
  // operators' among them) was admitted under the namespace's level and is ready, and every
  // Service with a selector has a ready endpoint.
  it("runs every pod of the pipeline's namespace, admitted under Pod Security restricted", async () => {
    expect(await podSecurityLevels(api, namespace)).toMatchObject({ enforce: "restricted" });
    expect(await podSecurityProblems(api, namespace)).toEqual([]);
    expect(await servicesWithoutEndpoints(api, namespace)).toEqual([]);
  });

  it("runs the monitoring namespace's own pods (those no operator has to create)", async () => {
    expect(await podSecurityProblems(api, `${namespace}-monitoring`)).toEqual([]);
  });

  it("previews no change right after up, Strimzi's CRDs included (issue 9, bug 3)", async () => {
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("updates only the alert rules when the lag threshold changes", async () => {
    await stack.setConfig({ alertLagRecords: "20000" });
    const { changes } = await stack.preview();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^update kubernetes:monitoring.coreos.com\/v1:PrometheusRule /);
    await stack.up();
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("destroys and removes the stack", async () => {
    await stack.destroy();
    expect(await api.find(`/apis/apps/v1/namespaces/${namespace}/deployments/producer`)).toBeUndefined();
    await stack.rm();
  });
});
