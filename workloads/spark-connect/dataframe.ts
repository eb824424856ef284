import type { RecordBatch, Table } from "apache-arrow";
import { Column, type ColumnOrName, callFunction, col, expr, toColumn } from "./column.ts";
import * as actions from "./dataframe-actions.ts";
import { DataFrameNaFunctions } from "./dataframe-na.ts";
import { DataFrameStatFunctions } from "./dataframe-stat.ts";
import { SparkConnectClientError } from "./errors.ts";
import type { ExecutionInfo } from "./execution-info.ts";
import {
  Join_JoinType as JoinType,
  SetOperation_SetOpType as SetOpType,
} from "./gen/spark/connect/relations_pb.ts";
import { GroupedData } from "./grouped-data.ts";
import { literalOf } from "./literals.ts";
import { MergeIntoWriter } from "./merge-into.ts";
import { Observation } from "./observation.ts";
import type { RelationCase, RelationInit } from "./plan.ts";
import type { Row, RowOptions } from "./rows.ts";
import type { SparkSession } from "./session.ts";
import { sortOrderOf } from "./sort.ts";
import * as storage from "./storage-level.ts";
import { StorageLevel } from "./storage-level.ts";
import { DataStreamWriter } from "./streaming/writer.ts";
import { planIdOf, SubqueryType, subqueryColumn, withSubqueryPlans } from "./subquery.ts";
import { parseDDL, type StructType } from "./types.ts";
import { dataTypeToProto } from "./types-proto.ts";
import { DataFrameWriter } from "./writer.ts";
import { DataFrameWriterV2 } from "./writer-v2.ts";

export type JoinHow =
  | "inner"
  | "cross"
  | "outer"
  | "full"
  | "fullouter"
  | "full_outer"
  | "left"
  | "leftouter"
  | "left_outer"
  | "right"
  | "rightouter"
  | "right_outer"
  | "semi"
  | "leftsemi"
  | "left_semi"
  | "anti"
  | "leftanti"
  | "left_anti";

const joinTypes: Record<JoinHow, JoinType> = {
  inner: JoinType.INNER,
  cross: JoinType.CROSS,
  outer: JoinType.FULL_OUTER,
  full: JoinType.FULL_OUTER,
  fullouter: JoinType.FULL_OUTER,
  full_outer: JoinType.FULL_OUTER,
  left: JoinType.LEFT_OUTER,
  leftouter: JoinType.LEFT_OUTER,
  left_outer: JoinType.LEFT_OUTER,
  right: JoinType.RIGHT_OUTER,
  rightouter: JoinType.RIGHT_OUTER,
  right_outer: JoinType.RIGHT_OUTER,
  semi: JoinType.LEFT_SEMI,
  leftsemi: JoinType.LEFT_SEMI,
  left_semi: JoinType.LEFT_SEMI,
  anti: JoinType.LEFT_ANTI,
  leftanti: JoinType.LEFT_ANTI,
  left_anti: JoinType.LEFT_ANTI,
};

export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

/** The join types a lateral join takes. */
export type LateralJoinHow = "inner" | "left" | "leftouter" | "left_outer" | "cross";

const lateralJoinTypes: Record<LateralJoinHow, JoinType> = {
  inner: JoinType.INNER,
  left: JoinType.LEFT_OUTER,
  leftouter: JoinType.LEFT_OUTER,
  left_outer: JoinType.LEFT_OUTER,
  cross: JoinType.CROSS,
};

/**
 * A distributed collection of rows: an immutable query plan. Transformations return new
 * DataFrames and send nothing; actions (collect, count, show, write…) run the plan on the server.
 */
export class DataFrame {
  private lastExecution: ExecutionInfo | undefined;

  /** @internal Use the session's sql/range/table/read/createDataFrame. */
  constructor(
    readonly session: SparkSession,
    readonly relation: RelationInit,
  ) {}

  /**
   * @internal A new DataFrame whose plan is `relType` (with this plan somewhere inside), carrying
   * the plans of the subqueries its expressions use.
   */
  derive(relType: RelationCase): DataFrame {
    const relation = { common: { planId: this.session.nextPlanId() }, relType };
    return new DataFrame(
      this.session,
      withSubqueryPlans(relation, () => this.session.nextPlanId()),
    );
  }

  /** The session this DataFrame belongs to, as PySpark's `df.sparkSession`. */
  get sparkSession(): SparkSession {
    return this.session;
  }

  /** What the server reported about the last action run on this DataFrame (undefined before one). */
  get executionInfo(): ExecutionInfo | undefined {
    return this.lastExecution;
  }

  /** @internal Keeps an action's metrics for `executionInfo`. */
  recordExecution(info: ExecutionInfo): void {
    this.lastExecution = info;
  }

  /** A column of this DataFrame, resolved against it even after joins with same-named columns. */
  col(name: string): Column {
    if (name === "*")
      return new Column({ exprType: { case: "unresolvedStar", value: { planId: this.planId } } });
    return new Column({
      exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: name, planId: this.planId } },
    });
  }

  /** The columns whose names match a Java regex given in backquotes: `` df.colRegex("`(id|ts)`") ``. */
  colRegex(colName: string): Column {
    return new Column({ exprType: { case: "unresolvedRegex", value: { colName, planId: this.planId } } });
  }

  /** A hidden metadata column of the source, such as `_metadata` of a file source. */
  metadataColumn(colName: string): Column {
    return new Column({
      exprType: {
        case: "unresolvedAttribute",
        value: { unparsedIdentifier: colName, planId: this.planId, isMetadataColumn: true },
      },
    });
  }

  /** This DataFrame as a scalar subquery: one row, one column, used as a value in another query. */
  scalar(): Column {
    return subqueryColumn(this.relation, SubqueryType.SCALAR);
  }

  /** Whether this DataFrame has any row, as an EXISTS subquery for another query's filter. */
  exists(): Column {
    return subqueryColumn(this.relation, SubqueryType.EXISTS);
  }

  private get planId(): bigint | undefined {
    return planIdOf(this.relation);
  }

  select(...columns: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const flat = columns.flat().map(toColumn);
    return this.derive({
      case: "project",
      value: { input: this.relation, expressions: flat.map((c) => c.expr) },
    });
  }

  selectExpr(...expressions: string[]): DataFrame {
    return this.select(...expressions.map(expr));
  }

  /** Rows where the condition (a Column or a SQL string) is true. */
  filter(condition: Column | string): DataFrame {
    const column = typeof condition === "string" ? expr(condition) : condition;
    return this.derive({ case: "filter", value: { input: this.relation, condition: column.expr } });
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(name: string, column: Column): DataFrame {
    return this.withColumns({ [name]: column });
  }

  withColumns(columns: Record<string, Column>): DataFrame {
    return this.derive({
      case: "withColumns",
      value: {
        input: this.relation,
        aliases: Object.entries(columns).map(([name, column]) => ({ expr: column.expr, name: [name] })),
      },
    });
  }

  /** The column `columnName` with its metadata replaced by `metadata` (kept in the schema's field metadata). */
  withMetadata(columnName: string, metadata: Record<string, unknown>): DataFrame {
    return this.derive({
      case: "withColumns",
      value: {
        input: this.relation,
        aliases: [
          { expr: this.col(columnName).expr, name: [columnName], metadata: JSON.stringify(metadata) },
        ],
      },
    });
  }

  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: renamed });
  }

  withColumnsRenamed(renames: Record<string, string>): DataFrame {
    return this.derive({
      case: "withColumnsRenamed",
      value: {
        input: this.relation,
        renames: Object.entries(renames).map(([colName, newColName]) => ({ colName, newColName })),
      },
    });
  }

  /** Drops columns given by name or as Columns; unknown names are ignored, as in PySpark. */
  drop(...columns: ColumnOrName[]): DataFrame {
    const names = columns.filter((c): c is string => typeof c === "string");
    const exprs = columns.filter((c): c is Column => c instanceof Column).map((c) => c.expr);
    return this.derive({ case: "drop", value: { input: this.relation, columnNames: names, columns: exprs } });
  }

  /**
   * Reconciles the rows with `schema` (a StructType or DDL): columns by name (in the schema's order), cast to its types
   * where allowed; fails when a column is missing or a type cannot be converted.
   */
  to(schema: StructType | string): DataFrame {
    const struct = typeof schema === "string" ? parseDDL(schema) : schema;
    return this.derive({
      case: "toSchema",
      value: { input: this.relation, schema: dataTypeToProto(struct) },
    });
  }

  /** `func(this, ...args)`: chains a function of a DataFrame, `df.transform(withTotals, "latency")`. */
  transform<A extends unknown[]>(func: (df: DataFrame, ...args: A) => DataFrame, ...args: A): DataFrame {
    return func(this, ...args);
  }

  /** Renames all columns, in order. */
  toDF(...names: string[]): DataFrame {
    return this.derive({ case: "toDf", value: { input: this.relation, columnNames: names } });
  }

  /** Names this DataFrame for qualified references (`df.alias("a")` then `col("a.x")`). */
  alias(name: string): DataFrame {
    return this.derive({ case: "subqueryAlias", value: { input: this.relation, alias: name } });
  }

  groupBy(...columns: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return new GroupedData(this, "groupBy", columns.flat().map(toColumn));
  }

  groupby(...columns: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return this.groupBy(...columns);
  }

  rollup(...columns: ColumnOrName[]): GroupedData {
    return new GroupedData(this, "rollup", columns.map(toColumn));
  }

  cube(...columns: ColumnOrName[]): GroupedData {
    return new GroupedData(this, "cube", columns.map(toColumn));
  }

  /** Aggregates over each of the grouping sets (SQL `GROUPING SETS`); `columns` are the grouping columns. */
  groupingSets(groupingSets: ColumnOrName[][], ...columns: ColumnOrName[]): GroupedData {
    return new GroupedData(
      this,
      "groupingSets",
      columns.map(toColumn),
      undefined,
      groupingSets.map((set) => set.map(toColumn)),
    );
  }

  /** Aggregates over all rows: `df.agg(count("*"), max("latency_ms"))`. */
  agg(...aggregates: Column[]): DataFrame {
    return this.groupBy().agg(...aggregates);
  }

  /**
   * Joins with `other` on column names (`"id"`, `["a", "b"]`: the join keys appear once) or on a
   * condition Column; `how` as in PySpark (`inner`, `left`, `full`, `semi`, `anti`, `cross`…).
   */
  join(other: DataFrame, on?: string | string[] | Column, how: JoinHow = "inner"): DataFrame {
    const joinType = joinTypes[how];
    if (joinType === undefined) {
      throw new SparkConnectClientError(
        `Unknown join type "${how}"; use one of ${Object.keys(joinTypes).join(", ")}`,
      );
    }
    const usingColumns = typeof on === "string" ? [on] : Array.isArray(on) ? on : [];
    return this.derive({
      case: "join",
      value: {
        left: this.relation,
        right: other.relation,
        joinType: on === undefined && how === "inner" ? JoinType.CROSS : joinType,
        usingColumns,
        joinCondition: on instanceof Column ? on.expr : undefined,
      },
    });
  }

  /**
   * Joins each row with the rows `other` gives for it, where `other` may refer to this
   * DataFrame's columns with `col(...).outer()` (SQL `LATERAL`); `how`: inner, left or cross.
   */
  lateralJoin(other: DataFrame, on?: Column, how: LateralJoinHow = "inner"): DataFrame {
    const joinType = lateralJoinTypes[how];
    if (joinType === undefined) {
      throw new SparkConnectClientError(
        `Unknown lateral join type "${how}"; use one of ${Object.keys(lateralJoinTypes).join(", ")}`,
      );
    }
    return this.derive({
      case: "lateralJoin",
      value: { left: this.relation, right: other.relation, joinCondition: on?.expr, joinType },
    });
  }

  /**
   * Joins each row with the `numResults` rows of `other` that rank nearest by `rankingExpression`
   * (`mode`: "exact" or "approx"; `direction`: "distance" ranks the smallest first, "similarity"
   * the largest); `joinType`: inner or left.
   */
  nearestByJoin(
    other: DataFrame,
    rankingExpression: Column,
    numResults: number,
    mode: "exact" | "approx",
    direction: "distance" | "similarity",
    options: { joinType?: "inner" | "left" | "leftouter" | "left_outer" } = {},
  ): DataFrame {
    return this.derive({
      case: "nearestByJoin",
      value: {
        left: this.relation,
        right: other.relation,
        rankingExpression: rankingExpression.expr,
        numResults,
        joinType: options.joinType ?? "inner",
        mode,
        direction,
      },
    });
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.join(other, undefined, "cross");
  }

  /** Rows of both, matched by position (SQL UNION ALL). */
  union(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.UNION, true);
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** Rows of both, matched by column name; missing columns become null when allowed. */
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.setOperation(other, SetOpType.UNION, true, true, allowMissingColumns);
  }

  intersect(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.INTERSECT, false);
  }

  intersectAll(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.INTERSECT, true);
  }

  subtract(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.EXCEPT, false);
  }

  exceptAll(other: DataFrame): DataFrame {
    return this.setOperation(other, SetOpType.EXCEPT, true);
  }

  private setOperation(
    other: DataFrame,
    setOpType: SetOpType,
    isAll: boolean,
    byName = false,
    allowMissing = false,
  ) {
    return this.derive({
      case: "setOp",
      value: {
        leftInput: this.relation,
        rightInput: other.relation,
        setOpType,
        isAll,
        byName,
        allowMissingColumns: allowMissing,
      },
    });
  }

  /** Sorts by columns or names; use `col("x").desc()` / `descNullsFirst()`… for other orders. */
  orderBy(...columns: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const order = columns.flat().map(toColumn).map(sortOrderOf);
    return this.derive({ case: "sort", value: { input: this.relation, order, isGlobal: true } });
  }

  sort(...columns: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    return this.orderBy(...columns);
  }

  sortWithinPartitions(...columns: ColumnOrName[]): DataFrame {
    const order = columns.map(toColumn).map(sortOrderOf);
    return this.derive({ case: "sort", value: { input: this.relation, order, isGlobal: false } });
  }

  limit(n: number): DataFrame {
    return this.derive({ case: "limit", value: { input: this.relation, limit: n } });
  }

  offset(n: number): DataFrame {
    return this.derive({ case: "offset", value: { input: this.relation, offset: n } });
  }

  distinct(): DataFrame {
    return this.derive({ case: "deduplicate", value: { input: this.relation, allColumnsAsKeys: true } });
  }

  /** Drops duplicate rows, comparing all columns or only `subset`. */
  dropDuplicates(subset?: string[]): DataFrame {
    return this.derive({
      case: "deduplicate",
      value:
        subset === undefined
          ? { input: this.relation, allColumnsAsKeys: true }
          : { input: this.relation, columnNames: subset },
    });
  }

  /** PySpark's other name of `dropDuplicates`. */
  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  /** Streaming deduplication whose state expires with the watermark (needs `withWatermark`). */
  dropDuplicatesWithinWatermark(subset?: string[]): DataFrame {
    return this.derive({
      case: "deduplicate",
      value:
        subset === undefined
          ? { input: this.relation, allColumnsAsKeys: true, withinWatermark: true }
          : { input: this.relation, columnNames: subset, withinWatermark: true },
    });
  }

  /** Event-time watermark: late data older than `delayThreshold` (e.g. "10 minutes") may be dropped. */
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    return this.derive({
      case: "withWatermark",
      value: { input: this.relation, eventTime, delayThreshold },
    });
  }

  /** Hash-repartitions into `numPartitions`, or by the given columns. */
  repartition(numPartitions?: number, ...columns: ColumnOrName[]): DataFrame {
    if (columns.length === 0) {
      if (numPartitions === undefined)
        throw new SparkConnectClientError("repartition() needs a count or columns");
      return this.derive({
        case: "repartition",
        value: { input: this.relation, numPartitions, shuffle: true },
      });
    }
    return this.derive({
      case: "repartitionByExpression",
      value: { input: this.relation, numPartitions, partitionExprs: columns.map((c) => toColumn(c).expr) },
    });
  }

  /**
   * Range-partitions by the given columns (ascending unless given as `asc()`/`desc()`…), into
   * `numPartitions` or the session's default number of partitions.
   */
  repartitionByRange(numPartitions: number | ColumnOrName, ...columns: ColumnOrName[]): DataFrame {
    const [count, keys] =
      typeof numPartitions === "number" ? [numPartitions, columns] : [undefined, [numPartitions, ...columns]];
    if (count !== undefined && !(count > 0))
      throw new SparkConnectClientError(`repartitionByRange: numPartitions must be positive, got ${count}`);
    if (keys.length === 0) throw new SparkConnectClientError("repartitionByRange needs at least one column");
    const partitionExprs = keys.map((c) => ({
      exprType: { case: "sortOrder" as const, value: sortOrderOf(toColumn(c)) },
    }));
    return this.derive({
      case: "repartitionByExpression",
      value: { input: this.relation, numPartitions: count, partitionExprs },
    });
  }

  /** Sends each row to the partition whose number `partitionIdColumn` gives (0 … numPartitions-1). */
  repartitionById(numPartitions: number, partitionIdColumn: ColumnOrName): DataFrame {
    if (!Number.isInteger(numPartitions) || numPartitions <= 0)
      throw new SparkConnectClientError(
        `repartitionById: numPartitions must be a positive integer, got ${numPartitions}`,
      );
    const partitionId = {
      exprType: {
        case: "directShufflePartitionId" as const,
        value: { child: toColumn(partitionIdColumn).expr },
      },
    };
    return this.derive({
      case: "repartitionByExpression",
      value: { input: this.relation, numPartitions, partitionExprs: [partitionId] },
    });
  }

  coalesce(numPartitions: number): DataFrame {
    return this.derive({
      case: "repartition",
      value: { input: this.relation, numPartitions, shuffle: false },
    });
  }

  /** A planner hint: `hint("broadcast")`, `hint("repartition", 4)`. */
  hint(name: string, ...parameters: unknown[]): DataFrame {
    return this.derive({
      case: "hint",
      value: {
        input: this.relation,
        name,
        parameters: parameters.map((p) =>
          p instanceof Column ? p.expr : { exprType: { case: "literal" as const, value: literalOf(p) } },
        ),
      },
    });
  }

  sample(fraction: number, withReplacement = false, seed?: number): DataFrame {
    return this.derive({
      case: "sample",
      value: {
        input: this.relation,
        lowerBound: 0,
        upperBound: fraction,
        withReplacement,
        seed: seed === undefined ? undefined : BigInt(seed),
      },
    });
  }

  /**
   * Splits the rows at random by `weights` (normalized to sum 1): each row lands in exactly one
   * of the returned DataFrames, the same one each time for the same seed and input order.
   */
  randomSplit(weights: number[], seed?: number): DataFrame[] {
    if (weights.length === 0 || weights.some((w) => !(w >= 0)))
      throw new SparkConnectClientError("randomSplit: weights must be non-negative numbers");
    const total = weights.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new SparkConnectClientError("randomSplit: weights must sum to more than 0");
    const splitSeed = BigInt(seed ?? Math.floor(Math.random() * 2 ** 31));
    let lowerBound = 0;
    return weights.map((w, i) => {
      const upperBound = i === weights.length - 1 ? 1 : lowerBound + w / total;
      const split = this.derive({
        case: "sample",
        value: {
          input: this.relation,
          lowerBound,
          upperBound,
          withReplacement: false,
          seed: splitSeed,
          deterministicOrder: true,
        },
      });
      lowerBound = upperBound;
      return split;
    });
  }

  /**
   * Turns columns into rows: one row per input row and `values` column (all non-id columns when
   * not given), with `variableColumnName` holding the column's name and `valueColumnName` its value.
   */
  unpivot(
    ids: ColumnOrName | ColumnOrName[],
    values: ColumnOrName | ColumnOrName[] | undefined,
    variableColumnName: string,
    valueColumnName: string,
  ): DataFrame {
    const list = (v: ColumnOrName | ColumnOrName[]) =>
      (Array.isArray(v) ? v : [v]).map((c) => toColumn(c).expr);
    return this.derive({
      case: "unpivot",
      value: {
        input: this.relation,
        ids: list(ids),
        values: values === undefined ? undefined : { values: list(values) },
        variableColumnName,
        valueColumnName,
      },
    });
  }

  melt(
    ids: ColumnOrName | ColumnOrName[],
    values: ColumnOrName | ColumnOrName[] | undefined,
    variableColumnName: string,
    valueColumnName: string,
  ): DataFrame {
    return this.unpivot(ids, values, variableColumnName, valueColumnName);
  }

  /** Rows become columns: the index column's values (the first column when not given) name the new columns. */
  transpose(indexColumn?: ColumnOrName): DataFrame {
    return this.derive({
      case: "transpose",
      value: {
        input: this.relation,
        indexColumns: indexColumn === undefined ? [] : [toColumn(indexColumn).expr],
      },
    });
  }

  /** All columns and a consecutive 0-based row index named `indexColName`, in the rows' current order. */
  zipWithIndex(indexColName = "index"): DataFrame {
    return this.select(col("*"), callFunction("distributed_sequence_id").alias(indexColName));
  }

  /** Each row as a JSON object, in one string column named `value` (a DataFrame, as in PySpark Connect). */
  toJSON(): DataFrame {
    return this.select(callFunction("to_json", callFunction("struct", this.col("*"))).alias("value"));
  }

  /**
   * Replaces values, as PySpark's `replace`: a map of old → new values, or one old value (or a
   * list) and its replacement (or a list of the same length); in `subset` or every column of a matching type.
   */
  replace(toReplace: Record<string, unknown> | Map<unknown, unknown>, subset?: string[]): DataFrame;
  replace(toReplace: unknown, value: unknown, subset?: string[]): DataFrame;
  replace(toReplace: unknown, valueOrSubset?: unknown, subset?: string[]): DataFrame {
    if (
      toReplace instanceof Map ||
      (toReplace !== null && typeof toReplace === "object" && !Array.isArray(toReplace))
    )
      return this.na.replace(toReplace as Record<string, unknown>, valueOrSubset as string[] | undefined);
    const olds = Array.isArray(toReplace) ? toReplace : [toReplace];
    const news = Array.isArray(valueOrSubset) ? valueOrSubset : olds.map(() => valueOrSubset);
    if (news.length !== olds.length)
      throw new SparkConnectClientError(
        `replace: ${olds.length} values to replace but ${news.length} replacements; give as many of each`,
      );
    return this.na.replace(new Map(olds.map((old, i) => [old, news[i]])), subset);
  }

  /**
   * Computes named metrics while an action runs: `df.observe(obs, count("*").alias("n"))`; with an
   * Observation, `obs.get()` returns them after the action. With a name only, the metrics go to
   * the streaming progress (`observedMetrics`), as in PySpark.
   */
  observe(observation: Observation | string, ...metrics: Column[]): DataFrame {
    if (metrics.length === 0) throw new SparkConnectClientError("observe() needs at least one metric column");
    const name = typeof observation === "string" ? observation : observation.name;
    if (observation instanceof Observation) this.session.registerObservation(observation);
    return this.derive({
      case: "collectMetrics",
      value: { input: this.relation, name, metrics: metrics.map((m) => m.expr) },
    });
  }

  /** count, mean, stddev, min, max of numeric and string columns (all when none are named). */
  describe(...columns: string[]): DataFrame {
    return this.derive({ case: "describe", value: { input: this.relation, cols: columns } });
  }

  /** The statistics named (count, mean, stddev, min, 25%, 50%, 75%, max by default). */
  summary(...statistics: string[]): DataFrame {
    return this.derive({ case: "summary", value: { input: this.relation, statistics } });
  }

  /** Statistics: `df.stat.corr("a", "b")`, `crosstab`, `freqItems`, `approxQuantile`, `sampleBy`, `cov`. */
  get stat(): DataFrameStatFunctions {
    return new DataFrameStatFunctions(this);
  }
  approxQuantile(column: string, probabilities: number[], relativeError: number): Promise<number[]>;
  approxQuantile(columns: string[], probabilities: number[], relativeError: number): Promise<number[][]>;
  approxQuantile(
    columns: string | string[],
    probabilities: number[],
    relativeError: number,
  ): Promise<number[] | number[][]> {
    return typeof columns === "string"
      ? this.stat.approxQuantile(columns, probabilities, relativeError)
      : this.stat.approxQuantile(columns, probabilities, relativeError);
  }
  corr(col1: string, col2: string, method?: string): Promise<number> {
    return this.stat.corr(col1, col2, method);
  }
  cov(col1: string, col2: string): Promise<number> {
    return this.stat.cov(col1, col2);
  }
  crosstab(col1: string, col2: string): DataFrame {
    return this.stat.crosstab(col1, col2);
  }
  freqItems(columns: string[], support?: number): DataFrame {
    return this.stat.freqItems(columns, support);
  }
  sampleBy(
    column: ColumnOrName,
    fractions: Record<string, number> | Map<unknown, number>,
    seed?: number,
  ): DataFrame {
    return this.stat.sampleBy(column, fractions, seed);
  }

  /** Null handling: `df.na.fill(0)`, `df.na.drop("any")`, `df.na.replace(...)`. */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }

  fillna(value: unknown, subset?: string[]): DataFrame {
    return this.na.fill(value, subset);
  }

  dropna(how: "any" | "all" = "any", threshold?: number, subset?: string[]): DataFrame {
    return this.na.drop(how, threshold, subset);
  }

  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }

  get writeStream(): DataStreamWriter {
    return new DataStreamWriter(this);
  }

  /** A V2 table write: `df.writeTo("db.t").using("parquet").createOrReplace()`. */
  writeTo(table: string): DataFrameWriterV2 {
    return new DataFrameWriterV2(this, table);
  }

  /** A MERGE of this DataFrame into `table` on `condition`: add when-clauses, then `merge()`. */
  mergeInto(table: string, condition: Column): MergeIntoWriter {
    return new MergeIntoWriter(this, table, condition);
  }

  // Caching: these ask the server at once and return this DataFrame, as PySpark's do.

  /** Caches the plan's result at `storageLevel` (memory and disk, deserialized, by default) from the next action on. */
  async persist(storageLevel: StorageLevel = StorageLevel.MEMORY_AND_DISK_DESER): Promise<DataFrame> {
    await storage.persist(this, storageLevel);
    return this;
  }
  cache(): Promise<DataFrame> {
    return this.persist();
  }
  async unpersist(blocking = false): Promise<DataFrame> {
    await storage.unpersist(this, blocking);
    return this;
  }
  /** How the plan's result is cached (`StorageLevel.NONE` when it is not). */
  storageLevel(): Promise<StorageLevel> {
    return storage.storageLevelOf(this);
  }
  /** Whether the plan is marked for caching (its storage level is not `NONE`). */
  async is_cached(): Promise<boolean> {
    return !storage.sameStorageLevel(await this.storageLevel(), StorageLevel.NONE);
  }
  /**
   * Saves the result in the checkpoint directory (`spark.checkpoint.dir`) and returns a DataFrame
   * reading it, its lineage cut; `eager` computes it now, else on the first action.
   */
  checkpoint(eager = true): Promise<DataFrame> {
    return actions.checkpoint(this, false, eager);
  }
  /** As `checkpoint`, but kept by the executors (at `storageLevel`): faster, lost with an executor. */
  localCheckpoint(eager = true, storageLevel?: StorageLevel): Promise<DataFrame> {
    return actions.checkpoint(this, true, eager, storageLevel);
  }
  /** Whether both plans compute the same result (as the server's optimizer sees it). */
  sameSemantics(other: DataFrame): Promise<boolean> {
    return actions.sameSemantics(this, other);
  }
  semanticHash(): Promise<number> {
    return actions.semanticHash(this);
  }

  // Actions and analysis: each runs something on the server.

  collect(options?: RowOptions): Promise<Row[]> {
    return actions.collect(this, options);
  }
  toArrow(): Promise<Table> {
    return actions.toArrow(this);
  }
  /** The result's Arrow record batches as they arrive, without holding the whole result. */
  toBatches(): AsyncGenerator<RecordBatch> {
    return actions.toBatches(this);
  }
  /** The result's rows as they arrive, batch by batch, without holding the whole result. */
  toLocalIterator(options?: RowOptions): AsyncGenerator<Row> {
    return actions.toLocalIterator(this, options);
  }
  [Symbol.asyncIterator](): AsyncGenerator<Row> {
    return actions.toLocalIterator(this);
  }
  count(): Promise<number> {
    return actions.count(this);
  }
  first(options?: RowOptions): Promise<Row | undefined> {
    return actions.head(this, 1, options).then((rows) => rows[0]);
  }
  head(n = 1, options?: RowOptions): Promise<Row[]> {
    return actions.head(this, n, options);
  }
  take(n: number, options?: RowOptions): Promise<Row[]> {
    return actions.head(this, n, options);
  }
  tail(n: number, options?: RowOptions): Promise<Row[]> {
    return actions.tail(this, n, options);
  }
  isEmpty(): Promise<boolean> {
    return actions.head(this, 1).then((rows) => rows.length === 0);
  }
  /** The table PySpark prints, as text (`truncate`: true = 20 chars, a number, or false). */
  showString(n = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    return actions.showString(this, n, truncate, vertical);
  }
  /** Prints the first `n` rows as PySpark's `show()` does. */
  async show(n = 20, truncate: boolean | number = true, vertical = false): Promise<void> {
    process.stdout.write(await this.showString(n, truncate, vertical));
  }
  schema(): Promise<StructType> {
    return actions.schema(this);
  }
  columns(): Promise<string[]> {
    return actions.schema(this).then((s) => s.fields.map((f) => f.name));
  }
  /** Column names with their simple type strings, e.g. `[["id", "bigint"]]`. */
  dtypes(): Promise<[string, string][]> {
    return actions.dtypes(this);
  }
  /** The `printSchema()` tree, as text. */
  treeString(): Promise<string> {
    return actions.treeString(this);
  }
  async printSchema(): Promise<void> {
    process.stdout.write(await this.treeString());
  }
  /** The plan as text in the given explain mode (`simple` by default). */
  explainString(mode: ExplainMode | boolean = "simple"): Promise<string> {
    return actions.explainString(this, mode === true ? "extended" : mode === false ? "simple" : mode);
  }
  async explain(mode: ExplainMode | boolean = "simple"): Promise<void> {
    process.stdout.write(`${await this.explainString(mode)}\n`);
  }
  isStreaming(): Promise<boolean> {
    return actions.isStreaming(this);
  }
  isLocal(): Promise<boolean> {
    return actions.isLocal(this);
  }
  inputFiles(): Promise<string[]> {
    return actions.inputFiles(this);
  }
  createTempView(name: string): Promise<void> {
    return actions.createView(this, name, false, false);
  }
  createOrReplaceTempView(name: string): Promise<void> {
    return actions.createView(this, name, false, true);
  }
  /** The old name of `createOrReplaceTempView` (deprecated in PySpark, kept for ported code). */
  registerTempTable(name: string): Promise<void> {
    return this.createOrReplaceTempView(name);
  }
  createGlobalTempView(name: string): Promise<void> {
    return actions.createView(this, name, true, false);
  }
  createOrReplaceGlobalTempView(name: string): Promise<void> {
    return actions.createView(this, name, true, true);
  }
}
