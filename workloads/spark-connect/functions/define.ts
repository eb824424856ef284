import { Column, type ColumnOrName, callDistinctFunction, callFunction, lit, toColumn } from "../column.ts";
import { SparkConnectClientError } from "../errors.ts";
import { type StructType, toDDL } from "../types.ts";
import { lambda } from "./lambda.ts";

/**
 * The function library as data: each PySpark function is one entry `define(sparkName, argumentKinds)`
 * whose TypeScript signature is derived from the kinds, so the table stays typed without a body
 * per function. A kind says what a JS argument may be and how it becomes an expression.
 */
export interface ArgumentTypes {
  /** A Column, or a string naming one (PySpark's ColumnOrName). */
  col: ColumnOrName;
  /** A Column only (PySpark parameters typed `Column`). */
  column: Column;
  /** A Column, a column name, or a number sent as a literal (`Union[ColumnOrName, int]`). */
  colOrNumber: ColumnOrName | number;
  /** Any literal value (strings are values, not names) or a Column. */
  value: unknown;
  str: string | Column;
  int: number | bigint | Column;
  num: number | Column;
  bool: boolean | Column;
  /** One number, a list of them (an array literal) or a Column. */
  nums: number | number[] | Column;
  /** A schema as a StructType, a DDL string or a Column. */
  schema: StructType | string | Column;
  /** Data source options, sent as a map literal (nothing when empty). */
  options: Record<string, string>;
  fn1: (x: Column) => Column;
  fn2: (x: Column, y: Column) => Column;
  fn3: (x: Column, y: Column, z: Column) => Column;
  /** `(element) => …` or `(element, index) => …`: the JS function's arity decides. */
  fn1or2: (x: Column, index: Column) => Column;
}
export type ArgumentKind = keyof ArgumentTypes;

/**
 * One argument: `"kind"` (required), `"kind?"` (optional, left out when not given),
 * `["kind", default]` (optional, the default sent as a literal when not given, as PySpark does),
 * `"...kind"` (any number, last only).
 */
export type ArgumentSpec =
  | ArgumentKind
  | `${ArgumentKind}?`
  | `...${ArgumentKind}`
  | readonly [ArgumentKind, unknown];

/** The parameter list a tuple of argument specs stands for. */
export type ParametersOf<S extends readonly ArgumentSpec[]> = S extends readonly [
  infer Head,
  ...infer Rest extends readonly ArgumentSpec[],
]
  ? Head extends `...${infer K extends ArgumentKind}`
    ? ArgumentTypes[K][]
    : Head extends `${infer K extends ArgumentKind}?`
      ? [ArgumentTypes[K]?, ...ParametersOf<Rest>]
      : Head extends readonly [infer K extends ArgumentKind, unknown]
        ? [ArgumentTypes[K]?, ...ParametersOf<Rest>]
        : Head extends ArgumentKind
          ? [ArgumentTypes[Head], ...ParametersOf<Rest>]
          : never
  : [];

/** A function of the table; `sparkName` is the Spark SQL function it calls. */
export type SparkFunction<S extends readonly ArgumentSpec[]> = ((...args: ParametersOf<S>) => Column) & {
  readonly sparkName: string;
};

interface ParsedSpec {
  kind: ArgumentKind;
  mode: "required" | "optional" | "default" | "rest";
  defaultValue?: unknown;
}

function parseSpec(spec: ArgumentSpec): ParsedSpec {
  if (typeof spec !== "string") return { kind: spec[0], mode: "default", defaultValue: spec[1] };
  if (spec.startsWith("...")) return { kind: spec.slice(3) as ArgumentKind, mode: "rest" };
  if (spec.endsWith("?")) return { kind: spec.slice(0, -1) as ArgumentKind, mode: "optional" };
  return { kind: spec as ArgumentKind, mode: "required" };
}

/** The expressions one argument of a kind becomes (options may become none). */
function argumentColumns(kind: ArgumentKind, value: unknown): Column[] {
  switch (kind) {
    case "col":
    case "column":
      if (!(value instanceof Column) && (kind === "column" || typeof value !== "string")) {
        throw new TypeError(
          `expected ${kind === "col" ? "a Column or a column name" : "a Column"}, got ${typeof value} ${String(value)}; wrap values in lit()`,
        );
      }
      return [toColumn(value as ColumnOrName)];
    case "colOrNumber":
      return [typeof value === "string" ? toColumn(value) : lit(value)];
    case "schema":
      return [
        typeof value === "object" && value !== null && "kind" in value
          ? lit(toDDL(value as StructType))
          : lit(value),
      ];
    case "options":
      return optionsColumns(value as Record<string, string>);
    case "fn1":
    case "fn2":
    case "fn3":
    case "fn1or2":
      return [lambda(value as (...args: Column[]) => Column)];
    default:
      return [lit(value)];
  }
}

/** argumentColumns, with the function and position in the error of a wrong argument. */
function argumentOf(sparkName: string, index: number, kind: ArgumentKind, value: unknown): Column[] {
  try {
    return argumentColumns(kind, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new SparkConnectClientError(`${sparkName}(): argument ${index + 1}: ${error.message}`);
  }
}

/** Options as Spark's `map(k1, v1, …)`, or nothing when there are none. */
export function optionsColumns(options: Record<string, string> | undefined): Column[] {
  if (options === undefined || Object.keys(options).length === 0) return [];
  return [callFunction("map", ...Object.entries(options).flatMap(([k, v]) => [lit(k), lit(v)]))];
}

/**
 * A typed PySpark function that calls the Spark SQL function `sparkName` with its arguments converted
 * by kind; `distinct` makes it an aggregate over distinct values (`listagg(DISTINCT …)`).
 */
export function define<const S extends readonly ArgumentSpec[]>(
  sparkName: string,
  specs: S,
  options: { distinct?: boolean } = {},
): SparkFunction<S> {
  const parsed = specs.map(parseSpec);
  const call = options.distinct ? callDistinctFunction : callFunction;
  const sparkFunction = (...args: unknown[]) => {
    const columns: Column[] = [];
    const pendingNulls: Column[] = [];
    parsed.forEach((spec, index) => {
      if (spec.mode === "rest") {
        args.slice(index).forEach((value, offset) => {
          columns.push(...argumentOf(sparkName, index + offset, spec.kind, value));
        });
        return;
      }
      const value = args[index];
      if (value === undefined) {
        if (spec.mode === "required") {
          throw new SparkConnectClientError(
            `${sparkName}(): argument ${index + 1} (${spec.kind}) is required`,
          );
        }
        if (spec.mode === "default") columns.push(...pendingNulls.splice(0), lit(spec.defaultValue));
        // An optional left out before a given one becomes a null literal, keeping later positions.
        else pendingNulls.push(lit(null));
        return;
      }
      columns.push(...pendingNulls.splice(0), ...argumentOf(sparkName, index, spec.kind, value));
    });
    return call(sparkName, ...columns);
  };
  return Object.assign(sparkFunction, { sparkName }) as SparkFunction<S>;
}
