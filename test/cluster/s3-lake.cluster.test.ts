import { describe, expect, it } from "vitest";
import { env } from "../../infra/contract.ts";
import {
  eventually,
  objectsNotInCluster,
  podSecurityLevels,
  podSecurityProblems,
  stateObjects,
} from "./cluster-state.ts";
import { baseConfig, externalKafka, testStack } from "./stacks.ts";

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface PodSpec {
  serviceAccountName?: string;
  containers: { name: string; env?: EnvVar[] }[];
  volumes?: {
    name: string;
    configMap?: { name: string };
    persistentVolumeClaim?: { claimName: string };
  }[];
}

interface Pod {
  metadata: { name: string; ownerReferences?: { kind: string; name: string }[] };
  spec: PodSpec;
}

interface NetworkPolicy {
  metadata: { name: string };
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    egress?: {
      to?: { namespaceSelector?: { matchLabels?: Record<string, string> } }[];
      ports?: { protocol?: string; port?: number }[];
    }[];
  };
}

const credentialKeys = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
const roleArnAnnotation = "eks.amazonaws.com/role-arn";
const roleArn = "arn:aws:iam::123456789012:role/lake-writer";

describe("a stack with its lake on an in-cluster S3-compatible store, on a real control plane", () => {
  const namespace = "lp-s3";
  // The user's store: its namespace exists before the stack and outlives it.
  const storeNamespace = "lp-s3-store";
  const storePort = 8333;
  const credentialsSecret = "lake-store-keys";
  const { stack, api } = testStack("s3-lake");

  const sparkPods = async () => {
    const pods = await api.get<{ items: Pod[] }>(`/api/v1/namespaces/${namespace}/pods`);
    return pods.items.filter((pod) =>
      pod.metadata.ownerReferences?.some(
        (owner) => owner.kind === "StatefulSet" && ["spark-connect", "spark-worker"].includes(owner.name),
      ),
    );
  };
  /** The lake store's credentials each Spark pod's containers get, as they are written in the pod. */
  const credentialsEnv = async () =>
    (await sparkPods()).flatMap((pod) =>
      pod.spec.containers.flatMap((container) =>
        (container.env ?? [])
          .filter((variable) => credentialKeys.includes(variable.name))
          .map((variable) => ({ pod: pod.metadata.name, ...variable })),
      ),
    );
  /** The lines of `spark-defaults.conf` in the ConfigMap the driver's pod template mounts. */
  const sparkDefaults = async () => {
    const driver = await api.get<{ spec: { template: { spec: PodSpec } } }>(
      `/apis/apps/v1/namespaces/${namespace}/statefulsets/spark-connect`,
    );
    const mounted = driver.spec.template.spec.volumes?.find((volume) => volume.name === "conf")?.configMap;
    const config = await api.get<{ data: Record<string, string> }>(
      `/api/v1/namespaces/${namespace}/configmaps/${mounted?.name}`,
    );
    return (config.data["spark-defaults.conf"] ?? "").split("\n");
  };

  it("previews as creations only, with no claim for the lake", async () => {
    await api.create("/api/v1/namespaces", { metadata: { name: storeNamespace } });
    // As docs/kubernetes.md asks: the user makes the namespace and the credentials Secret first,
    // so the Spark pods find it from their start; the stack then takes the namespace on.
    await api.create("/api/v1/namespaces", { metadata: { name: namespace } });
    await api.create(`/api/v1/namespaces/${namespace}/secrets`, {
      metadata: { name: credentialsSecret },
      stringData: { AWS_ACCESS_KEY_ID: "lake-test-key", AWS_SECRET_ACCESS_KEY: "lake-test-secret" },
    });
    await stack.init(
      {
        ...baseConfig(namespace),
        ...externalKafka.config,
        monitoring: "false",
        lakeUri: "s3a://lake/events",
        checkpointUri: "s3a://lake/checkpoints",
        lakeS3Endpoint: `http://seaweedfs-s3.${storeNamespace}.svc.cluster.local:${storePort}`,
        lakeS3PathStyle: "true",
        lakeS3Credentials: "secret",
        lakeS3CredentialsSecret: credentialsSecret,
        lakeS3StoreNamespace: storeNamespace,
      },
      externalKafka.secrets,
    );
    const { changes } = await stack.preview();
    expect(changes.filter((change) => !change.startsWith("create "))).toEqual([]);
    expect(changes.filter((change) => change.includes(":PersistentVolumeClaim "))).toEqual([
      "create kubernetes:core/v1:PersistentVolumeClaim spark-master-recovery",
    ]);
  });

  it("goes up into the namespace the user made, and every object of the state is in the cluster", async () => {
    await stack.up();
    expect(await objectsNotInCluster(api, stateObjects(await stack.resources()))).toEqual([]);
  });

  it("runs every pod admitted under Pod Security restricted, and no claim but the master's recovery", async () => {
    expect(await podSecurityLevels(api, namespace)).toMatchObject({ enforce: "restricted" });
    expect(await podSecurityProblems(api, namespace)).toEqual([]);
    const claims = await api.get<{ items: { metadata: { name: string } }[] }>(
      `/api/v1/namespaces/${namespace}/persistentvolumeclaims`,
    );
    expect(claims.items.map((claim) => claim.metadata.name)).toEqual(["spark-master-recovery"]);
    const sparkClaims = (await sparkPods()).flatMap((pod) =>
      (pod.spec.volumes ?? []).filter((volume) => volume.persistentVolumeClaim),
    );
    expect(sparkClaims).toEqual([]);
  });

  it("points Spark and the stream job at the store, with S3A settings from the stack config", async () => {
    expect(await sparkDefaults()).toEqual(
      expect.arrayContaining([
        `spark.hadoop.fs.s3a.endpoint http://seaweedfs-s3.${storeNamespace}.svc.cluster.local:${storePort}`,
        "spark.hadoop.fs.s3a.path.style.access true",
        "spark.hadoop.fs.s3a.aws.credentials.provider software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
        "spark.sql.streaming.checkpointLocation s3a://lake/checkpoints",
      ]),
    );
    const streamJob = await api.get<{ spec: { template: { spec: PodSpec } } }>(
      `/apis/apps/v1/namespaces/${namespace}/deployments/stream-job`,
    );
    expect(streamJob.spec.template.spec.containers[0]?.env).toEqual(
      expect.arrayContaining([
        { name: env.lakePath, value: "s3a://lake/events" },
        { name: env.checkpointPath, value: "s3a://lake/checkpoints" },
      ]),
    );
    expect((await stack.outputs()).lakePath).toBe("s3a://lake/events");
  });

  it("gives the driver and every worker the credentials by reference to the named Secret, never by value", async () => {
    const pods = await sparkPods();
    expect(pods.map((pod) => pod.metadata.name).sort()).toEqual([
      "spark-connect-0",
      "spark-worker-0",
      "spark-worker-1",
    ]);
    const expected = pods.flatMap((pod) =>
      credentialKeys.map((key) => ({
        pod: pod.metadata.name,
        name: key,
        valueFrom: { secretKeyRef: { name: credentialsSecret, key } },
      })),
    );
    expect(await credentialsEnv()).toEqual(expect.arrayContaining(expected));
    expect(await credentialsEnv()).toHaveLength(expected.length);
    const secret = await api.get<{ data: Record<string, string> }>(
      `/api/v1/namespaces/${namespace}/secrets/${credentialsSecret}`,
    );
    expect(Object.keys(secret.data).sort()).toEqual(credentialKeys);
  });

  it("lets only the driver and the workers reach the store's namespace, on the store's port", async () => {
    const policies = await api.get<{ items: NetworkPolicy[] }>(
      `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`,
    );
    const toStore = policies.items.flatMap((policy) =>
      (policy.spec.egress ?? [])
        .filter((rule) =>
          (rule.to ?? []).some(
            (peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === storeNamespace,
          ),
        )
        .map((rule) => ({
          from: policy.spec.podSelector.matchLabels?.["app.kubernetes.io/component"],
          ports: rule.ports,
        })),
    );
    expect(toStore.sort((a, b) => String(a.from).localeCompare(String(b.from)))).toEqual([
      { from: "spark-connect", ports: [{ protocol: "TCP", port: storePort }] },
      { from: "spark-worker", ports: [{ protocol: "TCP", port: storePort }] },
    ]);
    expect(policies.items.map((policy) => policy.metadata.name)).toContain("default-deny");
  });

  it("previews no change right after up, the user's Secret beside the stack's objects", async () => {
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("switches to workload identity: only Spark's config and pods change, and the service accounts keep their role annotation", async () => {
    // What docs/kubernetes.md asks of an EKS user, done as kubectl would, outside the stack.
    for (const account of ["spark-connect", "spark-worker"])
      await api.patch(`/api/v1/namespaces/${namespace}/serviceaccounts/${account}`, {
        metadata: { annotations: { [roleArnAnnotation]: roleArn } },
      });
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);

    await stack.setConfig({ lakeS3Credentials: "workload-identity" });
    // A new ConfigMap beside the old one, and the three Spark StatefulSets rolled onto it: none
    // of them replaced (deleted and made again), as they were under a fixed ConfigMap name.
    expect((await stack.preview()).changes).toEqual([
      "replace kubernetes:core/v1:ConfigMap spark-config",
      "update kubernetes:apps/v1:StatefulSet spark-spark-connect",
      "update kubernetes:apps/v1:StatefulSet spark-spark-master",
      "update kubernetes:apps/v1:StatefulSet spark-spark-worker",
    ]);
    await stack.up();
    expect(await sparkDefaults()).toContain(
      "spark.hadoop.fs.s3a.aws.credentials.provider software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
    );
    // The StatefulSet controller replaces the pods with the new template's.
    await eventually("Spark pods without the store's keys", credentialsEnv, (left) => left.length === 0);
    for (const account of ["spark-connect", "spark-worker"]) {
      const live = await api.get<{ metadata: { annotations?: Record<string, string> } }>(
        `/api/v1/namespaces/${namespace}/serviceaccounts/${account}`,
      );
      expect(live.metadata.annotations?.[roleArnAnnotation]).toBe(roleArn);
    }
    expect(await podSecurityProblems(api, namespace)).toEqual([]);
    expect((await stack.previewExpectNoChanges()).changes).toEqual([]);
  });

  it("destroys everything, the namespace included (it holds no retained volume), and leaves the store's", async () => {
    await stack.destroy();
    await eventually(
      "the pipeline's namespace gone",
      () => api.find(`/api/v1/namespaces/${namespace}`),
      (live) => live === undefined,
    );
    expect(await api.find(`/api/v1/namespaces/${storeNamespace}`)).toBeDefined();
    await stack.rm();
  });
});
