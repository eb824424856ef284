import { describe, expect, it } from "vitest";
import { col, functions as F, SparkSession } from "../../workloads/spark-connect/index.ts";

// Plans are built without a server: the session connects on its first call only.
const session = await SparkSession.builder().remote("sc://127.0.0.1:1").getOrCreate();

describe("plans of subqueries, partitioning and metadata as PySpark Connect sends them", () => {
  it("carries a scalar subquery's plan beside the relation that uses it, named by the subquery's plan id", () => {
    const inner = session.range(3).agg(F.max("id"));
    const outer = session.range(5).select(col("id"), inner.scalar().alias("m"));
    const rel = outer.relation.relType;
    if (rel?.case !== "withRelations") throw new Error(`expected withRelations, got ${rel?.case}`);
    expect(rel.value.references).toEqual([inner.relation]);
    const root = rel.value.root?.relType;
    if (root?.case !== "project") throw new Error(`expected a project root, got ${root?.case}`);
    const alias = root.value.expressions?.[1]?.exprType;
    const subquery = alias?.case === "alias" ? alias.value.expr?.exprType : undefined;
    expect(subquery?.case === "subqueryExpression" && subquery.value.planId).toBe(
      inner.relation.common?.planId,
    );
  });

  it("wraps only the relation whose own expressions hold the subquery, and resolves columns by the root's id", () => {
    const inner = session.range(3);
    const filtered = session.range(5).where(inner.exists());
    const above = filtered.select("id");
    expect(filtered.relation.relType?.case).toBe("withRelations");
    expect(above.relation.relType?.case).toBe("project");
    const wrapped = filtered.relation.relType;
    const rootId = wrapped?.case === "withRelations" ? wrapped.value.root?.common?.planId : undefined;
    const column = filtered.col("id").expr.exprType;
    expect(column?.case === "unresolvedAttribute" && column.value.planId).toBe(rootId);
  });

  it("sends repartitionByRange's columns as ascending sort orders unless ordered, with the count when given", () => {
    const rel = session.range(5).repartitionByRange(3, "id", col("id").desc()).relation.relType;
    if (rel?.case !== "repartitionByExpression") throw new Error(`unexpected ${rel?.case}`);
    expect(rel.value.numPartitions).toBe(3);
    expect(
      rel.value.partitionExprs?.map((e) =>
        e.exprType?.case === "sortOrder" ? e.exprType.value.direction : e,
      ),
    ).toEqual([1, 2]);
    const byColumnOnly = session.range(5).repartitionByRange("id").relation.relType;
    expect(
      byColumnOnly?.case === "repartitionByExpression" && byColumnOnly.value.numPartitions,
    ).toBeUndefined();
    expect(() => session.range(5).repartitionByRange(2)).toThrow(/at least one column/);
  });

  it("sends repartitionById as a direct shuffle partition id and refuses a count that is not positive", () => {
    const rel = session.range(5).repartitionById(4, "id").relation.relType;
    if (rel?.case !== "repartitionByExpression") throw new Error(`unexpected ${rel?.case}`);
    expect(rel.value.partitionExprs?.[0]?.exprType?.case).toBe("directShufflePartitionId");
    expect(() => session.range(5).repartitionById(0, "id")).toThrow(/positive integer/);
  });

  it("marks a metadata column and sends withMetadata's metadata as JSON on the column's alias", () => {
    const df = session.range(1);
    const meta = df.metadataColumn("_metadata").expr.exprType;
    expect(meta?.case === "unresolvedAttribute" && meta.value.isMetadataColumn).toBe(true);
    const rel = df.withMetadata("id", { comment: "the id" }).relation.relType;
    if (rel?.case !== "withColumns") throw new Error(`unexpected ${rel?.case}`);
    expect(rel.value.aliases?.[0]?.metadata).toBe('{"comment":"the id"}');
  });

  it("refuses a lateral join type PySpark refuses", () => {
    // @ts-expect-error: a full outer lateral join does not exist
    expect(() => session.range(1).lateralJoin(session.range(1), undefined, "full")).toThrow(
      /lateral join type/,
    );
  });

  it("knows the first live session as the active one, and none once it is stopped", async () => {
    const active = SparkSession.active();
    expect(SparkSession.getActiveSession()).toBe(active);
    expect(active.session_id).toBe(active.sessionId);
    await active.stop();
    expect(active.is_stopped).toBe(true);
    expect(SparkSession.getActiveSession()).toBeUndefined();
    expect(() => SparkSession.active()).toThrow(/No active SparkSession/);
  });
});
