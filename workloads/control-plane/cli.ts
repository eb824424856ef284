/**
 * The loopback control plane from the command line ("try it without a cloud"):
 *   start  a real Kubernetes control plane on loopback until Ctrl-C, printing the KUBECONFIG to use
 *   tools  build the pinned tools once (the control plane's servers, and the Pulumi engine when no
 *          `pulumi` is on PATH), with progress; a second run does nothing
 */
import { Command } from "commander";
import { untilSignal } from "../command-line/signals.ts";
import { startControlPlane } from "./control-plane.ts";
import { type PulumiEngine, preparePulumiEngine } from "./pulumi-engine.ts";
import { buildTools } from "./tool-build.ts";
import { clusterRecipes } from "./tools/manifest.ts";

function printLine(line: string): void {
  process.stderr.write(`cluster: ${line}\n`);
}

/** What a user's shell needs to run this engine's `pulumi` against the control plane. */
function shellExports(engine: PulumiEngine): string[] {
  const path = engine.pathDirs.length ? [`export PATH='${engine.pathDirs.join(":")}':"$PATH"`] : [];
  return [...path, ...Object.entries(engine.env).map(([name, value]) => `export ${name}='${value}'`)];
}

const program = new Command("cluster")
  .description("A real Kubernetes control plane on loopback (etcd, kube-apiserver, controllers, kwok nodes).")
  .showHelpAfterError();

program
  .command("tools")
  .description("build the pinned control plane and Pulumi engine tools into the cache (no-op once done)")
  .option("--no-engine", "build only the control plane's servers")
  .action(async (options: { engine: boolean }) => {
    const started = Date.now();
    const tools = await buildTools(clusterRecipes, printLine);
    printLine(`control plane tools: ${Object.values(tools.dir).join(", ")}`);
    if (options.engine) {
      const engine = await preparePulumiEngine(printLine);
      printLine(`Pulumi engine: ${engine.source}: ${engine.command}`);
    }
    printLine(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

program
  .command("start", { isDefault: true })
  .description("start the control plane and keep it up until Ctrl-C")
  .option(
    "--run-dir <dir>",
    "where the run keeps certificates, data and logs (default: a new folder under .runtime/)",
  )
  .option("--no-engine", "do not prepare the Pulumi engine (use the control plane with kubectl only)")
  .action(async (options: { runDir?: string; engine: boolean }) => {
    const tools = await buildTools(clusterRecipes, printLine);
    const engine = options.engine ? await preparePulumiEngine(printLine) : undefined;
    const cluster = await startControlPlane({
      tools,
      onProgress: printLine,
      ...(options.runDir ? { runDir: options.runDir } : {}),
    });
    const lines = [`export KUBECONFIG='${cluster.kubeconfig}'`, ...(engine ? shellExports(engine) : [])];
    printLine("ready. In another shell:");
    process.stdout.write(`${lines.join("\n")}\n`);
    printLine(`certificates, etcd data and logs: ${cluster.runDir}`);
    printLine("press Ctrl-C to stop");
    await untilSignal();
    printLine("stopping…");
    await cluster.stop();
    printLine("stopped");
  });

program.parseAsync().catch((error: unknown) => {
  printLine(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
