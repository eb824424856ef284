import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { freeLoopbackPort } from "../local-servers/ports.ts";
import { newRunDir } from "../local-servers/run-dir.ts";
import { ServerProcess, waitUntilReady } from "../local-servers/server-process.ts";
import { makeControlPlaneCertificates } from "./certificates.ts";
import { KubeApi, type KubeApiAccess } from "./kube-api.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { type BuiltTools, binary } from "./tool-build.ts";

/** The one node kwok keeps alive: sized like a small real machine, so requests and limits matter. */
export const nodeShape = { name: "kwok-node-0", cpu: "4", memory: "16Gi", pods: "110" } as const;

/** kwok's volume stages provision PersistentVolumes for claims of exactly this class. */
export const storageClassName = "kwok-volume";

const serviceCidr = "10.96.0.0/16";
/** The first address of the service range: the `kubernetes` Service, named in the serving certificate. */
const serviceClusterIp = "10.96.0.1";
const podCidr = "10.244.0.0/16";

const startTimeoutMs = 180_000;

export interface ControlPlaneOptions {
  tools: BuiltTools;
  /** Where this run keeps certificates, etcd's data, logs and the kubeconfig; a new `.runtime/` folder by default. */
  runDir?: string;
  onProgress?: (line: string) => void;
}

export interface ControlPlane {
  /** The admin kubeconfig of this control plane (a file in the run folder). */
  kubeconfig: string;
  /** The API server's URL, https://127.0.0.1:port. */
  server: string;
  api: KubeApi;
  runDir: string;
  servers: ServerProcess[];
  /** Stops every server, last started first, and waits until each is gone. */
  stop(): Promise<void>;
}

async function healthy(access: KubeApiAccess, path: string): Promise<boolean> {
  const answer = await new KubeApi(access).raw("GET", path);
  return answer.status === 200;
}

async function etcdHealthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/health`);
  const body = (await response.json()) as { health?: string };
  return response.ok && body.health === "true";
}

interface NodeCondition {
  type: string;
  status: string;
}

/**
 * Starts a real Kubernetes control plane on free loopback ports: etcd, kube-apiserver (Pod
 * Security admission on), kube-controller-manager, kube-scheduler, and kwok keeping one node
 * alive, turning scheduled pods Ready and provisioning volumes for the default StorageClass.
 * Resolves once the API server answers /readyz and the node is Ready.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { tools, onProgress = () => {} } = options;
  const runDir = resolve(options.runDir ?? newRunDir("cluster"));
  const pki = join(runDir, "pki");
  for (const dir of [runDir, pki, join(runDir, "etcd"), join(runDir, "logs")])
    mkdirSync(dir, { recursive: true });
  const file = (name: string, content: string) => {
    const path = join(pki, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };

  const certs = makeControlPlaneCertificates(serviceClusterIp);
  const caFile = file("ca.crt", certs.ca.cert);
  const servingCert = file("apiserver.crt", certs.apiServer.cert);
  const servingKey = file("apiserver.key", certs.apiServer.key);
  const saPublic = file("sa.pub", certs.serviceAccount.publicKey);
  const saPrivate = file("sa.key", certs.serviceAccount.privateKey);

  const [etcdClient, etcdPeer, apiPort, controllerPort, schedulerPort, kwokPort] = await Promise.all(
    Array.from({ length: 6 }, () => freeLoopbackPort()),
  );
  const server = `https://127.0.0.1:${apiPort}`;
  const access: KubeApiAccess = { server, ca: certs.ca.cert, cert: certs.admin.cert, key: certs.admin.key };
  const kubeconfig = join(runDir, "admin.kubeconfig");
  writeFileSync(kubeconfig, kubeconfigFor("log-pipeline-loopback", access), { mode: 0o600 });
  const api = new KubeApi(access);

  const servers: ServerProcess[] = [];
  const stop = async () => {
    for (const started of [...servers].reverse()) await started.stop();
  };
  const start = (name: string, args: string[]) => {
    const started = ServerProcess.start({
      name,
      command: binary(tools, name),
      args,
      logFile: join(runDir, "logs", `${name}.log`),
    });
    servers.push(started);
    return started;
  };

  try {
    onProgress(
      `control plane: starting etcd, kube-apiserver, controller manager, scheduler and kwok in ${runDir}`,
    );
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const etcd = start("etcd", [
      "--name=default",
      `--data-dir=${join(runDir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      // A throwaway cluster on a shared disk: durability of each write buys nothing here.
      "--unsafe-no-fsync",
      "--log-level=warn",
    ]);
    await waitUntilReady(etcd, () => etcdHealthy(etcdUrl), startTimeoutMs);

    const apiServer = start("kube-apiserver", [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${pki}`,
      `--tls-cert-file=${servingCert}`,
      `--tls-private-key-file=${servingKey}`,
      `--client-ca-file=${caFile}`,
      `--service-account-key-file=${saPublic}`,
      `--service-account-signing-key-file=${saPrivate}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-cluster-ip-range=${serviceCidr}`,
      "--authorization-mode=RBAC",
      // On by default too; named so the namespace's `restricted` labels are sure to be enforced.
      "--enable-admission-plugins=PodSecurity,DefaultStorageClass",
      "--allow-privileged=true",
      "--profiling=false",
    ]);
    await waitUntilReady(apiServer, () => healthy(access, "/readyz"), startTimeoutMs);

    const clientFlags = [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      "--bind-address=127.0.0.1",
      `--tls-cert-file=${servingCert}`,
      `--tls-private-key-file=${servingKey}`,
      "--leader-elect=false",
    ];
    const controllerManager = start("kube-controller-manager", [
      ...clientFlags,
      `--secure-port=${controllerPort}`,
      `--service-account-private-key-file=${saPrivate}`,
      `--root-ca-file=${caFile}`,
      `--service-cluster-ip-range=${serviceCidr}`,
      // Every default controller: garbage collector, ReplicaSet/Deployment/StatefulSet, HPA,
      // PV binder, namespace deletion, endpoints, service accounts.
      "--controllers=*",
    ]);
    const scheduler = start("kube-scheduler", [...clientFlags, `--secure-port=${schedulerPort}`]);
    await Promise.all([
      waitUntilReady(
        controllerManager,
        () => healthy({ ...access, server: `https://127.0.0.1:${controllerPort}` }, "/healthz"),
        startTimeoutMs,
      ),
      waitUntilReady(
        scheduler,
        () => healthy({ ...access, server: `https://127.0.0.1:${schedulerPort}` }, "/healthz"),
        startTimeoutMs,
      ),
    ]);

    await api.create("/apis/storage.k8s.io/v1/storageclasses", {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: {
        name: storageClassName,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: "kwok.x-k8s.io/volume",
      reclaimPolicy: "Delete",
      volumeBindingMode: "Immediate",
    });
    await api.create("/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: nodeShape.name,
        annotations: { "kwok.x-k8s.io/node": "fake" },
        labels: {
          "kubernetes.io/hostname": nodeShape.name,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          type: "kwok",
        },
      },
      status: {
        capacity: { cpu: nodeShape.cpu, memory: nodeShape.memory, pods: nodeShape.pods },
        allocatable: { cpu: nodeShape.cpu, memory: nodeShape.memory, pods: nodeShape.pods },
      },
    });

    const stagesDir = join(tools.dir.kwok ?? "", "stages");
    const kwokConfig = join(runDir, "kwok.yaml");
    writeFileSync(
      kwokConfig,
      readdirSync(stagesDir)
        .sort()
        .map((stage) => readFileSync(join(stagesDir, stage), "utf8"))
        .join("\n---\n"),
    );
    const kwok = start("kwok", [
      `--kubeconfig=${kubeconfig}`,
      `--config=${kwokConfig}`,
      `--manage-single-node=${nodeShape.name}`,
      `--cidr=${podCidr}`,
      "--node-lease-duration-seconds=40",
      `--server-address=127.0.0.1:${kwokPort}`,
    ]);
    await waitUntilReady(
      kwok,
      async () => {
        const node = await api.get<{ status?: { conditions?: NodeCondition[] } }>(
          `/api/v1/nodes/${nodeShape.name}`,
        );
        return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      },
      startTimeoutMs,
    );
    onProgress(`control plane: ready at ${server}, node ${nodeShape.name} Ready`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { kubeconfig, server, api, runDir, servers, stop };
}
