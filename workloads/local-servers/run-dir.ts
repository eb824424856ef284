import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A new folder for one run's data and logs under the project's `.runtime/`, named by kind, time and pid. */
export function newRunDir(kind: string): string {
  const stamp = new Date()
    .toISOString()
    .replaceAll(":", "-")
    .replace(/\.\d+Z$/, "Z");
  return join(projectRoot, ".runtime", `${kind}-${stamp}-${process.pid}`);
}
