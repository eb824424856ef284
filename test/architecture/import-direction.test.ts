import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectImportsOf, projectRoot, typeScriptFiles } from "./imports.ts";

/**
 * Which rooms each room may import: applications → producer and stream job → the client and the
 * contract → nothing of ours. docs/architecture.md draws the same graph.
 */
const mayImport: Readonly<Record<string, readonly string[]>> = {
  contract: [],
  "command-line": [],
  "kafka-security": [],
  "pinned-jars": [],
  lake: [],
  "spark-connect": [],
  producer: ["contract", "command-line", "kafka-security"],
  "stream-job": ["contract", "command-line", "kafka-security", "spark-connect"],
  "local-servers": ["contract", "pinned-jars", "spark-connect"],
  "local-pipeline": ["command-line", "contract", "local-servers", "producer", "stream-job"],
  "control-plane": ["command-line", "local-servers", "pinned-jars"],
  infra: ["contract", "kafka-security", "pinned-jars", "stream-job"],
  /** Build and reference tooling of the client: protocol generation, the PySpark client. */
  "spark-connect/scripts": ["spark-connect", "pinned-jars", "local-servers"],
};

/** The room a file lives in: a folder under workloads/, the Pulumi program, or the client's tooling. */
function roomOf(file: string): string {
  const [top, folder, sub] = file.split("/");
  if (file === "index.ts" || top === "infra") return "infra";
  if (top === "workloads" && folder === "spark-connect" && sub === "scripts") return "spark-connect/scripts";
  return top === "workloads" && folder ? folder : (top ?? file);
}

describe("the import direction between rooms", () => {
  const sources = [...["workloads", "infra"].flatMap(typeScriptFiles), "index.ts"];

  it("has a rule for every folder under workloads/", () => {
    const rooms = readdirSync(join(projectRoot, "workloads"), { withFileTypes: true })
      .filter((item) => item.isDirectory())
      .map((item) => item.name);
    expect(rooms.filter((room) => !(room in mayImport))).toEqual([]);
  });

  it("only ever points the way the rule allows, so no room depends on what is built on it", () => {
    const violations = sources.flatMap((file) => {
      const from = roomOf(file);
      return projectImportsOf(file)
        .map(roomOf)
        .filter((to) => to !== from && !(mayImport[from] ?? []).includes(to))
        .map((to) => `${file} (${from}) imports from ${to}`);
    });
    expect(sources.length).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });
});
