import { describe, expect, it } from "vitest";
import { functions as F, Observation, SparkSession } from "../../workloads/spark-connect/index.ts";

// Plans are built without a server: the session connects on its first call only.
const session = await SparkSession.builder().remote("sc://127.0.0.1:1").getOrCreate();
const df = session.range(10);

function relationOf(frame: typeof df) {
  return frame.relation.relType;
}

describe("plans of the DataFrame surface beyond the basics", () => {
  it("splits randomly into adjacent bounds covering [0, 1), one seed for all, deterministic order", () => {
    const bounds = df.randomSplit([1, 2, 1], 5).map((split) => {
      const rel = relationOf(split);
      if (rel?.case !== "sample") throw new Error(`expected a sample, got ${rel?.case}`);
      return [rel.value.lowerBound, rel.value.upperBound, rel.value.seed, rel.value.deterministicOrder];
    });
    expect(bounds).toEqual([
      [0, 0.25, 5n, true],
      [0.25, 0.75, 5n, true],
      [0.75, 1, 5n, true],
    ]);
    expect(() => df.randomSplit([1, -1])).toThrow(/non-negative/);
  });

  it("pairs replace()'s lists element by element and refuses lists of different lengths", () => {
    const rel = relationOf(df.replace([1, 2], [10, 20], ["id"]));
    if (rel?.case !== "replace") throw new Error(`expected a replace, got ${rel?.case}`);
    expect(
      (rel.value.replacements ?? []).map((r) => [
        r.oldValue?.literalType?.value,
        r.newValue?.literalType?.value,
      ]),
    ).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(rel.value.cols).toEqual(["id"]);
    expect(() => df.replace([1, 2], [10])).toThrow(/2 values to replace but 1 replacements/);
  });

  it("sends grouping sets as sets of expressions with the GROUPING_SETS type", () => {
    const rel = relationOf(df.groupingSets([["id"], []], "id").agg(F.count("*")));
    if (rel?.case !== "aggregate") throw new Error(`expected an aggregate, got ${rel?.case}`);
    expect(rel.value.groupingSets?.map((s) => s.groupingSet?.length)).toEqual([1, 0]);
  });

  it("resolves colRegex against its own DataFrame and names observe()'s metrics by the observation", () => {
    const regex = df.colRegex("`i.`").expr.exprType;
    expect(regex?.case === "unresolvedRegex" && regex.value.planId).toBe(df.relation.common?.planId);
    const observation = new Observation("o1");
    const rel = relationOf(df.observe(observation, F.count("*")));
    expect(rel?.case === "collectMetrics" && rel.value.name).toBe("o1");
    expect(() => df.observe("no-metrics")).toThrow(/at least one metric/);
  });
});
