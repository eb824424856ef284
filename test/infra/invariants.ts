/**
 * The invariants every stack of the program keeps, whatever its config; each is its own test.
 * A stack's test file runs the program once and calls `stackInvariants` with the run.
 */
import { expect, test } from "vitest";
import { charts, type PinnedChart } from "../../infra/charts.ts";
import { normaliseCrd } from "../../infra/crd-schemas.ts";
import { strimziRelease } from "../../infra/kafka.ts";
import { monitoringRelease } from "../../infra/monitoring.ts";
import { kafkaLikeCrd } from "./crd-fixtures.ts";
import {
  type KubernetesObject,
  kubernetesObjects,
  type ProgramRun,
  type RecordedResource,
} from "./harness.ts";
import { securityInvariants } from "./security-invariants.ts";
import { transformedProperties } from "./transforms.ts";

type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string }[];
};
type PodSpec = {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string }[];
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
};

function typeOf(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** `Kind/name` for a Kubernetes object, `Type/name` for anything else: how the lists below name resources. */
export function describeResource(resource: RecordedResource): string {
  const inputs = resource.inputs as Partial<KubernetesObject> & { name?: string };
  if (resource.type.startsWith("kubernetes:helm.sh/")) return `Chart/${inputs.name}`;
  if (resource.type === "pulumi:providers:kubernetes") return `Provider/${resource.name}`;
  if (resource.type.startsWith("kubernetes:") && inputs.kind && inputs.metadata)
    return `${inputs.kind}/${inputs.metadata.name}`;
  return `${resource.type.split(":").pop()}/${resource.name}`;
}

/** The resources of each component (by its name), sorted: the stack's table of contents. */
export function resourcesByComponent(run: ProgramRun): Record<string, string[]> {
  const components = new Map(
    run.resources.filter((resource) => resource.type.startsWith("log-pipeline:")).map((c) => [c.urn, c.name]),
  );
  const grouped: Record<string, string[]> = {};
  for (const resource of run.resources) {
    if (resource.type.startsWith("log-pipeline:")) continue;
    const component = components.get(resource.parentUrn) ?? "(no component)";
    grouped[component] = [...(grouped[component] ?? []), describeResource(resource)].sort();
  }
  return grouped;
}

export function workloadsOf(
  run: ProgramRun,
): { object: KubernetesObject; pod: PodSpec; labels: Record<string, string> }[] {
  return kubernetesObjects(run)
    .map(({ object }) => object)
    .filter((object) => object.kind === "Deployment" || object.kind === "StatefulSet")
    .map((object) => {
      const template = (
        object.spec as { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } }
      ).template;
      return { object, pod: template.spec, labels: template.metadata.labels };
    });
}

function servicesOf(run: ProgramRun): KubernetesObject[] {
  return kubernetesObjects(run)
    .map(({ object }) => object)
    .filter((object) => object.kind === "Service");
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** The workload a `scheme://host:port` URL of an output reaches, through which Service port. */
export function serviceBehind(run: ProgramRun, url: string) {
  const { hostname, port } = new URL(url);
  const [serviceName, namespace] = hostname.split(".");
  const service = servicesOf(run).find(
    (candidate) => candidate.metadata.name === serviceName && candidate.metadata.namespace === namespace,
  );
  const spec = service?.spec as {
    selector: Record<string, string>;
    ports: { port: number; targetPort: number | string }[];
  };
  const servicePort = spec?.ports.find((candidate) => candidate.port === Number(port));
  const workload = workloadsOf(run).find(
    (candidate) =>
      spec &&
      candidate.object.metadata.namespace === namespace &&
      selectorMatches(spec.selector, candidate.labels),
  );
  return { service, servicePort, workload };
}

export function stackInvariants(getRun: () => ProgramRun): void {
  securityInvariants(getRun);

  test("every resource is parented to its component, and every component to the stack", () => {
    const run = getRun();
    for (const resource of run.resources) {
      const parentType = typeOf(resource.parentUrn);
      if (resource.type.startsWith("log-pipeline:infra:")) {
        expect([parentType, resource.parentUrn], resource.name).toSatisfy(
          ([type, urn]: string[]) => urn === "" || type === "pulumi:pulumi:Stack",
        );
      } else {
        expect(parentType, `${resource.type} ${resource.name}`).toMatch(/^log-pipeline:infra:/);
      }
    }
  });

  test("every Kubernetes resource goes through the stack's explicit provider", () => {
    const run = getRun();
    const kubernetes = run.resources.filter((resource) => resource.type.startsWith("kubernetes:"));
    expect(kubernetes.length).toBeGreaterThan(0);
    for (const resource of kubernetes) {
      expect(resource.provider, resource.name).toMatch(/pulumi:providers:kubernetes::base-provider::/);
    }
  });

  test("Service selectors match pod labels and Service ports match container ports", () => {
    const run = getRun();
    for (const service of servicesOf(run)) {
      const spec = service.spec as {
        selector: Record<string, string>;
        ports: { name: string; port: number; targetPort: number | string }[];
      };
      const targets = workloadsOf(run).filter(
        (workload) =>
          workload.object.metadata.namespace === service.metadata.namespace &&
          selectorMatches(spec.selector, workload.labels),
      );
      expect(
        targets.map((target) => target.object.metadata.name),
        service.metadata.name,
      ).toHaveLength(1);
      const containerPorts = targets[0]?.pod.containers.flatMap((container) => container.ports ?? []) ?? [];
      for (const port of spec.ports) {
        const match = containerPorts.find((candidate) =>
          typeof port.targetPort === "string"
            ? candidate.name === port.targetPort
            : candidate.containerPort === port.targetPort,
        );
        expect(match, `${service.metadata.name}:${port.port} -> ${port.targetPort}`).toBeDefined();
      }
    }
  });

  test("every StatefulSet names a headless Service that selects its pods", () => {
    const run = getRun();
    for (const workload of workloadsOf(run).filter((candidate) => candidate.object.kind === "StatefulSet")) {
      const serviceName = (workload.object.spec as { serviceName: string }).serviceName;
      const service = servicesOf(run).find((candidate) => candidate.metadata.name === serviceName);
      const spec = service?.spec as { clusterIP: string; selector: Record<string, string> };
      expect(spec?.clusterIP, serviceName).toBe("None");
      expect(selectorMatches(spec.selector, workload.labels)).toBe(true);
    }
  });

  test("every container is hardened: resources, probes, non-root, read-only root, no escalation, no capabilities, RuntimeDefault seccomp, pinned image", () => {
    const run = getRun();
    const workloads = workloadsOf(run);
    expect(workloads.length).toBeGreaterThan(0);
    for (const { object, pod } of workloads) {
      expect(pod.automountServiceAccountToken, object.metadata.name).toBe(false);
      const volumes = new Set((pod.volumes ?? []).map((volume) => volume.name));
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const where = `${object.metadata.name}/${container.name}`;
        const security = container.securityContext ?? {};
        for (const resource of ["cpu", "memory"]) {
          expect(container.resources?.requests?.[resource], `${where} requests.${resource}`).toBeDefined();
          expect(container.resources?.limits?.[resource], `${where} limits.${resource}`).toBeDefined();
        }
        expect(container.livenessProbe, `${where} livenessProbe`).toBeDefined();
        expect(container.readinessProbe, `${where} readinessProbe`).toBeDefined();
        expect(security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot, `${where} runAsNonRoot`).toBe(
          true,
        );
        expect(security.readOnlyRootFilesystem, `${where} readOnlyRootFilesystem`).toBe(true);
        expect(security.allowPrivilegeEscalation, `${where} allowPrivilegeEscalation`).toBe(false);
        expect(security.capabilities, `${where} capabilities`).toEqual({ drop: ["ALL"] });
        expect(
          (security.seccompProfile ?? pod.securityContext?.seccompProfile) as unknown,
          `${where} seccompProfile`,
        ).toEqual({ type: "RuntimeDefault" });
        expect(container.image, `${where} image`).toMatch(/(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
        expect(container.image, `${where} image`).not.toMatch(/:latest(@|$)/);
        for (const mount of container.volumeMounts ?? [])
          expect(volumes.has(mount.name), `${where} ${mount.name}`).toBe(true);
      }
    }
  });

  test("every stack output has a value (Pulumi drops an undefined output with a warning on every command)", () => {
    const run = getRun();
    expect(Object.keys(run.outputs).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(run.outputs)) expect(value, key).toBeDefined();
  });

  test("secrets are secret in outputs and never in plain env, ConfigMaps or non-secret outputs", () => {
    const run = getRun();
    const secretOutputs = Object.entries(run.secretOutputs)
      .filter(([, secret]) => secret)
      .map(([key]) => key);
    for (const key of Object.keys(run.outputs)) {
      const shouldBeSecret = /password|token/i.test(key);
      expect(run.secretOutputs[key], key).toBe(shouldBeSecret);
    }
    expect(secretOutputs.length).toBeGreaterThan(0);
    expect(run.generatedSecrets.length).toBeGreaterThan(0);
    const leaks = (text: string) => run.generatedSecrets.some((secret) => text.includes(secret));
    for (const [key, value] of Object.entries(run.outputs)) {
      if (!run.secretOutputs[key]) expect(leaks(JSON.stringify(value) ?? ""), key).toBe(false);
    }
    for (const { object, pod } of workloadsOf(run)) {
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        for (const variable of container.env ?? []) {
          const where = `${object.metadata.name}/${container.name} ${variable.name}`;
          expect(leaks(variable.value ?? ""), where).toBe(false);
          if (/PASSWORD|TOKEN|SECRET/.test(variable.name)) {
            expect(variable.value, where).toBeUndefined();
            expect(variable.valueFrom, where).toMatchObject({ secretKeyRef: {} });
          }
        }
        expect(leaks(JSON.stringify(container.command ?? [])), `${object.metadata.name} command`).toBe(false);
      }
    }
    for (const { object } of kubernetesObjects(run).filter(({ object }) => object.kind !== "Secret")) {
      expect(leaks(JSON.stringify(object)), `${object.kind}/${object.metadata.name}`).toBe(false);
    }
  });

  test("credentials in Kubernetes Secrets are Pulumi secrets in the state", () => {
    const secrets = kubernetesObjects(getRun()).filter(({ object }) => object.kind === "Secret");
    expect(secrets.length).toBeGreaterThan(0);
    for (const { resource, object } of secrets) {
      const keys = Object.keys((object.stringData ?? {}) as Record<string, string>).filter((key) =>
        /password|token|secret|dockerconfig|webhookurl|routingkey/i.test(key),
      );
      expect(keys.length, object.metadata.name).toBeGreaterThan(0);
      for (const key of keys) {
        const isSecret = resource.secretInputs.some(
          (path) => path === "stringData" || path === `stringData.${key}`,
        );
        expect(isSecret, `${object.metadata.name} ${key}`).toBe(true);
      }
    }
  });

  test("Helm charts are pinned to an exact version from the pinned table", () => {
    const run = getRun();
    const pinnedByRelease: Record<string, PinnedChart> = {
      [strimziRelease]: charts.strimzi,
      [monitoringRelease]: charts.kubePrometheusStack,
    };
    const releases = run.resources.filter((candidate) => candidate.type.startsWith("kubernetes:helm.sh/"));
    for (const resource of releases) {
      const inputs = resource.inputs as { name: string; chart: string; version: string };
      expect(inputs.version, resource.name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(inputs.version, resource.name).toBe(pinnedByRelease[inputs.name]?.version);
      expect(inputs.chart, resource.name).not.toBe("");
    }
  });

  test("every chart installs its CRDs as the API server stores them, so previews after an update are clean", async () => {
    const crd = kafkaLikeCrd();
    const releases = getRun().resources.filter((resource) => resource.type.startsWith("kubernetes:helm.sh/"));
    for (const release of releases) {
      const child = {
        type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
        name: "kafkas",
        props: crd,
      };
      const installed = await transformedProperties(release.transforms, child);
      expect(installed, release.name).not.toEqual(crd);
      expect(installed, release.name).toEqual(normaliseCrd(crd));
    }
  });

  test("custom resources depend on the chart that installs their CRDs", () => {
    const run = getRun();
    const chartUrn = (release: string) =>
      run.resources.find(
        (resource) =>
          resource.type.startsWith("kubernetes:helm.sh/") &&
          (resource.inputs as { name: string }).name === release,
      )?.urn;
    const operators: Record<string, string | undefined> = {
      "kafka.strimzi.io": chartUrn(strimziRelease),
      "monitoring.coreos.com": chartUrn(monitoringRelease),
    };
    for (const { resource, object } of kubernetesObjects(run)) {
      const group = object.apiVersion.split("/")[0] ?? "";
      if (!(group in operators)) continue;
      expect(operators[group], `${group} chart`).toBeDefined();
      expect(resource.dependencies, `${object.kind}/${object.metadata.name}`).toContain(operators[group]);
    }
  });

  test("a namespace is kept on destroy exactly when it holds volumes meant to outlive the stack", () => {
    const objects = kubernetesObjects(getRun());
    const namespaces = objects.filter(({ object }) => object.kind === "Namespace");
    expect(namespaces.length).toBeGreaterThan(0);
    for (const { resource, object: namespace } of namespaces) {
      const inside = objects.filter(({ object }) => object.metadata.namespace === namespace.metadata.name);
      const retainedClaims = inside.filter(
        ({ resource: claim, object }) => object.kind === "PersistentVolumeClaim" && claim.retainOnDelete,
      );
      // Strimzi keeps a node pool's claims when its volumes say deleteClaim: false.
      const keptKafkaVolumes = inside.filter(({ object }) => {
        const storage = (object.spec as { storage?: { volumes?: { deleteClaim?: boolean }[] } } | undefined)
          ?.storage;
        return (
          object.kind === "KafkaNodePool" && storage?.volumes?.some((volume) => volume.deleteClaim === false)
        );
      });
      expect(resource.retainOnDelete, namespace.metadata.name).toBe(
        retainedClaims.length + keptKafkaVolumes.length > 0,
      );
    }
  });

  test("workloads always declare replicas; one an autoscaler scales starts at its minimum and leaves the count to it", () => {
    const objects = kubernetesObjects(getRun());
    const autoscalers = objects
      .map(({ object }) => object)
      .filter((object) => object.kind === "HorizontalPodAutoscaler");
    const workloads = objects.filter(
      ({ object }) => object.kind === "Deployment" || object.kind === "StatefulSet",
    );
    expect(workloads.length).toBeGreaterThan(0);
    for (const { resource, object } of workloads) {
      const where = `${object.kind}/${object.metadata.name}`;
      // Removing replicas from an applied object resets it to 1 before any autoscaler acts.
      expect((object.spec as { replicas?: unknown }).replicas, where).toBeTypeOf("number");
      const autoscaler = autoscalers.find((candidate) => {
        const target = (candidate.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
        return target.kind === object.kind && target.name === object.metadata.name;
      });
      if (autoscaler === undefined) {
        expect(resource.ignoreChanges, where).not.toContain("spec.replicas");
        continue;
      }
      expect((object.spec as { replicas: number }).replicas, where).toBe(
        (autoscaler.spec as { minReplicas: number }).minReplicas,
      );
      expect(resource.ignoreChanges, where).toContain("spec.replicas");
    }
  });

  test("the pipeline's namespace enforces Pod Security restricted, and its service accounts mount no token", () => {
    const objects = kubernetesObjects(getRun()).map(({ object }) => object);
    const namespaces = objects.filter((object) => object.kind === "Namespace");
    const pipeline = namespaces.find(
      (namespace) => namespace.metadata.labels?.["pod-security.kubernetes.io/enforce"] === "restricted",
    );
    expect(pipeline).toBeDefined();
    const accounts = objects.filter((object) => object.kind === "ServiceAccount");
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) {
      expect(account.metadata.namespace).toBe(pipeline?.metadata.name);
      expect(account.automountServiceAccountToken, account.metadata.name).toBe(false);
    }
  });

  test("every Kubernetes object names itself and a namespace (except Namespaces)", () => {
    for (const { object } of kubernetesObjects(getRun())) {
      expect(object.metadata.name, object.kind).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      if (object.kind !== "Namespace") expect(object.metadata.namespace, object.metadata.name).toBeTruthy();
    }
  });
}
