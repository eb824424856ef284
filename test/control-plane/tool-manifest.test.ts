import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  clusterRecipes,
  engineRecipes,
  providerVersions,
  wrapperDir,
} from "../../workloads/control-plane/tools/manifest.ts";

const require = createRequire(import.meta.url);

/** The plugin an npm SDK asks the engine for (its package.json `pulumi` block). */
function sdkPlugin(pkg: string): { name: string; version: string } {
  const manifest = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as {
    version: string;
    pulumi?: { name?: string; version?: string };
  };
  return { name: manifest.pulumi?.name ?? "", version: manifest.pulumi?.version ?? manifest.version };
}

function goMod(wrapper: string): string {
  return readFileSync(join(wrapperDir(wrapper), "go.mod"), "utf8");
}

describe("the pinned tool manifest", () => {
  test("the built providers report the versions the installed npm SDKs ask for", () => {
    expect(sdkPlugin("@pulumi/kubernetes")).toEqual({
      name: "kubernetes",
      version: providerVersions.kubernetes,
    });
    expect(sdkPlugin("@pulumi/random")).toEqual({ name: "random", version: providerVersions.random });
  });

  test("every Kubernetes staging module is pinned to the release matching k8s.io/kubernetes", () => {
    const mod = goMod("kubernetes");
    const kubernetes = /k8s\.io\/kubernetes (v1\.(\d+)\.(\d+))/.exec(mod);
    const staging = [...mod.matchAll(/^\s+(k8s\.io\/[\w-]+) => (k8s\.io\/[\w-]+) (v\S+)$/gm)];
    expect(staging).toHaveLength(33);
    for (const [, from, to, version] of staging) {
      expect(to).toBe(from);
      expect(version).toBe(`v0.${kubernetes?.[2]}.${kubernetes?.[3]}`);
    }
  });

  test("every wrapper module has a go.sum and requires its upstream module at an exact version", () => {
    for (const recipe of [...engineRecipes, ...clusterRecipes]) {
      if (!("wrapper" in recipe.source)) continue;
      const mod = goMod(recipe.source.wrapper);
      expect(readFileSync(join(wrapperDir(recipe.source.wrapper), "go.sum"), "utf8")).not.toBe("");
      expect(mod).not.toMatch(/\s(latest|upgrade|patch)\b/);
      for (const pkg of recipe.packages.filter((p) => p !== ".")) {
        const required = [...mod.matchAll(/^\s*(?:require\s+)?(\S+) (v\d\S*)/gm)].find(([, module]) =>
          pkg.startsWith(module ?? "\0"),
        );
        expect(required, `${recipe.name}: ${pkg}`).toBeDefined();
      }
    }
  });
});
