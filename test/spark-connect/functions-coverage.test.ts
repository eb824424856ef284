import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import {
  coverageDoc,
  coverageOf,
  currentCoverageSection,
  readPysparkApi,
  renderCoverage,
  updateDocsCommand,
  withCoverageSection,
} from "../../workloads/spark-connect/scripts/coverage.ts";
import { ourApiNames } from "../../workloads/spark-connect/scripts/our-api.ts";

const api = readPysparkApi();
const ours = await ourApiNames();
const coverage = coverageOf(api, ours);

describe("coverage of PySpark's API", () => {
  it("lists the names of the pyspark-client release that matches the pinned Spark server", () => {
    expect(api.pyspark).toBe(readJvmVersions().spark);
    expect(api.classes.functions?.length).toBeGreaterThan(400);
  });

  it("has every PySpark function except the ones that run Python", () => {
    const absent = (coverage.functions ?? []).filter((e) => e.status === "absent").map((e) => e.name);
    expect(absent).toEqual([]);
  });

  it(`keeps the generated table in docs/spark-connect.md current (regenerate with: ${updateDocsCommand})`, () => {
    const doc = readFileSync(coverageDoc, "utf8");
    expect(currentCoverageSection(doc)).toBe(renderCoverage(api, coverage));
  });

  it("classifies a name as present, not applicable with its reason, or absent", () => {
    const result = coverageOf(
      { pyspark: "x", classes: { functions: ["upper", "udf", "no_such_function"] } },
      { functions: new Set(["upper"]) },
    );
    expect(result.functions).toEqual([
      { name: "upper", status: "present" },
      { name: "udf", status: "not applicable", reason: expect.stringMatching(/Python/) },
      { name: "no_such_function", status: "absent" },
    ]);
  });

  it("rewrites only the text between the markers", () => {
    const doc = "intro\n<!-- coverage:start -->\nold\n<!-- coverage:end -->\noutro\n";
    const updated = withCoverageSection(doc, "new");
    expect(updated).toBe("intro\n<!-- coverage:start -->\nnew\n<!-- coverage:end -->\noutro\n");
    expect(currentCoverageSection(updated)).toBe("new");
    expect(() => withCoverageSection("no markers", "x")).toThrow(/coverage:start/);
  });
});
