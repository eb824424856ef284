import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startControlPlane } from "../../workloads/control-plane/control-plane.ts";
import { preparePulumiEngine } from "../../workloads/control-plane/pulumi-engine.ts";
import { buildTools } from "../../workloads/control-plane/tool-build.ts";
import { clusterRecipes } from "../../workloads/control-plane/tools/manifest.ts";
import { projectRoot, testStackPrefix } from "./pulumi-stack.ts";
import "./provided-context.ts";

/** A killed earlier run can leave its stacks' config files in the project; they would seed this run's stacks. */
function removeLeftoverStackConfigs(): void {
  for (const name of readdirSync(projectRoot)) {
    if (name.startsWith(`Pulumi.${testStackPrefix}`) && name.endsWith(".yaml"))
      rmSync(join(projectRoot, name));
  }
}

/** One loopback control plane and one Pulumi engine for the whole cluster run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[cluster] ${line}`);
  const started = Date.now();
  const tools = await buildTools(clusterRecipes, log);
  const engine = await preparePulumiEngine(log);
  log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Pulumi engine: ${engine.source}`);
  removeLeftoverStackConfigs();
  const cluster = await startControlPlane({ tools, onProgress: log });
  log(`control plane up in ${((Date.now() - started) / 1000).toFixed(1)} s since the start of the setup`);
  project.provide("kubeconfig", cluster.kubeconfig);
  project.provide("kubeApi", cluster.api.access);
  project.provide("pulumiEngine", engine);
  project.provide("clusterRunDir", cluster.runDir);
  project.provide("clusterTools", tools.bin);
  return () => cluster.stop();
}
