import { describe, expect, it } from "vitest";
import { projectImportsOf, typeScriptFiles } from "../architecture/imports.ts";

const client = "workloads/spark-connect";
/** The client's own code and tests may reach its internals; everyone else goes through the entry. */
const insiders = [`${client}/`, "test/spark-connect/"];
const entry = `${client}/index.ts`;
/** Build and reference tooling about the client (protocol generation, the PySpark client for comparisons), not the client. */
const tooling = `${client}/scripts/`;

/** The modules of the client the file imports. */
function clientImportsOf(file: string): string[] {
  return projectImportsOf(file).filter((target) => target.startsWith(`${client}/`));
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
