import type { KubeApi } from "../../workloads/control-plane/kube-api.ts";
import type { StateResource } from "./pulumi-stack.ts";

/** The identity of a Kubernetes object as the stack's state records it. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
}

interface Metadata {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
}

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

/** Objects of the state: every Kubernetes resource the engine created (not components, providers or Helm's own bookkeeping). */
export function stateObjects(resources: StateResource[]): ObjectRef[] {
  return resources
    .filter(
      (resource) =>
        resource.type.startsWith("kubernetes:") && !resource.type.startsWith("kubernetes:helm.sh"),
    )
    .flatMap((resource) => {
      const outputs = resource.outputs as
        | { apiVersion?: string; kind?: string; metadata?: Metadata }
        | undefined;
      if (!outputs?.apiVersion || !outputs.kind || !outputs.metadata?.name) return [];
      const { name, namespace, uid } = outputs.metadata;
      return [
        {
          apiVersion: outputs.apiVersion,
          kind: outputs.kind,
          name,
          ...(namespace ? { namespace } : {}),
          ...(uid ? { uid } : {}),
        },
      ];
    });
}

/** Maps apiVersion + kind to the REST path of objects, from the API server's discovery (CRDs included). */
export class ApiPaths {
  private readonly lists = new Map<string, ApiResourceList>();

  constructor(private readonly api: KubeApi) {}

  async path(ref: ObjectRef): Promise<string> {
    const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    let list = this.lists.get(base);
    if (!list) {
      list = await this.api.get<ApiResourceList>(base);
      this.lists.set(base, list);
    }
    const resource = list.resources.find((r) => r.kind === ref.kind && !r.name.includes("/"));
    if (!resource) throw new Error(`the API server serves no ${ref.kind} in ${ref.apiVersion}`);
    const scope = resource.namespaced && ref.namespace ? `/namespaces/${ref.namespace}` : "";
    return `${base}${scope}/${resource.name}/${ref.name}`;
  }
}

function describe(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/**
 * The objects of the state that the API server does not hold as recorded (missing, or another
 * object under the same name). A custom resource that is there was accepted by its CRD's schema.
 */
export async function objectsNotInCluster(api: KubeApi, refs: ObjectRef[]): Promise<string[]> {
  const paths = new ApiPaths(api);
  const problems: string[] = [];
  for (const ref of refs) {
    const live = await api.find<{ metadata: Metadata }>(await paths.path(ref));
    if (!live) problems.push(`${describe(ref)} is missing`);
    else if (ref.uid && live.metadata.uid !== ref.uid) problems.push(`${describe(ref)} has another uid`);
  }
  return problems;
}

interface Workload {
  metadata: Metadata;
  spec: { replicas?: number };
  status: { readyReplicas?: number };
}

interface Event {
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
}

/**
 * What keeps the namespace's workloads from running under its Pod Security level: a controller
 * that could not create a pod because the admission refused it (its "violates PodSecurity"
 * events), or fewer ready pods than asked for. Other refusals are left to the readiness count:
 * Chart v4 does not order a chart's ServiceAccounts before its Deployments as Helm does, so
 * Strimzi's operator ReplicaSet can fail a first try ("error looking up service account") and
 * then succeed once the engine has created it.
 */
export async function podSecurityProblems(api: KubeApi, namespace: string): Promise<string[]> {
  const problems: string[] = [];
  const events = await api.get<{ items: Event[] }>(`/api/v1/namespaces/${namespace}/events`);
  for (const event of events.items) {
    if (event.reason === "FailedCreate" && event.message.includes("violates PodSecurity"))
      problems.push(`${event.involvedObject.kind} ${event.involvedObject.name}: ${event.message}`);
  }
  for (const kind of ["deployments", "statefulsets"]) {
    const list = await api.get<{ items: Workload[] }>(`/apis/apps/v1/namespaces/${namespace}/${kind}`);
    for (const workload of list.items) {
      const wanted = workload.spec.replicas ?? 1;
      const ready = workload.status.readyReplicas ?? 0;
      if (ready < wanted) problems.push(`${kind} ${workload.metadata.name}: ${ready}/${wanted} pods ready`);
    }
  }
  return problems;
}

/** The namespace's Pod Security labels (`enforce`, `audit`, `warn`). */
export async function podSecurityLevels(api: KubeApi, namespace: string): Promise<Record<string, string>> {
  const ns = await api.get<{ metadata: Metadata }>(`/api/v1/namespaces/${namespace}`);
  const levels: Record<string, string> = {};
  for (const [label, value] of Object.entries(ns.metadata.labels ?? {})) {
    const mode = /^pod-security\.kubernetes\.io\/(enforce|audit|warn)$/.exec(label)?.[1];
    if (mode) levels[mode] = value;
  }
  return levels;
}

interface Service {
  metadata: Metadata;
  spec: { selector?: Record<string, string> };
}

interface EndpointSlice {
  endpoints?: { conditions?: { ready?: boolean } }[];
}

/** Services with a selector in the namespace that have no ready endpoint. */
export async function servicesWithoutEndpoints(api: KubeApi, namespace: string): Promise<string[]> {
  const services = await api.get<{ items: Service[] }>(`/api/v1/namespaces/${namespace}/services`);
  const empty: string[] = [];
  for (const service of services.items) {
    if (!service.spec.selector || Object.keys(service.spec.selector).length === 0) continue;
    const slices = await api.get<{ items: EndpointSlice[] }>(
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${service.metadata.name}`)}`,
    );
    const ready = slices.items.some((slice) =>
      (slice.endpoints ?? []).some((endpoint) => endpoint.conditions?.ready !== false),
    );
    if (!ready) empty.push(service.metadata.name);
  }
  return empty;
}

interface Pod {
  metadata: Metadata & { ownerReferences?: { kind: string; name: string }[] };
}

/** uid of each pod a workload owns (directly, as a StatefulSet does). */
export async function podsOwnedBy(api: KubeApi, namespace: string, kind: string, name: string) {
  const pods = await api.get<{ items: Pod[] }>(`/api/v1/namespaces/${namespace}/pods`);
  return pods.items
    .filter((pod) =>
      pod.metadata.ownerReferences?.some((owner) => owner.kind === kind && owner.name === name),
    )
    .map((pod) => ({ name: pod.metadata.name, uid: pod.metadata.uid ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Waits on a real condition of the cluster (a controller's work), polling; fails with the last answer. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${timeoutMs / 1000} s; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    last = await probe();
  }
  return last;
}
