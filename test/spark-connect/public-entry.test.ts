import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const client = "workloads/spark-connect";
/** The client's own code and tests may reach its internals; everyone else goes through the entry. */
const insiders = [`${client}/`, "test/spark-connect/"];
const entry = `${client}/index.ts`;
/** Build and reference tooling about the client (protocol generation, the PySpark client for comparisons), not the client. */
const tooling = `${client}/scripts/`;

const skippedFolders = ["node_modules", "gen", ".git"];

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((item) => {
    const path = `${folder}/${item.name}`;
    if (item.isDirectory()) return skippedFolders.includes(item.name) ? [] : typeScriptFiles(path);
    return item.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `import … from`, `export … from` and `import()` of the file that lands in the client's folder. */
function clientImportsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => relative(root, resolve(root, dirname(file), specifier)))
    .filter((target) => target.startsWith(`${client}/`));
}

describe("the Spark Connect client's public entry", () => {
  it("is the only module of the client that code outside it imports", () => {
    const outside = [...["workloads", "bench", "test", "infra"].flatMap(typeScriptFiles), "index.ts"].filter(
      (file) => !insiders.some((prefix) => file.startsWith(prefix)),
    );
    const violations = outside.flatMap((file) =>
      clientImportsOf(file)
        .filter((target) => target !== entry && !target.startsWith(tooling))
        .map((target) => `${file} imports ${target}`),
    );
    expect(outside.length).toBeGreaterThan(50);
    expect(violations).toEqual([]);
  });
});
