import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The hardening every container the program declares gets: non-root, read-only root filesystem,
 * no privilege escalation, no capabilities, the runtime's default seccomp profile (the Pod
 * Security `restricted` profile, and then some).
 */
export function hardenedContainerSecurity(uid: number): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function hardenedPodSecurity(uid: number): k8s.types.input.core.v1.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** A writable scratch directory for a read-only root filesystem, capped so it cannot fill the node. */
export function scratchVolume(name: string, sizeLimit = "256Mi"): k8s.types.input.core.v1.Volume {
  return { name, emptyDir: { sizeLimit } };
}

export function resources(
  cpuRequest: string,
  memory: string,
  cpuLimit: string = cpuRequest,
): k8s.types.input.core.v1.ResourceRequirements {
  return { requests: { cpu: cpuRequest, memory }, limits: { cpu: cpuLimit, memory } };
}

/** The user the official apache/spark image runs as. */
export const sparkUid = 185;
/** The `node` user of the official Node images. */
export const nodeUid = 1000;

export interface PodSpecArgs {
  uid: number;
  serviceAccountName: pulumi.Input<string>;
  containers: k8s.types.input.core.v1.Container[];
  volumes: k8s.types.input.core.v1.Volume[];
  imagePullSecrets: pulumi.Input<string>[];
  terminationGracePeriodSeconds?: number;
}

/** A pod spec with the hardening above, no API token and no service-link variables. */
export function hardenedPodSpec(args: PodSpecArgs): k8s.types.input.core.v1.PodSpec {
  return {
    serviceAccountName: args.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: hardenedPodSecurity(args.uid),
    containers: args.containers,
    volumes: args.volumes,
    ...(args.imagePullSecrets.length > 0 && {
      imagePullSecrets: args.imagePullSecrets.map((name) => ({ name })),
    }),
    ...(args.terminationGracePeriodSeconds !== undefined && {
      terminationGracePeriodSeconds: args.terminationGracePeriodSeconds,
    }),
  };
}
