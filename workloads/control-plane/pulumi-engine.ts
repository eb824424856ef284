import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { projectCacheDir } from "../pinned-jars/maven.ts";
import { binary, buildTools, type ToolProgress } from "./tool-build.ts";
import { engineRecipes, providerVersions } from "./tools/manifest.ts";

const run = promisify(execFile);

/** How to run the Pulumi CLI: the command, and the environment it needs on top of the caller's. */
export interface PulumiEngine {
  command: string;
  env: Record<string, string>;
  /** Folders to put first on PATH: the CLI's and the Node.js language host's (never the providers'). */
  pathDirs: string[];
  /** "your installation (…)" or "built from the tool manifest". */
  source: string;
}

/** The whole environment of a `pulumi` command run with this engine. */
export function engineProcessEnv(
  engine: PulumiEngine,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...engine.env,
    ...extra,
    PATH: [...engine.pathDirs, process.env.PATH ?? ""].join(":"),
  };
}

async function pulumiOnPath(): Promise<string | undefined> {
  try {
    const { stdout } = await run("pulumi", ["version"]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The Pulumi engine for a real `pulumi preview`/`up`: a `pulumi` already on PATH (a user's
 * installation, which fetches its plugins as usual) is used as is; otherwise the CLI, the Node.js
 * language host and the two providers are built from the tool manifest, and the providers are
 * registered in a PULUMI_HOME of their own in the cache, off PATH (where every command would
 * warn about them), with automatic plugin downloads turned off.
 */
export async function preparePulumiEngine(
  log: ToolProgress,
  cacheDir: string = projectCacheDir(),
): Promise<PulumiEngine> {
  const installed = await pulumiOnPath();
  if (installed)
    return { command: "pulumi", env: {}, pathDirs: [], source: `your installation (${installed})` };

  const tools = await buildTools(engineRecipes, log, cacheDir);
  const pulumi = binary(tools, "pulumi");
  const providers = [
    {
      name: "kubernetes",
      version: providerVersions.kubernetes,
      path: binary(tools, "pulumi-resource-kubernetes"),
    },
    { name: "random", version: providerVersions.random, path: binary(tools, "pulumi-resource-random") },
  ];
  const homeKey = createHash("sha256")
    .update(JSON.stringify([pulumi, providers]))
    .digest("hex")
    .slice(0, 16);
  const home = join(cacheDir, "tools", `pulumi-home-${homeKey}`);
  const engine: PulumiEngine = {
    command: pulumi,
    env: {
      PULUMI_HOME: home,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    },
    pathDirs: [dirname(pulumi), dirname(binary(tools, "pulumi-language-nodejs"))],
    source: "built from the tool manifest",
  };
  if (!existsSync(join(home, ".registered"))) {
    mkdirSync(home, { recursive: true });
    for (const provider of providers) {
      log(`tools: registering the ${provider.name} provider ${provider.version} in ${home}`);
      await run(
        pulumi,
        ["plugin", "install", "resource", provider.name, provider.version, "-f", provider.path],
        {
          env: engineProcessEnv(engine),
        },
      );
    }
    writeFileSync(join(home, ".registered"), `${new Date().toISOString()}\n`);
  }
  return engine;
}
