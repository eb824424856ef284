import type { KubeApiAccess } from "./kube-api.ts";

function base64(pem: string): string {
  return Buffer.from(pem, "utf8").toString("base64");
}

/**
 * A kubeconfig with everything embedded (no paths to keep in step), as JSON: JSON is YAML, so
 * kubectl, client-go and the Pulumi Kubernetes provider all read it.
 */
export function kubeconfigFor(name: string, access: KubeApiAccess): string {
  return `${JSON.stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        { name, cluster: { server: access.server, "certificate-authority-data": base64(access.ca) } },
      ],
      users: [
        {
          name: `${name}-admin`,
          user: { "client-certificate-data": base64(access.cert), "client-key-data": base64(access.key) },
        },
      ],
      contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
      "current-context": name,
    },
    null,
    2,
  )}\n`;
}
