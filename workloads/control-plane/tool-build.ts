import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { projectCacheDir } from "../pinned-jars/maven.ts";
import { type ToolRecipe, wrapperDir } from "./tools/manifest.ts";

const run = promisify(execFile);

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Sources of the two binaries no registry serves (the Node.js language host and the random
 * provider): a `shared/tools-src` folder laid beside the checkout, as CI does.
 */
export const toolsSrcDir = resolve(projectRoot, "..", "shared", "tools-src");

export interface BuiltTools {
  /** Binary name → absolute path. */
  bin: Record<string, string>;
  /** Recipe name → its folder (with the files kept beside the binaries, such as kwok's stages). */
  dir: Record<string, string>;
}

export type ToolProgress = (line: string) => void;

/** Thrown when a tool cannot be built here; the message says what to install or lay out. */
export class ToolBuildError extends Error {
  override readonly name = "ToolBuildError";
}

async function goVersion(): Promise<string> {
  try {
    const { stdout } = await run("go", ["version"]);
    return stdout.trim();
  } catch {
    throw new ToolBuildError(
      "the control plane's tools build with Go, and `go` is not on PATH: install Go 1.26 or newer (https://go.dev/dl/)",
    );
  }
}

function sourceDir(recipe: ToolRecipe): string {
  return "wrapper" in recipe.source ? wrapperDir(recipe.source.wrapper) : toolsSrc(recipe.source.toolsSrc);
}

function toolsSrc(folder: string): string {
  const dir = join(toolsSrcDir, folder);
  if (!existsSync(dir))
    throw new ToolBuildError(
      `${folder} is built from ${dir}, which is not there. CI lays the sources of the binaries no ` +
        "registry serves in shared/tools-src beside the checkout; on your own machine, install the " +
        "Pulumi CLI instead (https://www.pulumi.com/docs/install/): a `pulumi` on PATH is used as is.",
    );
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort();
}

/** What a tool's binaries depend on: its recipe, every file of its sources, and the Go toolchain. */
function recipeKey(recipe: ToolRecipe, go: string): string {
  const hash = createHash("sha256").update(JSON.stringify(recipe)).update(go);
  const dirs = [sourceDir(recipe), ...(recipe.toolsSrcBeside ? [toolsSrc(recipe.toolsSrcBeside)] : [])];
  for (const dir of dirs) {
    // A wrapper folder holds only go.mod and go.sum; the manifest's own .ts is in the recipe.
    for (const file of filesUnder(dir).filter((name) => !name.endsWith(".ts"))) {
      hash.update(file).update(readFileSync(join(dir, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** The version of `module` that a wrapper's go.mod requires. */
function requiredVersion(goMod: string, module: string): string {
  const escaped = module.replaceAll(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, "m").exec(goMod);
  if (!match?.[1]) throw new ToolBuildError(`the wrapper go.mod requires no version of ${module}`);
  return match[1];
}

async function moduleDir(module: string, version: string, cwd: string): Promise<string> {
  const { stdout } = await run("go", ["mod", "download", "-json", `${module}@${version}`], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new ToolBuildError(`go mod download ${module}@${version} gave no folder`);
  return dir;
}

/** Runs `go build -v`, counting the packages it compiles for progress; its output goes in errors. */
function goBuild(args: string[], cwd: string, onPackages: (count: number) => void): Promise<void> {
  const output: string[] = [];
  let compiled = 0;
  return new Promise((resolvePromise, reject) => {
    const child = spawn("go", ["build", "-v", ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      // -mod=readonly: the go.sum of the manifest is the whole truth; nothing is resolved anew.
      env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ""} -mod=readonly`.trim() },
    });
    let pending = "";
    child.stderr.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        output.push(line);
        if (output.length > 60) output.shift();
        if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line)) onPackages(++compiled);
      }
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolvePromise();
      reject(new ToolBuildError(`go build ${args.at(-1)} failed (exit ${code}):\n${output.join("\n")}`));
    });
  });
}

function minutes(ms: number): string {
  return `${(ms / 60_000).toFixed(1)} min`;
}

async function buildRecipe(recipe: ToolRecipe, workDir: string, outDir: string, log: ToolProgress) {
  const source = sourceDir(recipe);
  if ("wrapper" in recipe.source) {
    for (const file of ["go.mod", "go.sum"]) cpSync(join(source, file), join(workDir, file));
  } else {
    cpSync(source, workDir, { recursive: true });
    // The sources may be read-only (CI lays them out so); the copy must be removable.
    makeWritable(workDir);
  }
  if (recipe.toolsSrcBeside) {
    const beside = toolsSrc(recipe.toolsSrcBeside);
    for (const file of readdirSync(beside).filter((name) => name.endsWith(".go")))
      cpSync(join(beside, file), join(workDir, file));
  }
  if (recipe.moduleFiles) {
    const { module, copyInto, keep = [] } = recipe.moduleFiles;
    const version = requiredVersion(readFileSync(join(workDir, "go.mod"), "utf8"), module);
    log(`tools: ${recipe.name}: fetching ${module}@${version}`);
    const dir = await moduleDir(module, version, workDir);
    if (copyInto) {
      cpSync(dir, join(workDir, copyInto), { recursive: true });
      makeWritable(join(workDir, copyInto));
    }
    for (const [from, to] of keep) {
      mkdirSync(dirname(join(outDir, to)), { recursive: true });
      cpSync(join(dir, from), join(outDir, to));
    }
  }
  for (const { from, to, version } of recipe.minifiedJson ?? []) {
    const json = JSON.parse(readFileSync(join(workDir, from), "utf8")) as Record<string, unknown>;
    writeFileSync(join(workDir, to), JSON.stringify(version ? { ...json, version } : json));
  }
  const ldflags = [
    "-s",
    "-w",
    ...Object.entries(recipe.versionFlags).map(([name, value]) => `-X ${name}=${value}`),
  ].join(" ");
  const [only] = recipe.binaries;
  const output = recipe.packages.length === 1 && only ? join(outDir, only) : `${outDir}/`;
  const started = Date.now();
  let lastReport = started;
  await goBuild(
    // One package: name its binary (Go would call go.etcd.io/etcd/server/v3 "server"); several: Go names each.
    ["-trimpath", "-ldflags", ldflags, "-o", output, ...recipe.packages],
    workDir,
    (compiled) => {
      if (Date.now() - lastReport < 30_000) return;
      lastReport = Date.now();
      log(`tools: ${recipe.name}: ${compiled} packages compiled (${minutes(Date.now() - started)})`);
    },
  );
}

/** Module cache files are read-only; a copy we write the embed files into must not be. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

/**
 * Builds each recipe's binaries once into `<cache>/tools/<name>-<key>/`, the key hashing
 * everything they depend on, so a second run does no work. Progress goes to `log`.
 */
export async function buildTools(
  recipes: ToolRecipe[],
  log: ToolProgress,
  cacheDir: string = projectCacheDir(),
): Promise<BuiltTools> {
  const go = await goVersion();
  const toolsDir = join(cacheDir, "tools");
  mkdirSync(toolsDir, { recursive: true });
  const tools: BuiltTools = { bin: {}, dir: {} };
  for (const [index, recipe] of recipes.entries()) {
    const dir = join(toolsDir, `${recipe.name}-${recipeKey(recipe, go)}`);
    const built = (folder: string) =>
      existsSync(join(folder, ".complete")) &&
      recipe.binaries.every((name) => existsSync(join(folder, name)));
    if (!built(dir)) {
      const started = Date.now();
      log(
        `tools: building ${recipe.binaries.join(", ")} (${index + 1}/${recipes.length}) with ${go.replace("go version ", "")}; a first build takes minutes`,
      );
      const workDir = join(toolsDir, `.build-${recipe.name}-${process.pid}`);
      const outDir = `${workDir}-out`;
      rmSync(workDir, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(workDir, { recursive: true });
      mkdirSync(outDir, { recursive: true });
      try {
        await buildRecipe(recipe, workDir, outDir, log);
        const missing = recipe.binaries.filter((name) => !existsSync(join(outDir, name)));
        if (missing.length)
          throw new ToolBuildError(`${recipe.name}: go build made no ${missing.join(", ")}`);
        writeFileSync(join(outDir, ".complete"), `${new Date().toISOString()}\n`);
        rmSync(dir, { recursive: true, force: true });
        renameSync(outDir, dir);
      } finally {
        rmSync(workDir, { recursive: true, force: true });
        rmSync(outDir, { recursive: true, force: true });
      }
      log(`tools: built ${recipe.binaries.join(", ")} in ${minutes(Date.now() - started)}`);
    }
    for (const binary of recipe.binaries) tools.bin[binary] = join(dir, binary);
    tools.dir[recipe.name] = dir;
  }
  return tools;
}

/** A binary of built tools, or an error naming the recipe that should have made it. */
export function binary(tools: BuiltTools, name: string): string {
  const path = tools.bin[name];
  if (!path) throw new ToolBuildError(`no recipe of the tool manifest builds ${name}`);
  return path;
}
