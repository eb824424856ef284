/**
 * The coverage report: PySpark's API names per class against this client's, rendered as the
 * generated section of docs/spark-connect.md. PySpark's names come from pyspark-api.json
 * (written by update-coverage.ts from the pyspark-client release of the pinned Spark), so
 * checking the section needs no Python.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { notApplicable } from "./not-applicable.ts";

export interface PysparkApi {
  pyspark: string;
  classes: Record<string, string[]>;
}

export type Status = "present" | "absent" | "not applicable";
export interface NameCoverage {
  name: string;
  status: Status;
  reason?: string;
}

export const pysparkApiFile = join(import.meta.dirname, "pyspark-api.json");
export const coverageDoc = join(import.meta.dirname, "..", "..", "..", "docs", "spark-connect.md");
export const updateCommand = "node --import tsx workloads/spark-connect/scripts/update-pyspark-reference.ts";
/** Rewrites the docs section only, from the committed names: what a change to this client's API needs. */
export const updateDocsCommand = `${updateCommand} --docs-only`;
const startMarker = "<!-- coverage:start -->";
const endMarker = "<!-- coverage:end -->";

export function readPysparkApi(): PysparkApi {
  return JSON.parse(readFileSync(pysparkApiFile, "utf8")) as PysparkApi;
}

export function coverageOf(
  api: PysparkApi,
  ours: Record<string, Set<string>>,
): Record<string, NameCoverage[]> {
  return Object.fromEntries(
    Object.entries(api.classes).map(([className, names]) => [
      className,
      names.map((name): NameCoverage => {
        if (ours[className]?.has(name)) return { name, status: "present" };
        const reason = notApplicable[className]?.[name];
        return reason === undefined ? { name, status: "absent" } : { name, status: "not applicable", reason };
      }),
    ]),
  );
}

const code = (name: string) => `\`${name}\``;

/** A Markdown table with padded cells (the layout the formatter gives it); numeric columns right-aligned. */
function markdownTable(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.every((row) => typeof row[i] === "number"));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...rows.map((row) => line(row.map(String)))];
}

/** The generated Markdown: counts per class, then each class's absent and not-applicable names. */
export function renderCoverage(api: PysparkApi, coverage: Record<string, NameCoverage[]>): string {
  const count = (entries: NameCoverage[], status: Status) =>
    entries.filter((e) => e.status === status).length;
  const lines = [
    `Generated from pyspark-client ${api.pyspark} by \`${updateCommand}\`; a unit test fails when it is stale.`,
    "",
    ...markdownTable(
      ["PySpark class", "names", "present", "absent", "not applicable"],
      Object.entries(coverage).map(([className, entries]) => [
        className,
        entries.length,
        count(entries, "present"),
        count(entries, "absent"),
        count(entries, "not applicable"),
      ]),
    ),
  ];
  for (const [className, entries] of Object.entries(coverage)) {
    lines.push("", `#### ${className}`, "");
    const absent = entries.filter((e) => e.status === "absent").map((e) => code(e.name));
    lines.push(`- absent (${absent.length}): ${absent.length === 0 ? "none" : absent.join(", ")}`);
    const byReason = new Map<string, string[]>();
    for (const e of entries) {
      if (e.status === "not applicable" && e.reason) {
        byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), code(e.name)]);
      }
    }
    for (const [reason, names] of byReason) lines.push(`- not applicable: ${names.join(", ")}: ${reason}`);
  }
  return lines.join("\n");
}

/** The document with its generated section replaced. */
export function withCoverageSection(doc: string, section: string): string {
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < start) {
    throw new Error(`${coverageDoc} has no "${startMarker}" … "${endMarker}" section to fill`);
  }
  return `${doc.slice(0, start + startMarker.length)}\n${section}\n${doc.slice(end)}`;
}

/** The generated section as the document holds it now. */
export function currentCoverageSection(doc: string): string | undefined {
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + startMarker.length, end).trim();
}
