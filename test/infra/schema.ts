/**
 * Offline validation of Kubernetes objects: the official OpenAPI schema of Kubernetes 1.36
 * (kubernetes-models 5.x), the prometheus-operator CRDs (@kubernetes-models/prometheus-operator),
 * and for Strimzi's CRs, which no registry package models, the fields Strimzi requires.
 */
import type { KubernetesObject } from "./harness.ts";

interface Model {
  new (data: unknown): { validate(): void };
}

async function modelFor(apiVersion: string, kind: string): Promise<Model | undefined> {
  const module = apiVersion.startsWith("monitoring.coreos.com/")
    ? await import(/* @vite-ignore */ `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`)
    : await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}/${kind}`);
  return (module as Record<string, Model>)[kind];
}

function strimziProblems(object: KubernetesObject): string[] {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const require = (condition: boolean, what: string) => {
    if (!condition) problems.push(`${object.kind}/${object.metadata.name}: ${what}`);
  };
  require(object.apiVersion === "kafka.strimzi.io/v1", "apiVersion must be kafka.strimzi.io/v1");
  if (object.kind !== "Kafka")
    require(typeof object.metadata.labels?.["strimzi.io/cluster"] ===
      "string", "needs the strimzi.io/cluster label");
  switch (object.kind) {
    case "Kafka": {
      const kafka = spec.kafka as {
        listeners?: { name: string; port: number; type: string; tls: boolean }[];
      };
      require((kafka?.listeners?.length ?? 0) > 0, "spec.kafka.listeners must not be empty");
      for (const listener of kafka?.listeners ?? []) {
        require(/^[a-z0-9]{1,11}$/.test(
          listener.name,
        ), `listener name ${listener.name} must be 1-11 lower-case letters or digits`);
        require(Number.isInteger(listener.port) &&
          listener.port >= 9092, `listener port ${listener.port} must be ≥ 9092`);
        require(["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"].includes(
          listener.type,
        ), "listener type");
        require(typeof listener.tls === "boolean", "listener tls must be a boolean");
      }
      require(!("replicas" in (spec.kafka as object)) &&
        !("zookeeper" in spec), "v1 has no spec.kafka.replicas or zookeeper");
      break;
    }
    case "KafkaNodePool":
      require(Number.isInteger(spec.replicas), "spec.replicas must be an integer");
      require(Array.isArray(spec.roles) && spec.roles.length > 0, "spec.roles must not be empty");
      require(typeof (spec.storage as { type?: string })?.type === "string", "spec.storage.type is required");
      break;
    case "KafkaTopic":
      require(Number.isInteger(spec.partitions) &&
        (spec.partitions as number) > 0, "spec.partitions must be positive");
      require(Number.isInteger(spec.replicas) &&
        (spec.replicas as number) > 0, "spec.replicas must be positive");
      break;
    case "KafkaUser": {
      const authentication = spec.authentication as { type?: string } | undefined;
      require(["tls", "tls-external", "scram-sha-512"].includes(
        authentication?.type ?? "",
      ), "spec.authentication.type");
      const acls =
        (spec.authorization as { acls?: { resource: { type: string }; operations: string[] }[] })?.acls ?? [];
      for (const acl of acls) {
        require(["topic", "group", "cluster", "transactionalId"].includes(
          acl.resource.type,
        ), "acl resource type");
        require(acl.operations.length > 0, "acl operations must not be empty");
      }
      break;
    }
    default:
      problems.push(`${object.kind}: unknown Strimzi kind`);
  }
  return problems;
}

/** The reasons an object is invalid; empty when it validates. */
export async function schemaProblems(object: KubernetesObject): Promise<string[]> {
  if (object.apiVersion.startsWith("kafka.strimzi.io/")) return strimziProblems(object);
  const model = await modelFor(object.apiVersion, object.kind);
  if (!model) return [`${object.apiVersion} ${object.kind}: no schema`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [`${object.kind}/${object.metadata.name}: ${(error as Error).message}`];
  }
}
