import { Column, type ColumnOrName, callFunction, lit, toColumn } from "./column.ts";
import type { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import { Aggregate_GroupType as GroupType } from "./gen/spark/connect/relations_pb.ts";
import { literalOf } from "./literals.ts";
import { isNumeric } from "./types.ts";

type Grouping = "groupBy" | "rollup" | "cube" | "groupingSets";

const groupTypes: Record<Grouping, GroupType> = {
  groupBy: GroupType.GROUPBY,
  rollup: GroupType.ROLLUP,
  cube: GroupType.CUBE,
  groupingSets: GroupType.GROUPING_SETS,
};

/** The result of `df.groupBy(...)`: aggregate it with `agg(...)`, `count()`, `sum(...)`… */
export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly grouping: Grouping,
    private readonly groupingColumns: Column[],
    private readonly pivotSpec?: { column: Column; values: unknown[] | undefined },
    private readonly groupingSets: Column[][] = [],
  ) {}

  /**
   * Aggregates: Columns (`count("*")`, `avg("x").alias("mean_x")`) or `{ column: "function" }`,
   * named by the server as in PySpark (`{ "*": "count" }` gives `count(1)`).
   */
  agg(...aggregates: (Column | Record<string, string>)[]): DataFrame {
    const columns = aggregates.flatMap((a) =>
      a instanceof Column
        ? [a]
        : Object.entries(a).map(([name, fn]) => callFunction(fn, name === "*" ? lit(1) : toColumn(name))),
    );
    if (columns.length === 0) throw new SparkConnectClientError("agg() needs at least one aggregate");
    return this.df.derive({
      case: "aggregate",
      value: {
        input: this.df.relation,
        groupType: this.pivotSpec ? GroupType.PIVOT : groupTypes[this.grouping],
        groupingExpressions: this.groupingColumns.map((c) => c.expr),
        aggregateExpressions: columns.map((c) => c.expr),
        pivot: this.pivotSpec
          ? { col: this.pivotSpec.column.expr, values: (this.pivotSpec.values ?? []).map(literalOf) }
          : undefined,
        groupingSets: this.groupingSets.map((set) => ({ groupingSet: set.map((c) => c.expr) })),
      },
    });
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.agg(callFunction("count", lit(1)).alias("count"));
  }
  /** Sums the named columns; with none, every numeric column (found by asking the server for the schema, as PySpark does). */
  sum(): Promise<DataFrame>;
  sum(...columns: [string, ...string[]]): DataFrame;
  sum(...columns: string[]): DataFrame | Promise<DataFrame> {
    return this.numeric("sum", columns);
  }
  avg(): Promise<DataFrame>;
  avg(...columns: [string, ...string[]]): DataFrame;
  avg(...columns: string[]): DataFrame | Promise<DataFrame> {
    return this.numeric("avg", columns);
  }
  mean(): Promise<DataFrame>;
  mean(...columns: [string, ...string[]]): DataFrame;
  mean(...columns: string[]): DataFrame | Promise<DataFrame> {
    return this.numeric("avg", columns);
  }
  max(): Promise<DataFrame>;
  max(...columns: [string, ...string[]]): DataFrame;
  max(...columns: string[]): DataFrame | Promise<DataFrame> {
    return this.numeric("max", columns);
  }
  min(): Promise<DataFrame>;
  min(...columns: [string, ...string[]]): DataFrame;
  min(...columns: string[]): DataFrame | Promise<DataFrame> {
    return this.numeric("min", columns);
  }

  /** One output column per value of `column` (the values are found by a query when not given). */
  pivot(column: ColumnOrName, values?: unknown[]): GroupedData {
    if (this.grouping !== "groupBy")
      throw new SparkConnectClientError("pivot() follows groupBy(), not rollup/cube");
    return new GroupedData(this.df, this.grouping, this.groupingColumns, {
      column: toColumn(column),
      values,
    });
  }

  private numeric(fn: string, columns: string[]): DataFrame | Promise<DataFrame> {
    if (columns.length > 0) return this.agg(...columns.map((name) => callFunction(fn, name)));
    return this.df.schema().then((schema) => {
      const numeric = schema.fields.filter((f) => isNumeric(f.dataType)).map((f) => f.name);
      if (numeric.length === 0)
        throw new SparkConnectClientError(`${fn}() found no numeric column to aggregate; name the columns`);
      return this.agg(...numeric.map((name) => callFunction(fn, name)));
    });
  }
}
