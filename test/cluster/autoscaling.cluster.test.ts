import { describe, expect, it } from "vitest";
import { objectsNotInCluster, podSecurityProblems, podsOwnedBy, stateObjects } from "./cluster-state.ts";
import { baseConfig, externalKafka, testStack } from "./stacks.ts";

interface StatefulSet {
  spec: { replicas?: number };
}

interface Autoscaler {
  spec: { minReplicas?: number; maxReplicas: number };
}

describe("Spark workers handed to the autoscaler, on a real control plane", () => {
  const namespace = "lp-autoscaling";
  const { stack, api } = testStack("autoscaling");
  const workersPath = `/apis/apps/v1/namespaces/${namespace}/statefulsets/spark-worker`;
  const workerPods = () => podsOwnedBy(api, namespace, "StatefulSet", "spark-worker");

  it("goes up with two fixed workers", async () => {
    await stack.init(
      {
        ...baseConfig(namespace),
        ...externalKafka.config,
        monitoring: "false",
        sparkWorkers: "2",
        sparkWorkersMax: "0",
      },
      externalKafka.secrets,
    );
    await stack.up();
    expect((await api.get<StatefulSet>(workersPath)).spec.replicas).toBe(2);
    expect(await workerPods()).toHaveLength(2);
  });

  it("previews the switch as the autoscaler's creation and the stream job's new shuffle sizing, the workers untouched", async () => {
    await stack.setConfig({ sparkWorkersMax: "4" });
    expect((await stack.preview()).changes).toEqual([
      "create kubernetes:autoscaling/v2:HorizontalPodAutoscaler spark-worker-autoscaler",
      // STREAM_JOB_SHUFFLE_PARTITIONS follows the most cores the workers can reach.
      "update kubernetes:apps/v1:Deployment workloads-stream-job",
    ]);
  });

  it("switches to the autoscaler without deleting a worker pod (issue 9, bug 2)", async () => {
    const before = await workerPods();
    await stack.up();
    expect(await workerPods()).toEqual(before);
    expect((await api.get<StatefulSet>(workersPath)).spec.replicas).toBe(2);
    const autoscaler = await api.get<Autoscaler>(
      `/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers/spark-worker`,
    );
    expect(autoscaler.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
  });

  it("keeps every object and pod, and previews no change once autoscaled", async () => {
    expect(await objectsNotInCluster(api, stateObjects(await stack.resources()))).toEqual([]);
    expect(await podSecurityProblems(api, namespace)).toEqual([]);
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("destroys and removes the stack", async () => {
    await stack.destroy();
    expect(await api.find(workersPath)).toBeUndefined();
    await stack.rm();
  });
});
