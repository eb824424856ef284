import { beforeAll, describe, expect, test } from "vitest";
import { ports } from "../../infra/contract.ts";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";
import {
  describeResource,
  resourcesByComponent,
  serviceBehind,
  stackInvariants,
  workloadsOf,
} from "./invariants.ts";
import { expectedFlows, pipelineEndpoints, probes } from "./network-matrix.ts";
import { reachability } from "./reachability.ts";
import { schemaProblems } from "./schema.ts";

let run: ProgramRun;
beforeAll(async () => {
  run = await runProgram(stackConfig("Pulumi.dev.yaml"), { stack: "dev" });
});

const object = (kind: string, name: string) =>
  kubernetesObjects(run).find(({ object }) => object.kind === kind && object.metadata.name === name)?.object;

function specOf<T>(kind: string, name: string): T {
  const found = object(kind, name);
  if (!found) throw new Error(`the stack declares no ${kind}/${name}`);
  return found.spec as T;
}

describe("the dev stack (Pulumi.dev.yaml)", () => {
  stackInvariants(() => run);

  test("declares exactly the expected resources, grouped by component", () => {
    expect(resourcesByComponent(run)).toEqual({
      base: [
        "Namespace/log-pipeline",
        "Namespace/log-pipeline-monitoring",
        "Provider/base-provider",
        "ServiceAccount/producer",
        "ServiceAccount/spark-connect",
        "ServiceAccount/spark-master",
        "ServiceAccount/spark-worker",
        "ServiceAccount/stream-job",
      ],
      network: [
        "NetworkPolicy/allow-alertmanager-cluster",
        "NetworkPolicy/allow-dns",
        "NetworkPolicy/allow-grafana-queries",
        "NetworkPolicy/allow-kafka-brokers",
        "NetworkPolicy/allow-kafka-cluster",
        "NetworkPolicy/allow-producer",
        "NetworkPolicy/allow-prometheus-scrapes",
        "NetworkPolicy/allow-spark-connect",
        "NetworkPolicy/allow-spark-master",
        "NetworkPolicy/allow-spark-worker",
        "NetworkPolicy/allow-stream-job",
        "NetworkPolicy/allow-strimzi-operator",
        "NetworkPolicy/default-deny",
        "NetworkPolicy/default-deny-ingress",
      ],
      images: ["Image/images-producer", "Image/images-sparkDriver"],
      kafka: [
        "Chart/strimzi",
        "Kafka/pipeline",
        "KafkaNodePool/dual-role",
        "KafkaTopic/log-alerts",
        "KafkaTopic/log-dead-letters",
        "KafkaTopic/log-metrics",
        "KafkaTopic/logs",
        "KafkaUser/producer",
        "KafkaUser/stream-job",
        "RandomPassword/kafka-producer-password",
        "RandomPassword/kafka-stream-job-password",
        "Secret/kafka-producer-credentials",
        "Secret/kafka-stream-job-credentials",
      ],
      spark: [
        // Named by its contents (infra/spark.ts), so a change rolls the Spark pods.
        expect.stringMatching(/^ConfigMap\/spark-config-[0-9a-f]{10}$/),
        "PersistentVolumeClaim/spark-data",
        "PersistentVolumeClaim/spark-master-recovery",
        "PodDisruptionBudget/spark-connect",
        "PodDisruptionBudget/spark-master",
        "PodDisruptionBudget/spark-worker",
        "RandomPassword/spark-auth-secret",
        "RandomPassword/spark-connect-token",
        "Secret/spark-auth",
        "Secret/spark-connect-token",
        "Service/spark-connect",
        "Service/spark-connect-headless",
        "Service/spark-master",
        "Service/spark-master-headless",
        "Service/spark-worker-headless",
        "StatefulSet/spark-connect",
        "StatefulSet/spark-master",
        "StatefulSet/spark-worker",
      ],
      workloads: ["Deployment/producer", "Deployment/stream-job", "Service/producer", "Service/stream-job"],
      monitoring: [
        "Chart/monitoring",
        "ConfigMap/log-pipeline-dashboard",
        "PodMonitor/kafka",
        "PodMonitor/spark-connect",
        "PodMonitor/spark-master",
        "PodMonitor/spark-worker",
        "PrometheusRule/log-pipeline",
        "RandomPassword/monitoring-grafana-admin",
        "Secret/grafana-admin",
        "ServiceMonitor/producer",
        "ServiceMonitor/stream-job",
      ],
    });
  });

  test("is sized for minikube or kind: one Kafka node, one master, two workers", () => {
    expect(specOf<{ replicas: number }>("KafkaNodePool", "dual-role").replicas).toBe(1);
    expect(specOf<{ replicas: number }>("StatefulSet", "spark-master").replicas).toBe(1);
    expect(specOf<{ replicas: number }>("StatefulSet", "spark-worker").replicas).toBe(2);
    expect(object("HorizontalPodAutoscaler", "spark-worker")).toBeUndefined();
    for (const topic of ["logs", "log-metrics", "log-alerts", "log-dead-letters"]) {
      expect(object("KafkaTopic", topic)?.spec).toMatchObject({ partitions: 3, replicas: 1 });
    }
  });

  test("each worker offers its executor a task slot per core (no real-time query to make room for)", () => {
    const worker = specOf<{ template: { spec: { containers: { command: string[] }[] } } }>(
      "StatefulSet",
      "spark-worker",
    ).template.spec.containers[0]?.command as string[];
    expect(worker[worker.indexOf("--cores") + 1]).toBe("1");
    const config = kubernetesObjects(run).find(({ object }) =>
      String(object.metadata.name).startsWith("spark-config-"),
    );
    expect((config?.object.data as Record<string, string> | undefined)?.["spark-defaults.conf"]).toMatch(
      /^spark\.executor\.cores 1$/m,
    );
  });

  test("exports the documented outputs, monitoring's included", () => {
    expect(Object.keys(run.outputs).sort()).toEqual([
      "brokerUrl",
      "grafanaAdminPassword",
      "grafanaUrl",
      "kafkaProducerPassword",
      "kafkaStreamJobPassword",
      "lakePath",
      "namespace",
      "producerImage",
      "prometheusUrl",
      "sparkConnectToken",
      "sparkConnectUrl",
      "sparkDriverUiUrl",
      "sparkImage",
      "sparkMasterUrl",
      "sparkUiUrl",
    ]);
  });

  test("outputs point at the Services of the right workloads and ports", () => {
    const master = serviceBehind(run, run.outputs.sparkMasterUrl as string);
    expect(master.workload?.object.metadata.name).toBe("spark-master");
    expect(master.servicePort?.targetPort).toBe(ports.sparkMaster);
    const connect = serviceBehind(run, run.outputs.sparkConnectUrl as string);
    expect(connect.workload?.object.metadata.name).toBe("spark-connect");
    expect(connect.servicePort?.targetPort).toBe(ports.sparkConnect);
    const ui = serviceBehind(run, run.outputs.sparkUiUrl as string);
    expect(ui.workload?.object.metadata.name).toBe("spark-master");
    expect(ui.servicePort?.targetPort).toBe(ports.sparkMasterUi);
    const driverUi = serviceBehind(run, run.outputs.sparkDriverUiUrl as string);
    expect(driverUi.workload?.object.metadata.name).toBe("spark-connect");
    expect(driverUi.servicePort?.targetPort).toBe(ports.sparkDriverUi);
  });

  test("brokerUrl is Strimzi's bootstrap Service of the Kafka cluster, on its listener", () => {
    const listener = specOf<{ kafka: { listeners: { port: number }[] } }>("Kafka", "pipeline").kafka
      .listeners[0];
    expect(run.outputs.brokerUrl).toBe(
      `pipeline-kafka-bootstrap.log-pipeline.svc.cluster.local:${listener?.port}`,
    );
  });

  test("Prometheus and Grafana URLs are the Services the chart's name overrides produce", () => {
    const chart = run.resources.find((resource) => resource.name === "monitoring-kube-prometheus-stack");
    if (!chart) throw new Error("no kube-prometheus-stack chart");
    const { values } = chart.inputs as {
      values: { fullnameOverride: string; grafana: { fullnameOverride: string } };
    };
    expect(run.outputs.prometheusUrl).toBe(
      `http://${values.fullnameOverride}-prometheus.log-pipeline-monitoring.svc.cluster.local:9090`,
    );
    expect(run.outputs.grafanaUrl).toBe(
      `http://${values.grafana.fullnameOverride}.log-pipeline-monitoring.svc.cluster.local`,
    );
  });

  test("the images are built from images/*/Dockerfile with the Spark version of the JVM manifest, never on preview", () => {
    const images = run.resources.filter((resource) => resource.type === "docker-build:index:Image");
    const versions = readJvmVersions();
    for (const image of images) {
      const inputs = image.inputs as {
        buildOnPreview: boolean;
        push: boolean;
        tags: string[];
        dockerfile: { location: string };
      };
      expect(inputs.buildOnPreview).toBe(false);
      expect(inputs.push).toBe(true);
      expect(inputs.tags[0]).toMatch(/^localhost:5000\/log-pipeline\/[a-z-]+:[0-9a-f]{16}$/);
      expect(inputs.dockerfile.location).toMatch(/images\/(producer|spark-driver)\/Dockerfile$/);
    }
    const spark = images.find((image) => image.name === "images-sparkDriver");
    expect(spark?.inputs.buildArgs).toEqual({
      SPARK_VERSION: versions.spark,
      SPARK_IMAGE_DIGEST: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      SCALA_BINARY_VERSION: versions.scalaBinary,
    });
    const sparkImages = workloadsOf(run)
      .filter((workload) => workload.object.kind === "StatefulSet")
      .map((workload) => workload.pod.containers[0]?.image);
    expect(new Set(sparkImages)).toEqual(new Set([run.outputs.sparkImage]));
  });

  test("installs both charts from their public sources when no chart source is configured", () => {
    const chart = (name: string) => run.resources.find((resource) => resource.name === name)?.inputs;
    expect(chart("kafka-strimzi")).toMatchObject({
      chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator",
      version: "1.2.0",
    });
    expect(chart("monitoring-kube-prometheus-stack")).toMatchObject({
      chart: "kube-prometheus-stack",
      version: "88.2.0",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
    });
  });

  test("a fixed number of workers owns replicas, forcing them back from an autoscaler the stack had before", () => {
    const workers = run.resources.find((resource) => resource.name === "spark-spark-worker");
    expect(workers?.inputs).toMatchObject({
      metadata: { annotations: { "pulumi.com/patchForce": "true" } },
      spec: { replicas: 2 },
    });
    expect(workers?.ignoreChanges).toEqual([]);
  });

  test("pulumi destroy keeps the namespace that holds the lake, and the claim itself", () => {
    const kept = run.resources.filter((resource) => resource.retainOnDelete).map(describeResource);
    expect(kept.sort()).toEqual(["Namespace/log-pipeline", "PersistentVolumeClaim/spark-data"]);
  });

  test("Kafka runs the version of the JVM manifest", () => {
    expect(specOf<{ kafka: { version: string } }>("Kafka", "pipeline").kafka.version).toBe(
      readJvmVersions().kafka,
    );
  });

  test("NetworkPolicies allow exactly the pipeline's flows (and Strimzi adds none of its own)", () => {
    const strimzi = run.resources.find((resource) => resource.name === "kafka-strimzi");
    expect(strimzi?.inputs.values).toMatchObject({ generateNetworkPolicy: false });
    const policies = kubernetesObjects(run)
      .map(({ object }) => object)
      .filter((candidate) => candidate.kind === "NetworkPolicy");
    const allowed = reachability(
      policies,
      "log-pipeline",
      pipelineEndpoints(run, "log-pipeline", "log-pipeline-monitoring"),
      probes,
    );
    expect([...allowed].sort()).toEqual([...expectedFlows({ kafka: "strimzi", monitoring: true })].sort());
  });

  test("every Kubernetes object validates against the schema of its API", async () => {
    const objects = kubernetesObjects(run);
    expect(objects.length).toBeGreaterThan(50);
    const problems = (await Promise.all(objects.map(({ object }) => schemaProblems(object)))).flat();
    expect(problems).toEqual([]);
  });
});
