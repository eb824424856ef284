import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The pinned tool manifest of the deploy path: every binary a real `pulumi up` onto a loopback
 * control plane needs, each built with Go from one small wrapper module in this folder (a go.mod
 * that requires the upstream module at an exact version, plus the replace lines that matter, and
 * its go.sum). Versions live in those go.mod files; the versions the binaries report, which
 * the npm SDKs check, live here.
 */

export const toolsManifestDir = dirname(fileURLToPath(import.meta.url));

/** What the npm SDKs in package.json ask the engine for (`@pulumi/kubernetes`, `@pulumi/random`). */
export const providerVersions = { kubernetes: "4.34.2", random: "4.21.2" } as const;

export const pulumiVersion = "3.274.1";
const kubernetesVersion = { git: "v1.36.3", major: "1", minor: "36" } as const;

/** A module the wrapper requires, at the version its go.mod pins, taken from the module cache. */
export interface ModuleFiles {
  module: string;
  /** Copy the whole module to this folder of the build folder (see kubernetes-provider/go.mod). */
  copyInto?: string;
  /** Files kept beside the binaries: [path in the module, path in the tool folder]. */
  keep?: [string, string][];
}

export interface ToolRecipe {
  /** The cache folder's name and what progress lines call it. */
  name: string;
  /** The wrapper module's folder under tools/, or the folder under `../shared/tools-src/` for sources no registry serves. */
  source: { wrapper: string } | { toolsSrc: string };
  /** For a wrapper module: sources from `../shared/tools-src/` copied beside its go.mod. */
  toolsSrcBeside?: string;
  moduleFiles?: ModuleFiles;
  /**
   * JSON files the upstream main embeds but its sources lack, made as its `go generate` would:
   * minified, the schema stamped with the provider's version. Paths within the build folder.
   */
  minifiedJson?: { from: string; to: string; version?: string }[];
  /** Package paths to build; each becomes a binary named after its last path element. */
  packages: string[];
  /** `-X` linker flags: package variable → value. */
  versionFlags: Record<string, string>;
  /** The binaries this recipe produces. */
  binaries: string[];
}

const sdkVersionFlag = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const kubernetesProviderMain = "provider/cmd/pulumi-resource-kubernetes";

/** One of kwok's own stages, kept as its config under stages/. */
function stage(path: string): [string, string] {
  return [`kustomize/stage/${path}`, `stages/${path.split("/").pop()}`];
}

/** The Pulumi engine: the CLI, the Node.js language host and the two providers the program uses. */
export const engineRecipes: ToolRecipe[] = [
  {
    name: "pulumi",
    source: { wrapper: "pulumi" },
    packages: ["github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"],
    versionFlags: { [sdkVersionFlag]: `v${pulumiVersion}` },
    binaries: ["pulumi"],
  },
  {
    name: "pulumi-language-nodejs",
    source: { wrapper: "pulumi-language-nodejs" },
    toolsSrcBeside: "pulumi-language-nodejs",
    packages: ["."],
    versionFlags: { [sdkVersionFlag]: `v${pulumiVersion}` },
    binaries: ["pulumi-language-nodejs"],
  },
  {
    name: "pulumi-resource-kubernetes",
    source: { wrapper: "kubernetes-provider" },
    moduleFiles: { module: "github.com/pulumi/pulumi-kubernetes/provider/v4", copyInto: "provider" },
    minifiedJson: [
      {
        from: `${kubernetesProviderMain}/schema.json`,
        to: `${kubernetesProviderMain}/schema-embed.json`,
        version: providerVersions.kubernetes,
      },
      {
        from: `${kubernetesProviderMain}/terraform-mapping.json`,
        to: `${kubernetesProviderMain}/terraform-mapping-embed.json`,
      },
    ],
    packages: ["github.com/pulumi/pulumi-kubernetes/provider/v4/cmd/pulumi-resource-kubernetes"],
    versionFlags: {
      "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version": providerVersions.kubernetes,
    },
    binaries: ["pulumi-resource-kubernetes"],
  },
  {
    name: "pulumi-resource-random",
    source: { toolsSrc: "pulumi-random-provider" },
    minifiedJson: [
      {
        from: "cmd/pulumi-resource-random/schema.json",
        to: "cmd/pulumi-resource-random/schema-embed.json",
        version: providerVersions.random,
      },
    ],
    packages: ["./cmd/pulumi-resource-random"],
    versionFlags: {
      "github.com/pulumi/pulumi-random/provider/v4/pkg/version.Version": providerVersions.random,
    },
    binaries: ["pulumi-resource-random"],
  },
];

/** The loopback control plane: etcd, the three Kubernetes servers, and kwok for the node. */
export const clusterRecipes: ToolRecipe[] = [
  {
    name: "etcd",
    source: { wrapper: "etcd" },
    packages: ["go.etcd.io/etcd/server/v3"],
    versionFlags: {},
    binaries: ["etcd"],
  },
  {
    name: "kubernetes",
    source: { wrapper: "kubernetes" },
    packages: [
      "k8s.io/kubernetes/cmd/kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler",
    ],
    // What /version reports; without it the servers say v0.0.0 and clients guess features from that.
    versionFlags: {
      "k8s.io/component-base/version.gitVersion": kubernetesVersion.git,
      "k8s.io/component-base/version.gitMajor": kubernetesVersion.major,
      "k8s.io/component-base/version.gitMinor": kubernetesVersion.minor,
    },
    binaries: ["kube-apiserver", "kube-controller-manager", "kube-scheduler"],
  },
  {
    name: "kwok",
    source: { wrapper: "kwok" },
    // kwok's own stages (node start and heartbeat, pod readiness, volume provisioning), kept as its config.
    moduleFiles: {
      module: "sigs.k8s.io/kwok",
      keep: [
        stage("node/fast/node-initialize.yaml"),
        stage("node/heartbeat-with-lease/node-heartbeat-with-lease.yaml"),
        stage("pod/fast/pod-ready.yaml"),
        stage("pod/fast/pod-complete.yaml"),
        stage("pod/fast/pod-delete.yaml"),
        stage("volume/fast/pvc-provision.yaml"),
        stage("volume/fast/pv-bind.yaml"),
        stage("volume/fast/pv-delete.yaml"),
        stage("volume/fast/pvc-delete.yaml"),
      ],
    },
    packages: ["sigs.k8s.io/kwok/cmd/kwok"],
    versionFlags: {},
    binaries: ["kwok"],
  },
];

export function wrapperDir(name: string): string {
  return join(toolsManifestDir, name);
}

const prometheusVersionFlag = "github.com/prometheus/common/version.Version";

/** Prometheus' and Alertmanager's own checkers, run on the rules and configuration the program renders. */
export const alertingRecipes: ToolRecipe[] = [
  {
    name: "promtool",
    source: { wrapper: "promtool" },
    packages: ["github.com/prometheus/prometheus/cmd/promtool"],
    versionFlags: { [prometheusVersionFlag]: "3.16.0" },
    binaries: ["promtool"],
  },
  {
    name: "amtool",
    source: { wrapper: "amtool" },
    packages: ["github.com/prometheus/alertmanager/cmd/amtool"],
    versionFlags: { [prometheusVersionFlag]: "0.35.0" },
    binaries: ["amtool"],
  },
];
