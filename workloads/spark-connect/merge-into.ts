import { Column, toColumn } from "./column.ts";
import type { DataFrame } from "./dataframe.ts";
import { MergeAction_ActionType as ActionType } from "./gen/spark/connect/expressions_pb.ts";

type Assignments = Record<string, Column | string>;

function mergeAction(
  actionType: ActionType,
  condition: Column | undefined,
  assignments: Assignments = {},
): Column {
  return new Column({
    exprType: {
      case: "mergeAction",
      value: {
        actionType,
        condition: condition?.expr,
        assignments: Object.entries(assignments).map(([key, value]) => ({
          key: toColumn(key).expr,
          value: toColumn(value).expr,
        })),
      },
    },
  });
}

/**
 * `df.mergeInto("target", condition)`: a MERGE of this DataFrame (the source) into a table, as
 * PySpark's MergeIntoWriter. Add clauses with `whenMatched`, `whenNotMatched` and
 * `whenNotMatchedBySource`, then run it with `merge()`. The target must be a table whose data
 * source supports MERGE (not the built-in file sources).
 */
export class MergeIntoWriter {
  private readonly matched: Column[] = [];
  private readonly notMatched: Column[] = [];
  private readonly notMatchedBySource: Column[] = [];
  private schemaEvolution = false;

  constructor(
    private readonly source: DataFrame,
    private readonly table: string,
    private readonly condition: Column,
  ) {}

  /** Target rows that have a matching source row (and meet `condition`). */
  whenMatched(condition?: Column) {
    return {
      updateAll: () => this.add(this.matched, mergeAction(ActionType.UPDATE_STAR, condition)),
      update: (assignments: Assignments) =>
        this.add(this.matched, mergeAction(ActionType.UPDATE, condition, assignments)),
      delete: () => this.add(this.matched, mergeAction(ActionType.DELETE, condition)),
    };
  }
  /** Source rows with no matching target row. */
  whenNotMatched(condition?: Column) {
    return {
      insertAll: () => this.add(this.notMatched, mergeAction(ActionType.INSERT_STAR, condition)),
      insert: (assignments: Assignments) =>
        this.add(this.notMatched, mergeAction(ActionType.INSERT, condition, assignments)),
    };
  }
  /** Target rows with no matching source row. */
  whenNotMatchedBySource(condition?: Column) {
    return {
      update: (assignments: Assignments) =>
        this.add(this.notMatchedBySource, mergeAction(ActionType.UPDATE, condition, assignments)),
      delete: () => this.add(this.notMatchedBySource, mergeAction(ActionType.DELETE, condition)),
    };
  }
  /** Lets the merge add the source's new columns to the target. */
  withSchemaEvolution(): this {
    this.schemaEvolution = true;
    return this;
  }

  async merge(): Promise<void> {
    await this.source.session.client.command({
      case: "mergeIntoTableCommand",
      value: {
        targetTableName: this.table,
        sourceTablePlan: this.source.relation,
        mergeCondition: this.condition.expr,
        matchActions: this.matched.map((c) => c.expr),
        notMatchedActions: this.notMatched.map((c) => c.expr),
        notMatchedBySourceActions: this.notMatchedBySource.map((c) => c.expr),
        withSchemaEvolution: this.schemaEvolution,
      },
    });
  }

  private add(clauses: Column[], action: Column): this {
    clauses.push(action);
    return this;
  }
}
