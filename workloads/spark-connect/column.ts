import type { MessageInitShape } from "@bufbuild/protobuf";
import { SparkConnectClientError } from "./errors.ts";
import {
  Expression_Cast_EvalMode as EvalMode,
  type ExpressionSchema,
  Expression_SortOrder_NullOrdering as NullOrdering,
  Expression_SortOrder_SortDirection as SortDirection,
} from "./gen/spark/connect/expressions_pb.ts";
import { literalOf } from "./literals.ts";
import type { DataType } from "./types.ts";
import { dataTypeToProto } from "./types-proto.ts";

export type ExpressionInit = MessageInitShape<typeof ExpressionSchema>;

/** A column name, a Column, or (where a value is expected) a literal. */
export type ColumnOrName = Column | string;

/** An expression over a DataFrame's rows. Immutable: every method returns a new Column. */
export class Column {
  /** @internal */
  constructor(readonly expr: ExpressionInit) {}

  /** @internal The function call `name(this, ...args)`; literals are wrapped with lit(). */
  fn(name: string, ...args: unknown[]): Column {
    return callFunction(name, this, ...args.map(toColumnOrLiteral));
  }

  plus(other: unknown): Column {
    return this.fn("+", other);
  }
  minus(other: unknown): Column {
    return this.fn("-", other);
  }
  multiply(other: unknown): Column {
    return this.fn("*", other);
  }
  divide(other: unknown): Column {
    return this.fn("/", other);
  }
  mod(other: unknown): Column {
    return this.fn("%", other);
  }
  negate(): Column {
    return this.fn("negative");
  }

  eq(other: unknown): Column {
    return this.fn("==", other);
  }
  /** Not equal; null when either side is null, as in SQL. */
  ne(other: unknown): Column {
    return this.eq(other).not();
  }
  /** Equality that treats two nulls as equal (`<=>`). */
  eqNullSafe(other: unknown): Column {
    return this.fn("<=>", other);
  }
  gt(other: unknown): Column {
    return this.fn(">", other);
  }
  ge(other: unknown): Column {
    return this.fn(">=", other);
  }
  lt(other: unknown): Column {
    return this.fn("<", other);
  }
  le(other: unknown): Column {
    return this.fn("<=", other);
  }
  between(lower: unknown, upper: unknown): Column {
    return this.ge(lower).and(this.le(upper));
  }

  and(other: unknown): Column {
    return this.fn("and", other);
  }
  or(other: unknown): Column {
    return this.fn("or", other);
  }
  not(): Column {
    return this.fn("not");
  }

  bitwiseAND(other: unknown): Column {
    return this.fn("&", other);
  }
  bitwiseOR(other: unknown): Column {
    return this.fn("|", other);
  }
  bitwiseXOR(other: unknown): Column {
    return this.fn("^", other);
  }

  isNull(): Column {
    return this.fn("isnull");
  }
  isNotNull(): Column {
    return this.fn("isnotnull");
  }
  isNaN(): Column {
    return this.fn("isnan");
  }
  isin(...values: unknown[]): Column {
    const flat = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    return this.fn("in", ...flat);
  }
  like(pattern: string): Column {
    return this.fn("like", pattern);
  }
  ilike(pattern: string): Column {
    return this.fn("ilike", pattern);
  }
  rlike(pattern: string): Column {
    return this.fn("rlike", pattern);
  }
  startsWith(prefix: unknown): Column {
    return this.fn("startswith", prefix);
  }
  /** PySpark's spelling of `startsWith`. */
  startswith(prefix: unknown): Column {
    return this.startsWith(prefix);
  }
  endsWith(suffix: unknown): Column {
    return this.fn("endswith", suffix);
  }
  /** PySpark's spelling of `endsWith`. */
  endswith(suffix: unknown): Column {
    return this.endsWith(suffix);
  }
  contains(other: unknown): Column {
    return this.fn("contains", other);
  }
  substr(startPos: number | Column, length: number | Column): Column {
    return this.fn("substr", startPos, length);
  }

  /** A field of a struct column. */
  getField(name: string): Column {
    return new Column({
      exprType: { case: "unresolvedExtractValue", value: { child: this.expr, extraction: lit(name).expr } },
    });
  }
  /** An element of an array (by index) or a map (by key). */
  getItem(key: unknown): Column {
    return new Column({
      exprType: {
        case: "unresolvedExtractValue",
        value: { child: this.expr, extraction: toColumnOrLiteral(key).expr },
      },
    });
  }
  /** The struct with field `name` added or replaced. */
  withField(name: string, value: Column): Column {
    return new Column({
      exprType: {
        case: "updateFields",
        value: { structExpression: this.expr, fieldName: name, valueExpression: value.expr },
      },
    });
  }
  dropFields(...names: string[]): Column {
    return names.reduce<Column>(
      (column, fieldName) =>
        new Column({
          exprType: { case: "updateFields", value: { structExpression: column.expr, fieldName } },
        }),
      this,
    );
  }

  /** Cast to a type given as a DataType or a DDL string such as `"bigint"` or `"array<string>"`. */
  cast(type: DataType | string): Column {
    return this.castWith(type, EvalMode.UNSPECIFIED);
  }
  /** Cast that yields null instead of failing. */
  tryCast(type: DataType | string): Column {
    return this.castWith(type, EvalMode.TRY);
  }
  /** PySpark's spelling of `tryCast`. */
  try_cast(type: DataType | string): Column {
    return this.tryCast(type);
  }
  astype(type: DataType | string): Column {
    return this.cast(type);
  }

  alias(...names: string[]): Column {
    if (names.length === 0) throw new SparkConnectClientError("alias() needs at least one name");
    return new Column({ exprType: { case: "alias", value: { expr: this.expr, name: names } } });
  }
  as(...names: string[]): Column {
    return this.alias(...names);
  }
  name(name: string): Column {
    return this.alias(name);
  }

  asc(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  ascNullsFirst(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  ascNullsLast(): Column {
    return this.sortOrder(SortDirection.ASCENDING, NullOrdering.SORT_NULLS_LAST);
  }
  desc(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_LAST);
  }
  descNullsFirst(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_FIRST);
  }
  descNullsLast(): Column {
    return this.sortOrder(SortDirection.DESCENDING, NullOrdering.SORT_NULLS_LAST);
  }
  // PySpark's spellings of the four sort orders above.
  /** Ascending, nulls first. */
  asc_nulls_first(): Column {
    return this.ascNullsFirst();
  }
  /** Ascending, nulls last. */
  asc_nulls_last(): Column {
    return this.ascNullsLast();
  }
  /** Descending, nulls first. */
  desc_nulls_first(): Column {
    return this.descNullsFirst();
  }
  /** Descending, nulls last. */
  desc_nulls_last(): Column {
    return this.descNullsLast();
  }

  /** Adds a branch to a `when(...)` column. */
  when(condition: Column, value: unknown): Column {
    const args = this.whenArguments("when");
    return callFunction("when", ...args, condition, toColumnOrLiteral(value));
  }
  /** The value of a `when(...)` column when no branch matches. */
  otherwise(value: unknown): Column {
    const args = this.whenArguments("otherwise");
    if (args.length % 2 === 1) throw new SparkConnectClientError("otherwise() may be given only once");
    return callFunction("when", ...args, toColumnOrLiteral(value));
  }

  /** This column as a window function over `window`: `rank().over(Window.partitionBy("a").orderBy("b"))`. */
  over(window: { toProto(function_: ExpressionInit): ExpressionInit }): Column {
    return new Column(window.toProto(this.expr));
  }

  /** `f(this)`: chains a function of a column, `col("a").transform((c) => c.plus(1))`. */
  transform(f: (column: Column) => Column): Column {
    return f(this);
  }

  /**
   * Marks a column of the outer query inside a subquery (`df.scalar()`, `exists()`, `lateralJoin`).
   * As in PySpark Connect the expression is sent unchanged: the server resolves a name it cannot
   * find in the subquery against the outer query.
   */
  outer(): Column {
    return new Column(this.expr);
  }

  toString(): string {
    return `Column<${describe(this.expr)}>`;
  }

  private castWith(type: DataType | string, evalMode: EvalMode): Column {
    return new Column({
      exprType: {
        case: "cast",
        value: {
          expr: this.expr,
          castToType:
            typeof type === "string"
              ? { case: "typeStr", value: type }
              : { case: "type", value: dataTypeToProto(type) },
          evalMode,
        },
      },
    });
  }

  private sortOrder(direction: SortDirection, nullOrdering: NullOrdering): Column {
    const child = this.expr.exprType?.case === "sortOrder" ? this.expr.exprType.value.child : this.expr;
    return new Column({ exprType: { case: "sortOrder", value: { child, direction, nullOrdering } } });
  }

  private whenArguments(method: string): Column[] {
    const expr = this.expr.exprType;
    if (expr?.case !== "unresolvedFunction" || expr.value.functionName !== "when") {
      throw new SparkConnectClientError(`${method}() applies to a column made by when(condition, value)`);
    }
    return (expr.value.arguments ?? []).map((argument) => new Column(argument));
  }
}

/** A column by name; `"*"` selects all, `"a.b"` a nested field, backticks quote odd names. */
export function col(name: string): Column {
  if (name === "*") return new Column({ exprType: { case: "unresolvedStar", value: {} } });
  if (name.endsWith(".*")) {
    return new Column({ exprType: { case: "unresolvedStar", value: { unparsedTarget: name } } });
  }
  return new Column({ exprType: { case: "unresolvedAttribute", value: { unparsedIdentifier: name } } });
}

export const column = col;

/** A literal column: numbers, strings, booleans, bigint, Date, Uint8Array, arrays, maps, or `typed(value, type)`. */
export function lit(value: unknown): Column {
  if (value instanceof Column) return value;
  // As PySpark: a list becomes array(lit(x), …), so the element type and nullability are the server's.
  if (Array.isArray(value)) return callFunction("array", ...value.map(lit));
  return new Column({ exprType: { case: "literal", value: literalOf(value) } });
}

/** A SQL expression string parsed by the server: `expr("a + 1 AS b")`. */
export function expr(sql: string): Column {
  return new Column({ exprType: { case: "expressionString", value: { expression: sql } } });
}

/** Any Spark SQL function by name, for those without a helper here. */
export function callFunction(name: string, ...args: ColumnOrName[]): Column {
  return new Column({
    exprType: {
      case: "unresolvedFunction",
      value: { functionName: name, arguments: args.map((a) => toColumn(a).expr) },
    },
  });
}

/** `count(DISTINCT …)`-style calls. */
export function callDistinctFunction(name: string, ...args: ColumnOrName[]): Column {
  return new Column({
    exprType: {
      case: "unresolvedFunction",
      value: { functionName: name, arguments: args.map((a) => toColumn(a).expr), isDistinct: true },
    },
  });
}

/** A name becomes `col(name)`. */
export function toColumn(value: ColumnOrName): Column {
  return typeof value === "string" ? col(value) : value;
}

/** A Column stays as it is; any other value becomes a literal (strings are values here, not names). */
export function toColumnOrLiteral(value: unknown): Column {
  return value instanceof Column ? value : lit(value);
}

function describe(expr: ExpressionInit): string {
  const e = expr.exprType;
  switch (e?.case) {
    case "unresolvedAttribute":
      return e.value.unparsedIdentifier ?? "";
    case "unresolvedFunction":
      return `${e.value.functionName}(${(e.value.arguments ?? []).map(describe).join(", ")})`;
    case "literal":
      return String(e.value.literalType?.value ?? "NULL");
    case "alias":
      return `${describe(e.value.expr ?? {})} AS ${(e.value.name ?? []).join(".")}`;
    case "expressionString":
      return e.value.expression ?? "";
    default:
      return e?.case ?? "?";
  }
}
