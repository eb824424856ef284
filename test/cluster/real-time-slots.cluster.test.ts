import { describe, expect, it } from "vitest";
import { objectsNotInCluster, podSecurityProblems, stateObjects } from "./cluster-state.ts";
import { baseConfig, externalKafka, testStack } from "./stacks.ts";

interface Container {
  command?: string[];
  env?: { name: string; value?: string }[];
  resources?: { limits?: Record<string, string> };
}

interface PodTemplated {
  spec: {
    template: {
      spec: { containers: Container[]; volumes?: { name: string; configMap?: { name: string } }[] };
    };
  };
}

interface ConfigMap {
  data: Record<string, string>;
}

describe("real-time dead letters switched on in a running stack, on a real control plane", () => {
  const namespace = "lp-real-time-slots";
  const { stack, api } = testStack("real-time-slots");
  const workersPath = `/apis/apps/v1/namespaces/${namespace}/statefulsets/spark-worker`;
  const streamJobPath = `/apis/apps/v1/namespaces/${namespace}/deployments/stream-job`;

  /** The workers' task slots as the cluster holds them: their --cores and their executors'. */
  async function workerSlots() {
    const template = (await api.get<PodTemplated>(workersPath)).spec.template.spec;
    const container = template.containers[0] as Container;
    const command = container.command ?? [];
    const configName = template.volumes?.find((volume) => volume.name === "conf")?.configMap?.name;
    const config = await api.get<ConfigMap>(`/api/v1/namespaces/${namespace}/configmaps/${configName}`);
    return {
      cores: command[command.indexOf("--cores") + 1],
      executorCores: /^spark\.executor\.cores (\d+)$/m.exec(config.data["spark-defaults.conf"] ?? "")?.[1],
      cpuLimit: container.resources?.limits?.cpu,
    };
  }

  async function streamJobEnv(): Promise<Record<string, string | undefined>> {
    const container = (await api.get<PodTemplated>(streamJobPath)).spec.template.spec
      .containers[0] as Container;
    return Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value]));
  }

  it("goes up with two 1-core workers offering a slot per core", async () => {
    await stack.init(
      {
        ...baseConfig(namespace),
        ...externalKafka.config,
        monitoring: "false",
        sparkWorkers: "2",
        topicPartitions: "3",
      },
      externalKafka.secrets,
    );
    await stack.up();
    expect(await workerSlots()).toEqual({ cores: "1", executorCores: "1", cpuLimit: "1" });
    expect((await streamJobEnv()).STREAM_JOB_DEAD_LETTER_TRIGGER).toBeUndefined();
  });

  it("with realTimeDeadLetters each worker offers its share of the 3 partitions beyond its core, its CPU and the shuffle partitions unchanged", async () => {
    await stack.setConfig({ realTimeDeadLetters: "true" });
    await stack.up();
    expect(await workerSlots()).toEqual({ cores: "3", executorCores: "3", cpuLimit: "1" });
    const env = await streamJobEnv();
    expect(env).toMatchObject({
      STREAM_JOB_TOPOLOGY: "combined",
      STREAM_JOB_DEAD_LETTER_TRIGGER: "real-time 5 seconds",
      STREAM_JOB_SHUFFLE_PARTITIONS: "2",
    });
  });

  it("keeps every object and pod, and previews no change", async () => {
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
