import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export const projectRoot = resolve(import.meta.dirname, "../..");

const skippedFolders = new Set(["node_modules", "gen", ".git"]);

/** The project's TypeScript files under `folder`, as paths from the project root. */
export function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { withFileTypes: true }).flatMap((item) => {
    const path = `${folder}/${item.name}`;
    if (item.isDirectory()) return skippedFolders.has(item.name) ? [] : typeScriptFiles(path);
    return item.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every project file the module imports (`import … from`, `export … from`, `import()`), from the project root. */
export function projectImportsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(projectRoot, file), "utf8"), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => relative(projectRoot, resolve(projectRoot, dirname(file), specifier)));
}
