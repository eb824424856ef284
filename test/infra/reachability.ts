/**
 * Evaluates Kubernetes NetworkPolicies the way the API defines them, to compute who can reach
 * whom: a connection is allowed when the source's egress and the destination's ingress both
 * allow it (a direction no policy selects a pod for is open).
 */
import type { KubernetesObject } from "./harness.ts";

export type Endpoint =
  | { kind: "pod"; name: string; namespace: string; labels: Record<string, string> }
  | { kind: "address"; name: string };

export interface Probe {
  port: number;
  protocol: "TCP" | "UDP";
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string };
}
interface PolicyPort {
  port?: number | string;
  endPort?: number;
  protocol?: string;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector: Selector;
  policyTypes?: ("Ingress" | "Egress")[];
  ingress?: Rule[];
  egress?: Rule[];
}

function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
  if (selector?.matchExpressions?.length) throw new Error("matchExpressions: not evaluated by this test");
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) return other.kind === "address";
  if (other.kind !== "pod") return false;
  const namespaceMatches = peer.namespaceSelector
    ? selects(peer.namespaceSelector, { "kubernetes.io/metadata.name": other.namespace })
    : other.namespace === policyNamespace;
  return namespaceMatches && selects(peer.podSelector, other.labels);
}

function portMatches(ports: PolicyPort[] | undefined, probe: Probe): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((port) => {
    if ((port.protocol ?? "TCP") !== probe.protocol) return false;
    if (port.port === undefined) return true;
    if (typeof port.port === "string") throw new Error("named ports: not evaluated by this test");
    return probe.port >= port.port && probe.port <= (port.endPort ?? port.port);
  });
}

function allowedInDirection(
  policies: KubernetesObject[],
  subject: Endpoint,
  other: Endpoint,
  probe: Probe,
  direction: "Ingress" | "Egress",
): boolean {
  if (subject.kind !== "pod") return true;
  const selecting = policies.filter((policy) => {
    const spec = policy.spec as unknown as PolicySpec;
    return (
      policy.metadata.namespace === subject.namespace &&
      selects(spec.podSelector, subject.labels) &&
      (spec.policyTypes ?? ["Ingress"]).includes(direction)
    );
  });
  if (selecting.length === 0) return true;
  return selecting.some((policy) => {
    const spec = policy.spec as unknown as PolicySpec;
    const rules = (direction === "Ingress" ? spec.ingress : spec.egress) ?? [];
    return rules.some((rule) => {
      const peers = direction === "Ingress" ? rule.from : rule.to;
      const peerOk =
        !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, subject.namespace, other));
      return peerOk && portMatches(rule.ports, probe);
    });
  });
}

/**
 * Every `source -> destination:port/protocol` the policies allow, over the given endpoints and
 * probes, for the connections that start or end in `namespace`.
 */
export function reachability(
  policies: KubernetesObject[],
  namespace: string,
  endpoints: Endpoint[],
  probes: Probe[],
): Set<string> {
  const inScope = (endpoint: Endpoint) => endpoint.kind === "pod" && endpoint.namespace === namespace;
  const allowed = new Set<string>();
  for (const source of endpoints) {
    for (const destination of endpoints) {
      if (!inScope(source) && !inScope(destination)) continue;
      for (const probe of probes) {
        if (
          allowedInDirection(policies, source, destination, probe, "Egress") &&
          allowedInDirection(policies, destination, source, probe, "Ingress")
        ) {
          allowed.add(`${source.name} -> ${destination.name}:${probe.port}/${probe.protocol}`);
        }
      }
    }
  }
  return allowed;
}
