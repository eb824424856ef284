import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { nodeShape, storageClassName } from "../../workloads/control-plane/control-plane.ts";
import { KubeApi, KubeApiError } from "../../workloads/control-plane/kube-api.ts";
import { eventually } from "./cluster-state.ts";

const api = new KubeApi(inject("kubeApi"));

interface Node {
  status: { allocatable: Record<string, string>; conditions: { type: string; status: string }[] };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the loopback control plane", () => {
  it("has one Ready node sized like a small real machine", async () => {
    const node = await api.get<Node>(`/api/v1/nodes/${nodeShape.name}`);
    expect(node.status.allocatable).toMatchObject({ cpu: nodeShape.cpu, memory: nodeShape.memory });
    expect(node.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
  });

  it("enforces Pod Security: a restricted namespace refuses a privileged pod", async () => {
    await api.create("/api/v1/namespaces", {
      metadata: {
        name: "pod-security-check",
        labels: { "pod-security.kubernetes.io/enforce": "restricted" },
      },
    });
    const privileged = {
      metadata: { name: "privileged" },
      spec: {
        containers: [{ name: "c", image: "registry.invalid/c:1", securityContext: { privileged: true } }],
      },
    };
    const refusal = await api
      .create("/api/v1/namespaces/pod-security-check/pods", privileged)
      .catch((e) => e);
    expect(refusal).toBeInstanceOf(KubeApiError);
    expect((refusal as KubeApiError).status).toBe(403);
    expect((refusal as KubeApiError).message).toMatch(/violates PodSecurity "restricted/);
  });

  it("binds a claim of the default StorageClass to a provisioned volume", async () => {
    await api.create("/api/v1/namespaces", { metadata: { name: "storage-check" } });
    await api.create("/api/v1/namespaces/storage-check/persistentvolumeclaims", {
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    const claim = await eventually(
      "claim bound",
      () =>
        api.get<{ spec: { storageClassName?: string }; status: { phase?: string } }>(
          "/api/v1/namespaces/storage-check/persistentvolumeclaims/data",
        ),
      (c) => c.status.phase === "Bound",
    );
    expect(claim.spec.storageClassName).toBe(storageClassName);
  });

  it("leaves no server running when its owner is killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(inject("clusterRunDir"), "killed-owner-"));
    const owner = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "fixtures", "etcd-owner.ts"),
        inject("clusterTools").etcd ?? "",
        dir,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pgid = await new Promise<number>((resolve, reject) => {
      owner.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      owner.once("exit", (code) => reject(new Error(`the owner exited (${code}) before etcd was up`)));
    });
    expect(groupAlive(pgid)).toBe(true);
    owner.kill("SIGKILL");
    await eventually(
      "etcd and its watchdog gone",
      async () => groupAlive(pgid),
      (alive) => !alive,
      30_000,
    );
  });
});
