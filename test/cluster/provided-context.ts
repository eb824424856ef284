import type { KubeApiAccess } from "../../workloads/control-plane/kube-api.ts";
import type { PulumiEngine } from "../../workloads/control-plane/pulumi-engine.ts";

// What the cluster global setup hands to every cluster test through `inject()`.
declare module "vitest" {
  export interface ProvidedContext {
    /** The admin kubeconfig of the run's loopback control plane. */
    kubeconfig: string;
    /** The same control plane for direct API calls. */
    kubeApi: KubeApiAccess;
    /** How to run `pulumi` (built from the tool manifest, or the user's). */
    pulumiEngine: PulumiEngine;
    /** The run folder: the control plane's files and the Pulumi state backend. */
    clusterRunDir: string;
    /** Binary name → path of the control plane's tools (for tests of the servers themselves). */
    clusterTools: Record<string, string>;
  }
}
