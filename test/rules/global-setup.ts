import type { TestProject } from "vitest/node";
import { buildTools } from "../../workloads/control-plane/tool-build.ts";
import { alertingRecipes } from "../../workloads/control-plane/tools/manifest.ts";
import "./provided-context.ts";

/** Builds promtool and amtool once (cached by the manifest's recipe keys) for the whole run. */
export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const tools = await buildTools(alertingRecipes, (line) => console.log(`[rules] ${line}`));
  console.log(`[rules] tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("alertingTools", tools.bin);
}
