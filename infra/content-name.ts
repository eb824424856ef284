import { createHash } from "node:crypto";

/**
 * A ConfigMap name that changes with its contents. The provider replaces a ConfigMap whose data
 * changes; under a fixed name it must delete it first, and the engine then replaces, not updates,
 * every workload that mounts it (all its pods deleted at once). A new name per contents makes the
 * change a rolling update of those pods onto the new ConfigMap, the old one deleted only after
 * they have rolled.
 */
export function nameByContents(prefix: string, data: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const [key, value] of Object.entries(data)) hash.update(`${key}\0${value}\0`);
  return `${prefix}-${hash.digest("hex").slice(0, 10)}`;
}
