import { readFileSync } from "node:fs";
import { join } from "node:path";
import { create, type JsonObject, type JsonValue, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import { ExpressionSchema } from "../../workloads/spark-connect/gen/spark/connect/expressions_pb.ts";
import { type Column, col, functions as F } from "../../workloads/spark-connect/index.ts";

/** How PySpark Connect sends sample calls of its functions (written by pyspark-function-calls.py). */
interface PysparkCalls {
  pyspark: string;
  calls: { function: string; args: JsonValue[]; sent: string | { error: string } }[];
}
const reference = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../../workloads/spark-connect/scripts/pyspark-function-calls.json"),
    "utf8",
  ),
) as PysparkCalls;

/** JSON with sorted keys and no spaces, as the reference script writes literal values. */
function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as JsonObject)[key] ?? null)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The compact text of an expression's protobuf JSON, by the reference script's rules. */
function render(expr: JsonObject): string {
  const [kind, body] = Object.entries(expr)[0] as [string, JsonObject];
  if (kind === "unresolvedFunction" || kind === "callFunction") {
    const args = ((body.arguments as JsonObject[] | undefined) ?? []).map(render).join(", ");
    const distinct = body.isDistinct ? "DISTINCT " : "";
    return `${kind === "callFunction" ? "call " : ""}${body.functionName}(${distinct}${args})`;
  }
  if (kind === "unresolvedAttribute") return String(body.unparsedIdentifier);
  if (kind === "literal") {
    const [literalType, value] = Object.entries(body).find(([key]) => key !== "dataType") as [
      string,
      JsonValue,
    ];
    return `${canonical(value)}:${literalType}`;
  }
  return kind;
}

function argument(value: JsonValue): unknown {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    if ("column" in value) return col(String(value.column));
    if ("options" in value) return value.options;
  }
  return value;
}

function sent(name: string, args: JsonValue[]): string {
  const fn = (F as unknown as Record<string, (...a: unknown[]) => Column>)[name];
  if (fn === undefined) return "missing";
  try {
    const expr = create(ExpressionSchema, fn(...args.map(argument)).expr);
    return render(toJson(ExpressionSchema, expr) as JsonObject);
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

/** Calls where this client sends something else than PySpark, on purpose; each with its reason. */
const knownDifferences: Record<string, string> = {
  "regexp_like(c0, c1)": "the pattern is a value here (a string literal), as the client documented before",
  "substring(c0, c1, c2)": "positions are numbers or Columns here; a string is not taken as a column name",
  "slice(c0, c1, c2)": "positions are numbers or Columns here; a string is not taken as a column name",
  "date_add(c0, c1)": "days are a number or a Column here; a string is not taken as a column name",
  "date_sub(c0, c1)": "days are a number or a Column here; a string is not taken as a column name",
  "split(c0, s, c2)": "the limit is a number here; a string is not taken as a column name",
  "round(c0)": "the scale 0 is sent explicitly (the server's default is 0 too)",
  "bround(c0)": "the scale 0 is sent explicitly (the server's default is 0 too)",
  "rand()": "PySpark draws a random seed; here the server does",
  "randn()": "PySpark draws a random seed; here the server does",
  "uniform(0.5, 0.5)": "PySpark draws a random seed; here the server does",
  "randstr(2)": "PySpark draws a random seed; here the server does",
  "shuffle(c0)": "PySpark draws a random seed; here the server does",
  "count_min_sketch(c0, 0.5, 0.5)": "both draw a random seed, so the seeds differ",
};
const describeCall = (name: string, args: JsonValue[]) =>
  `${name}(${args.map((a) => (typeof a === "object" && a !== null && "column" in a ? String(a.column) : String(a))).join(", ")})`;

describe("functions send what PySpark Connect sends", () => {
  it("compares against the pyspark-client release of the pinned Spark", () => {
    expect(reference.pyspark).toBe(readJvmVersions().spark);
    expect(reference.calls.length).toBeGreaterThan(500);
  });

  it("builds the same expression as PySpark for every sample call, except the documented ones", () => {
    const differing: Record<string, string> = {};
    for (const call of reference.calls) {
      if (typeof call.sent !== "string") continue; // PySpark itself rejected the sample
      const ours = sent(call.function, call.args);
      if (ours !== call.sent)
        differing[describeCall(call.function, call.args)] = `${ours} vs PySpark ${call.sent}`;
    }
    const unexpected = Object.entries(differing).filter(([call]) => !(call in knownDifferences));
    expect(Object.fromEntries(unexpected)).toEqual({});
    // A documented difference that no longer occurs is stale: remove it.
    expect(Object.keys(knownDifferences).filter((call) => !(call in differing))).toEqual([]);
  });
});
