/**
 * Subquery expressions (`df.scalar()`, `df.exists()`), sent as PySpark Connect sends them: the
 * expression names the subquery's plan by id, and the relation that uses the expression carries
 * that plan beside its own in a `WithRelations` wrapper, where the server finds it by that id.
 */
import { Column } from "./column.ts";
import { SubqueryExpression_SubqueryType as SubqueryType } from "./gen/spark/connect/expressions_pb.ts";
import type { RelationInit } from "./plan.ts";

export { SubqueryType };

/** The plan each subquery expression stands for, keyed by the expression's own object. */
const subqueryPlans = new WeakMap<object, RelationInit>();

/** The id the server knows a plan by: the root's, for a plan wrapped with its subqueries. */
export function planIdOf(relation: RelationInit): bigint | undefined {
  const plan = relation.relType?.case === "withRelations" ? relation.relType.value.root : relation;
  const id = plan?.common?.planId;
  return id === undefined ? undefined : BigInt(id);
}

/** A column whose value is the result of `plan` as a subquery of the given type. */
export function subqueryColumn(plan: RelationInit, subqueryType: SubqueryType): Column {
  const value = { planId: planIdOf(plan), subqueryType };
  subqueryPlans.set(value, plan);
  return new Column({ exprType: { case: "subqueryExpression", value } });
}

/**
 * The plans of the subqueries in `node`'s expressions, each once. Input relations are not
 * searched: each carries the subqueries of its own expressions.
 */
function collectSubqueries(node: unknown, found: Set<RelationInit>): void {
  if (node === null || typeof node !== "object" || ArrayBuffer.isView(node)) return;
  if (Array.isArray(node)) {
    for (const item of node) collectSubqueries(item, found);
    return;
  }
  if ("relType" in node) return;
  const plan = subqueryPlans.get(node);
  if (plan !== undefined) found.add(plan);
  for (const value of Object.values(node)) collectSubqueries(value, found);
}

/** `relation`, wrapped with the plans its expressions' subqueries refer to when there are any. */
export function withSubqueryPlans(relation: RelationInit, nextPlanId: () => bigint): RelationInit {
  const found = new Set<RelationInit>();
  collectSubqueries(relation.relType?.value, found);
  if (found.size === 0) return relation;
  return {
    common: { planId: nextPlanId() },
    relType: { case: "withRelations", value: { root: relation, references: [...found] } },
  };
}
