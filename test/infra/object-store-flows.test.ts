import { describe, expect, it } from "vitest";
import { objectStoreReach, pipelineFlows } from "../../infra/network-policies.ts";

const s3 = {
  endpoint: "http://seaweedfs-s3.storage.svc:8333",
  region: "us-east-1",
  pathStyleAccess: true,
  credentials: "secret" as const,
  credentialsSecret: "lake-s3-credentials",
  storeNamespace: "storage",
  port: 8333,
};
const lake = {
  kind: "objectStore" as const,
  lakeUri: "s3a://lake/events",
  checkpointUri: "s3a://lake/checkpoints",
};

/** Who may reach the lake's store, as "from -> to:port". */
function storeFlows(objectStore: ReturnType<typeof objectStoreReach>): string[] {
  return pipelineFlows({
    namespace: "logs",
    kafka: { mode: "strimzi" },
    objectStore,
    monitoringNamespace: undefined,
    kubernetesApiCidrs: ["10.96.0.1/32"],
  })
    .filter((flow) => flow.to.name === "object-store" || flow.to.name === "outside")
    .map((flow) => `${flow.from.name} -> ${flow.to.name}:${flow.ports.map((range) => range.port).join(",")}`);
}

describe("the object store in the network policies", () => {
  it("lets only the Spark driver and workers reach an in-cluster store, in its namespace, on its port", () => {
    const reach = objectStoreReach({ ...lake, s3 });
    expect(reach).toEqual({ port: 8333, namespace: "storage" });
    expect(storeFlows(reach)).toEqual([
      "spark-connect -> object-store:8333",
      "spark-worker -> object-store:8333",
    ]);
    const [flow] = pipelineFlows({
      namespace: "logs",
      kafka: { mode: "strimzi" },
      objectStore: reach,
      monitoringNamespace: undefined,
      kubernetesApiCidrs: ["10.96.0.1/32"],
    }).filter((candidate) => candidate.to.name === "object-store");
    expect(flow?.to).toMatchObject({ kind: "namespace", namespace: "storage" });
  });

  it("sends Spark to AWS S3 outside the cluster on 443, and nothing to a store when the lake is a volume", () => {
    expect(objectStoreReach({ ...lake, s3: { ...s3, endpoint: "", storeNamespace: "", port: 443 } })).toEqual(
      {
        port: 443,
      },
    );
    expect(
      objectStoreReach({ kind: "volume", size: "5Gi", storageClass: "", accessMode: "ReadWriteOnce" }),
    ).toBeUndefined();
    expect(storeFlows({ port: 443 })).toEqual([
      "spark-connect -> outside:443",
      "spark-worker -> outside:443",
    ]);
    expect(storeFlows(undefined)).toEqual([]);
  });
});
