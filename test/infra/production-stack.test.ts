import { beforeAll, describe, expect, test } from "vitest";
import { topicNames, topicRoles, topicSettings } from "../../workloads/contract/topics.ts";
import { sparkJvmOptions } from "../../workloads/pinned-jars/spark-jvm.ts";
import { fairSchedulerAllocationXml } from "../../workloads/pinned-jars/spark-scheduler.ts";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";
import { resourcesByComponent, stackInvariants, workloadsOf } from "./invariants.ts";
import { expectedFlows, pipelineEndpoints, probes } from "./network-matrix.ts";
import { reachability } from "./reachability.ts";
import { schemaProblems } from "./schema.ts";

/** The production-sized config docs/kubernetes.md documents. */
const productionConfig = {
  kubeContext: "prod-cluster",
  namespace: "logs-prod",
  monitoringNamespace: "logs-prod-monitoring",
  kafkaReplicas: "3",
  kafkaStorageSize: "200Gi",
  kafkaStorageClass: "fast-ssd",
  kafkaCpu: "2",
  kafkaMemory: "8Gi",
  topicPartitions: "12",
  topicReplicas: "3",
  topicRetentionHours: "168",
  sparkWorkers: "4",
  sparkWorkersMax: "12",
  sparkWorkerCores: "4",
  sparkWorkerMemory: "16Gi",
  sparkDriverCores: "2",
  sparkDriverMemory: "8Gi",
  lakeUri: "s3a://acme-logs/lake",
  checkpointUri: "s3a://acme-logs/checkpoints",
  producerReplicas: "3",
  producerRate: "5000",
  imageRegistry: "registry.example.com/log-pipeline",
  registryUsername: "ci-pusher",
  registryPassword: "registry-password-from-config",
  strimziChart: "oci://registry.example.com/charts/strimzi-kafka-operator",
  monitoringChart: "https://charts.example.com/prometheus-community",
};

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(stackConfig(undefined, productionConfig), {
    stack: "production",
    secretKeys: ["registryPassword"],
  });
});

const objectsOfKind = (kind: string) =>
  kubernetesObjects(run)
    .map(({ object }) => object)
    .filter((object) => object.kind === kind);

describe("a production-sized stack", () => {
  stackInvariants(() => run);

  test("installs both charts from the configured mirrors, at the pinned versions", () => {
    const chart = (name: string) => run.resources.find((resource) => resource.name === name)?.inputs;
    expect(chart("kafka-strimzi")).toMatchObject({
      chart: "oci://registry.example.com/charts/strimzi-kafka-operator",
      version: "1.2.0",
    });
    expect(chart("kafka-strimzi")).not.toHaveProperty("repositoryOpts");
    expect(chart("monitoring-kube-prometheus-stack")).toMatchObject({
      chart: "kube-prometheus-stack",
      version: "88.2.0",
      repositoryOpts: { repo: "https://charts.example.com/prometheus-community" },
    });
  });

  test("declares the dev stack's resources plus the autoscaler and the pull secret, without the shared volume", () => {
    const byComponent = resourcesByComponent(run);
    expect(byComponent.spark).toContain("HorizontalPodAutoscaler/spark-worker");
    expect(byComponent.spark).not.toContain("PersistentVolumeClaim/spark-data");
    expect(byComponent.images).toEqual([
      "Image/images-producer",
      "Image/images-sparkDriver",
      "Secret/registry-credentials",
    ]);
    expect(Object.keys(byComponent).sort()).toEqual([
      "base",
      "images",
      "kafka",
      "monitoring",
      "network",
      "spark",
      "workloads",
    ]);
  });

  test("the provider targets the configured kubeconfig context", () => {
    const provider = run.resources.find((resource) => resource.type === "pulumi:providers:kubernetes");
    expect(provider?.inputs).toMatchObject({ context: "prod-cluster" });
    expect(provider?.inputs).not.toHaveProperty("renderYamlToDirectory");
  });

  test("workers autoscale from sparkWorkers to sparkWorkersMax; the StatefulSet starts at sparkWorkers and then leaves replicas to the autoscaler", () => {
    const [autoscaler] = objectsOfKind("HorizontalPodAutoscaler");
    expect(autoscaler?.spec).toMatchObject({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "spark-worker" },
      minReplicas: 4,
      maxReplicas: 12,
    });
    const workers = run.resources.find((resource) => resource.name === "spark-spark-worker");
    // The same replicas a fixed stack of 4 workers declares: switching to the autoscaler changes nothing live.
    expect(workers?.inputs).toMatchObject({ spec: { replicas: 4 } });
    expect(workers?.ignoreChanges).toEqual(["spec.replicas"]);
  });

  test("Kafka is replicated: three nodes, topics with three replicas, min.insync.replicas 2", () => {
    const [pool] = objectsOfKind("KafkaNodePool");
    expect(pool?.spec).toMatchObject({ replicas: 3, resources: { limits: { cpu: "2", memory: "8Gi" } } });
    const [kafka] = objectsOfKind("Kafka");
    expect(kafka?.spec?.kafka).toMatchObject({
      config: {
        "default.replication.factor": 3,
        "min.insync.replicas": 2,
      },
    });
    for (const role of topicRoles) {
      const topic = objectsOfKind("KafkaTopic").find((object) => object.metadata.name === topicNames[role]);
      const retentionHours = role === "deadLetters" ? 336 : 168;
      expect(topic?.spec).toMatchObject({
        partitions: 12,
        replicas: 3,
        config: topicSettings(role, retentionHours),
      });
    }
  });

  test("the lake and checkpoints go to the object store, and no pod mounts a shared volume (only the master its recovery state)", () => {
    const streamJob = workloadsOf(run).find((workload) => workload.object.metadata.name === "stream-job");
    const env = Object.fromEntries(
      (streamJob?.pod.containers[0]?.env ?? []).map((variable) => [variable.name, variable.value]),
    );
    expect(env.LAKE_PATH).toBe("s3a://acme-logs/lake");
    expect(env.CHECKPOINT_PATH).toBe("s3a://acme-logs/checkpoints");
    expect(objectsOfKind("PersistentVolumeClaim").map((claim) => claim.metadata.name)).toEqual([
      "spark-master-recovery",
    ]);
  });

  test("every pod pulls with the registry's credentials, which are a dockerconfigjson Secret", () => {
    const [pullSecret] = objectsOfKind("Secret").filter(
      (secret) => secret.type === "kubernetes.io/dockerconfigjson",
    );
    expect(pullSecret?.metadata.name).toBe("registry-credentials");
    const stringData = (pullSecret?.stringData ?? {}) as Record<string, string>;
    const config = JSON.parse(stringData[".dockerconfigjson"] ?? "{}");
    expect(Object.keys(config.auths)).toEqual(["registry.example.com"]);
    for (const { object, pod } of workloadsOf(run)) {
      expect((pod as { imagePullSecrets?: unknown }).imagePullSecrets, object.metadata.name).toEqual([
        { name: "registry-credentials" },
      ]);
    }
    for (const image of run.resources.filter((resource) => resource.type === "docker-build:index:Image")) {
      expect(image.inputs.registries).toEqual([
        { address: "registry.example.com", username: "ci-pusher", password: "registry-password-from-config" },
      ]);
      expect(image.secretInputs.some((path) => path.startsWith("registries"))).toBe(true);
      expect(image.inputs.cacheTo).toBeDefined();
    }
  });

  test("NetworkPolicies allow exactly the pipeline's flows, plus Spark to the object store", () => {
    const allowed = reachability(
      objectsOfKind("NetworkPolicy"),
      "logs-prod",
      pipelineEndpoints(run, "logs-prod", "logs-prod-monitoring"),
      probes,
    );
    expect([...allowed].sort()).toEqual(
      [...expectedFlows({ kafka: "strimzi", monitoring: true, objectStore: true })].sort(),
    );
  });

  test("Spark reaches the s3a:// lake on AWS S3 with credentials from the Secret, never from config", () => {
    const [config] = objectsOfKind("ConfigMap").filter((object) =>
      String(object.metadata.name).startsWith("spark-config-"),
    );
    const defaults = (config?.data as Record<string, string> | undefined)?.["spark-defaults.conf"] ?? "";
    expect(defaults).toContain("spark.hadoop.fs.s3a.endpoint.region us-east-1");
    expect(defaults).toContain("spark.hadoop.fs.s3a.path.style.access false");
    expect(defaults).toContain(
      "spark.hadoop.fs.s3a.aws.credentials.provider software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
    );
    // AWS S3: the region's own endpoint, not one set here.
    expect(defaults).not.toContain("spark.hadoop.fs.s3a.endpoint ");
    const spark = workloadsOf(run).filter(({ object }) =>
      /^spark-(connect|worker)$/.test(object.metadata.name),
    );
    expect(spark).toHaveLength(2);
    for (const { pod } of spark) {
      const env = pod.containers[0]?.env ?? [];
      for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"])
        expect(env.find((entry) => entry.name === key)).toEqual({
          name: key,
          valueFrom: { secretKeyRef: { name: "lake-s3-credentials", key } },
        });
    }
    const master = workloadsOf(run).find(({ object }) => object.metadata.name === "spark-master");
    expect(master?.pod.containers[0]?.env?.map((entry) => entry.name)).not.toContain("AWS_ACCESS_KEY_ID");
  });

  test("the Spark Connect driver schedules the queries FAIR, from the allocation file its conf volume holds", () => {
    const [config] = objectsOfKind("ConfigMap").filter((object) =>
      String(object.metadata.name).startsWith("spark-config-"),
    );
    const data = (config?.data as Record<string, string> | undefined) ?? {};
    const defaults = data["spark-defaults.conf"] ?? "";
    expect(defaults).toContain("spark.scheduler.mode FAIR\n");
    const file = /^spark\.scheduler\.allocation\.file file:\/\/(\S+)$/m.exec(defaults)?.[1] ?? "";
    const slash = file.lastIndexOf("/");
    expect(data[file.slice(slash + 1)]).toBe(fairSchedulerAllocationXml);
    const connect = workloadsOf(run).find(({ object }) => object.metadata.name === "spark-connect");
    const mount = connect?.pod.containers[0]?.volumeMounts?.find(
      (candidate) => (candidate as { mountPath?: string }).mountPath === file.slice(0, slash),
    ) as { name: string } | undefined;
    const volume = (
      connect?.pod.volumes as { name: string; configMap?: { name: string } }[] | undefined
    )?.find((candidate) => candidate.name === mount?.name);
    expect(volume?.configMap?.name).toBe(config?.metadata.name);
  });

  test("the Spark driver and executors JIT-compile huge generated methods, with the local server's JVM options", () => {
    const [config] = objectsOfKind("ConfigMap").filter((object) =>
      String(object.metadata.name).startsWith("spark-config-"),
    );
    const defaults = (config?.data as Record<string, string> | undefined)?.["spark-defaults.conf"] ?? "";
    for (const role of ["driver", "executor"]) {
      expect(defaults).toContain(`spark.${role}.extraJavaOptions ${sparkJvmOptions.join(" ")}\n`);
    }
    expect(sparkJvmOptions).toContain("-XX:-DontCompileHugeMethods");
  });

  test("every Kubernetes object validates against the schema of its API", async () => {
    const problems = (
      await Promise.all(kubernetesObjects(run).map(({ object }) => schemaProblems(object)))
    ).flat();
    expect(problems).toEqual([]);
  });
});
