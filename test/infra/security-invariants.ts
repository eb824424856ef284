/**
 * The security invariants every stack keeps (issue "secure by default"): each test names one.
 * `stackInvariants` calls `securityInvariants`, so every stack's test file runs them.
 */
import { expect, test } from "vitest";
import { components } from "../../infra/contract.ts";
import { type KubernetesObject, kubernetesObjects, type ProgramRun } from "./harness.ts";
import { workloadsOf } from "./invariants.ts";
import { reachability } from "./reachability.ts";

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
type Volume = { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } };

const sparkComponents: string[] = [components.sparkMaster, components.sparkWorker, components.sparkConnect];

function objectsOfKind(run: ProgramRun, kind: string): KubernetesObject[] {
  return kubernetesObjects(run)
    .map(({ object }) => object)
    .filter((object) => object.kind === kind);
}

function secretValue(run: ProgramRun, name: string, key: string): string | undefined {
  const secret = objectsOfKind(run, "Secret").find((object) => object.metadata.name === name);
  return (secret?.stringData as Record<string, string> | undefined)?.[key];
}

/** `spark-defaults.conf` of the Spark pods, as key → value. */
function sparkDefaults(run: ProgramRun): Record<string, string> {
  const config = objectsOfKind(run, "ConfigMap").find((object) =>
    String(object.metadata.name).startsWith("spark-config-"),
  );
  const text = (config?.data as Record<string, string> | undefined)?.["spark-defaults.conf"] ?? "";
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const [key = "", ...value] = line.split(" ");
        return [key, value.join(" ")];
      }),
  );
}

function sparkPods(run: ProgramRun) {
  return workloadsOf(run).filter(({ labels }) =>
    sparkComponents.includes(labels["app.kubernetes.io/component"] ?? ""),
  );
}

/**
 * The shared secret a Spark container authenticates with: from `_SPARK_AUTH_SECRET`, or from the
 * properties file its command names, mounted from a Secret.
 */
function sparkSecretOf(
  run: ProgramRun,
  pod: ReturnType<typeof sparkPods>[number]["pod"],
): string | undefined {
  const container = pod.containers[0];
  const fromEnv = (container?.env as EnvVar[] | undefined)?.find(
    (variable) => variable.name === "_SPARK_AUTH_SECRET",
  )?.valueFrom?.secretKeyRef;
  if (fromEnv) return secretValue(run, fromEnv.name, fromEnv.key);
  const command = container?.command ?? [];
  const file = command[command.indexOf("--extra-properties-file") + 1];
  if (!command.includes("--extra-properties-file") || file === undefined) return undefined;
  const mount = (container?.volumeMounts as { name: string; mountPath: string }[] | undefined)?.find((m) =>
    file.startsWith(`${m.mountPath}/`),
  );
  const volume = (pod.volumes as Volume[] | undefined)?.find((v) => v.name === mount?.name)?.secret;
  const item = volume?.items?.find((candidate) => file.endsWith(`/${candidate.path}`));
  if (!volume || !item) return undefined;
  return secretValue(run, volume.secretName, item.key)?.match(/^spark\.authenticate\.secret (\S+)\n$/)?.[1];
}

export function securityInvariants(getRun: () => ProgramRun): void {
  test("every Spark component authenticates with one generated shared secret and encrypts its RPC", () => {
    const run = getRun();
    const defaults = sparkDefaults(run);
    expect(defaults["spark.authenticate"]).toBe("true");
    expect(defaults["spark.network.crypto.enabled"]).toBe("true");
    const pods = sparkPods(run);
    expect(pods.map(({ labels }) => labels["app.kubernetes.io/component"]).sort()).toEqual(
      [...sparkComponents].sort(),
    );
    const secrets = pods.map(({ object, pod }) => {
      const mountsConf = pod.containers[0]?.volumeMounts?.some(
        (mount) => (mount as { mountPath?: string }).mountPath === "/opt/spark/conf",
      );
      expect(mountsConf, `${object.metadata.name} mounts spark-defaults.conf`).toBe(true);
      return sparkSecretOf(run, pod);
    });
    expect(secrets[0], "the shared secret").toBeDefined();
    expect(run.generatedSecrets).toContain(secrets[0]);
    expect(new Set(secrets).size, "one secret for all").toBe(1);
  });

  test("the Spark master keeps its recovery state on a volume and has a disruption budget", () => {
    const run = getRun();
    const defaults = sparkDefaults(run);
    expect(defaults["spark.deploy.recoveryMode"]).toBe("FILESYSTEM");
    const master = sparkPods(run).find(({ object }) => object.metadata.name === components.sparkMaster);
    const mount = master?.pod.containers[0]?.volumeMounts?.find(
      (candidate) =>
        (candidate as { mountPath?: string }).mountPath === defaults["spark.deploy.recoveryDirectory"],
    );
    const volume = (
      master?.pod.volumes as { name: string; persistentVolumeClaim?: { claimName: string } }[]
    )?.find((candidate) => candidate.name === mount?.name);
    const claim = objectsOfKind(run, "PersistentVolumeClaim").find(
      (object) => object.metadata.name === volume?.persistentVolumeClaim?.claimName,
    );
    expect(claim, "the recovery volume's claim").toBeDefined();
    const budget = objectsOfKind(run, "PodDisruptionBudget").find(
      (object) =>
        (object.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels[
          "app.kubernetes.io/component"
        ] === components.sparkMaster,
    );
    expect(budget?.spec).toMatchObject({ minAvailable: 1 });
  });

  test("executor logs roll over by size, so an executor cannot fill its scratch volume", () => {
    const defaults = sparkDefaults(getRun());
    expect(defaults["spark.executor.logs.rolling.strategy"]).toBe("size");
    expect(Number(defaults["spark.executor.logs.rolling.maxSize"])).toBeGreaterThan(0);
    expect(Number(defaults["spark.executor.logs.rolling.maxRetainedFiles"])).toBeGreaterThan(0);
  });

  test("the workloads' Services expose only their metrics port, scraped with GET /metrics (POST /stop answers loopback peers only)", () => {
    const run = getRun();
    for (const component of [components.producer, components.streamJob]) {
      const workload = workloadsOf(run).find(({ object }) => object.metadata.name === component);
      const containerPorts = workload?.pod.containers.flatMap((container) => container.ports ?? []) ?? [];
      expect(containerPorts, component).toHaveLength(1);
      const service = objectsOfKind(run, "Service").find((object) => object.metadata.name === component);
      const servicePorts = (service?.spec as { ports: { targetPort: string | number }[] } | undefined)?.ports;
      expect(
        servicePorts?.map((port) => port.targetPort),
        component,
      ).toEqual([containerPorts[0]?.name]);
      const monitor = objectsOfKind(run, "ServiceMonitor").find(
        (object) => object.metadata.name === component,
      );
      for (const endpoint of (monitor?.spec as { endpoints: { path: string }[] } | undefined)?.endpoints ??
        [])
        expect(endpoint.path, `${component} ServiceMonitor`).toBe("/metrics");
    }
    const streamJob = workloadsOf(run).find(({ object }) => object.metadata.name === components.streamJob);
    const env = Object.fromEntries(
      (streamJob?.pod.containers[0]?.env ?? []).map((variable) => [variable.name, variable.value]),
    );
    // Bound to the pod's address for probes and Prometheus; POST /stop answers loopback peers only.
    expect(env.STREAM_JOB_HTTP_HOST).toBe("0.0.0.0");
  });

  test("probes tell the truth: the stream job is ready only when /readyz says so", () => {
    const streamJob = workloadsOf(getRun()).find(
      ({ object }) => object.metadata.name === components.streamJob,
    );
    const container = streamJob?.pod.containers[0];
    expect(container?.readinessProbe).toMatchObject({ httpGet: { path: "/readyz" } });
    expect(container?.livenessProbe).toMatchObject({ httpGet: { path: "/healthz" } });
  });

  test("no pod of Kafka or Strimzi may egress to 0.0.0.0/0: only to the API server's configured ranges", () => {
    const strimziPod = (labels: Record<string, string>) =>
      "strimzi.io/cluster" in labels || labels.name === "strimzi-cluster-operator";
    const policies = objectsOfKind(getRun(), "NetworkPolicy").map(
      (policy) =>
        policy.spec as {
          podSelector: { matchLabels?: Record<string, string> };
          egress?: { to?: { ipBlock?: { cidr: string } }[] }[];
        },
    );
    const strimziPolicies = policies.filter((candidate) =>
      strimziPod(candidate.podSelector.matchLabels ?? {}),
    );
    const cidrs = strimziPolicies.flatMap((policy) =>
      (policy.egress ?? []).flatMap((rule) => (rule.to ?? []).flatMap((peer) => peer.ipBlock?.cidr ?? [])),
    );
    // Strimzi's pods talk to the API server; with an external Kafka there are none.
    expect(cidrs.length > 0).toBe(strimziPolicies.length > 0);
    for (const cidr of cidrs) expect(cidr).not.toMatch(/\/0$/);
  });

  test("in the monitoring namespace, only Prometheus reaches Alertmanager, and only Prometheus and Grafana reach Prometheus", () => {
    const run = getRun();
    const namespaces = objectsOfKind(run, "Namespace").map((namespace) => namespace.metadata.name);
    const monitoring = namespaces.find((name) => name.endsWith("monitoring"));
    const policies = objectsOfKind(run, "NetworkPolicy");
    if (monitoring === undefined) {
      expect(policies.filter((policy) => policy.metadata.namespace !== namespaces[0])).toEqual([]);
      return;
    }
    const pipeline = namespaces.find((name) => name !== monitoring) ?? "";
    const pod = (name: string, namespace: string, labels: Record<string, string>) => ({
      kind: "pod" as const,
      name,
      namespace,
      labels,
    });
    const endpoints = [
      pod("prometheus", monitoring, { "app.kubernetes.io/name": "prometheus" }),
      pod("alertmanager", monitoring, { "app.kubernetes.io/name": "alertmanager" }),
      pod("grafana", monitoring, { "app.kubernetes.io/name": "grafana" }),
      pod("kube-state-metrics", monitoring, { "app.kubernetes.io/name": "kube-state-metrics" }),
      pod("producer", pipeline, { "app.kubernetes.io/component": components.producer }),
      pod("intruder", "default", { app: "intruder" }),
    ];
    const probes = [9090, 9093, 9094].map((port) => ({ port, protocol: "TCP" as const }));
    const into = (target: string) =>
      [...reachability(policies, monitoring, endpoints, probes)]
        .filter((flow) => flow.includes(`-> ${target}:`))
        .sort();
    expect(into("alertmanager")).toEqual([
      "alertmanager -> alertmanager:9094/TCP",
      "prometheus -> alertmanager:9090/TCP",
      "prometheus -> alertmanager:9093/TCP",
      "prometheus -> alertmanager:9094/TCP",
    ]);
    expect(into("prometheus")).toEqual([
      "grafana -> prometheus:9090/TCP",
      "prometheus -> prometheus:9090/TCP",
      "prometheus -> prometheus:9093/TCP",
      "prometheus -> prometheus:9094/TCP",
    ]);
  });

  test("the dead-letter topic is kept at least as long as the input topic", () => {
    const retentionOf = (topic: string) =>
      (
        objectsOfKind(getRun(), "KafkaTopic").find((object) => object.metadata.name === topic)?.spec as
          | { config: { "retention.ms": number } }
          | undefined
      )?.config["retention.ms"];
    const input = retentionOf("logs");
    const deadLetters = retentionOf("log-dead-letters");
    // Only a Strimzi stack declares topics; with an external Kafka the docs ask for the same.
    expect(deadLetters === undefined).toBe(input === undefined);
    if (input !== undefined) expect(deadLetters).toBeGreaterThan(input);
  });

  test("no Kafka user may create topics: every topic a client uses is declared by the program", () => {
    const run = getRun();
    const users = objectsOfKind(run, "KafkaUser");
    const declaredTopics = new Set(
      objectsOfKind(run, "KafkaTopic").map((topic) => (topic.spec as { topicName: string }).topicName),
    );
    for (const user of users) {
      const acls = (
        user.spec as {
          authorization: {
            acls: { resource: { type: string; name?: string }; operations: string[] }[];
          };
        }
      ).authorization.acls;
      for (const acl of acls) {
        expect(acl.operations, user.metadata.name).not.toContain("Create");
        expect(acl.operations, user.metadata.name).not.toContain("All");
        if (acl.resource.type === "topic")
          expect(declaredTopics, acl.resource.name).toContain(acl.resource.name);
      }
    }
    const broker = objectsOfKind(run, "Kafka")[0]?.spec as
      | { kafka: { config: Record<string, unknown> } }
      | undefined;
    if (broker) expect(broker.kafka.config["auto.create.topics.enable"]).toBe(false);
    // Strimzi stacks have two users (producer, stream job); an external Kafka has none here.
    expect(users.length).toBe(broker ? 2 : 0);
  });

  test("no plaintext SASL anywhere: every Kafka client uses TLS, trusting one CA that the executors see too", () => {
    const run = getRun();
    for (const listener of objectsOfKind(run, "Kafka").flatMap(
      (kafka) => (kafka.spec as { kafka: { listeners: { name: string; tls: boolean }[] } }).kafka.listeners,
    ))
      expect(listener.tls, `Strimzi listener ${listener.name}`).toBe(true);

    const clients = workloadsOf(run).filter(({ pod }) =>
      pod.containers.some((container) =>
        container.env?.some((variable) => variable.name === "KAFKA_SASL_MECHANISM"),
      ),
    );
    expect(clients.map(({ object }) => object.metadata.name).sort()).toEqual([
      components.producer,
      components.streamJob,
    ]);
    /** What a pod has at a path: the volume source (Secret or ConfigMap and key) mounted over it. */
    const sourceAt = (pod: (typeof clients)[number]["pod"], file: string) => {
      const container = pod.containers[0];
      const mount = (container?.volumeMounts as { name: string; mountPath: string }[] | undefined)?.find(
        (m) => file.startsWith(`${m.mountPath}/`),
      );
      const volume = (pod.volumes as Record<string, unknown>[] | undefined)?.find(
        (v) => v.name === mount?.name,
      );
      const { name: _name, ...source } = volume ?? {};
      return JSON.stringify(source);
    };
    const caFiles = new Set<string>();
    const caSources = new Set<string>();
    for (const { object, pod } of clients) {
      const env = Object.fromEntries(
        (pod.containers[0]?.env ?? []).map((variable) => [variable.name, variable.value]),
      );
      expect(env.KAFKA_TLS, object.metadata.name).toBe("true");
      if (env.KAFKA_CA_FILE !== undefined) {
        caFiles.add(env.KAFKA_CA_FILE);
        caSources.add(sourceAt(pod, env.KAFKA_CA_FILE));
      }
    }
    const isStrimzi = objectsOfKind(run, "Kafka").length > 0;
    if (isStrimzi) expect(caFiles.size, "Strimzi's cluster CA is trusted").toBe(1);
    if (caFiles.size === 0) return;
    expect(caFiles.size).toBe(1);
    expect(caSources.size).toBe(1);
    const [caFile = ""] = [...caFiles];
    const [caSource = ""] = [...caSources];
    expect(caSource).toContain(caFile.split("/").pop());
    if (isStrimzi) expect(caSource).toContain("pipeline-cluster-ca-cert");
    // Spark's Kafka source and sinks run on the driver and on the executors (in the workers' pods).
    for (const { object, pod } of sparkPods(run).filter(
      ({ object }) => object.metadata.name !== components.sparkMaster,
    ))
      expect(sourceAt(pod, caFile), object.metadata.name).toBe(caSource);
  });
}
