import { describe, expect, it } from "vitest";
import { Column, functions as F, lit, SparkSession, T } from "../../workloads/spark-connect/index.ts";

// Plans are built without a server: the session connects on its first call only.
const session = await SparkSession.builder().remote("sc://127.0.0.1:1").getOrCreate();

type Expr = Column["expr"];

function call(column: Column): { name: string; args: Expr[]; distinct: boolean } {
  const e = column.expr.exprType;
  if (e?.case !== "unresolvedFunction") throw new Error(`not a function call: ${e?.case}`);
  return { name: e.value.functionName ?? "", args: e.value.arguments ?? [], distinct: !!e.value.isDistinct };
}

/** Each argument as a short tag: a column name, a literal's value, a nested call's name, or the expression kind. */
function shape(expr: Expr): unknown {
  const e = expr.exprType;
  switch (e?.case) {
    case "unresolvedAttribute":
      return `col:${e.value.unparsedIdentifier}`;
    case "literal":
      return e.value.literalType?.case === "null" ? null : e.value.literalType?.value;
    case "unresolvedFunction":
      return `${e.value.functionName}(${(e.value.arguments ?? []).map((a) => String(shape(a))).join(",")})`;
    default:
      return e?.case;
  }
}

function argShapes(column: Column): unknown[] {
  return call(column).args.map(shape);
}

describe("functions defined as a table of argument kinds", () => {
  it("treats strings as column names for Column arguments and as literals for value arguments", () => {
    const c = F.regexp_extract_all("line", lit("(\\d+)"), 1);
    expect(call(c).name).toBe("regexp_extract_all");
    expect(argShapes(c)).toEqual(["col:line", "(\\d+)", 1]);
    expect(argShapes(F.date_format("ts", "yyyy-MM-dd"))).toEqual(["col:ts", "yyyy-MM-dd"]);
    expect(argShapes(F.array_contains("tags", "error"))).toEqual(["col:tags", "error"]);
  });

  it("leaves out optional arguments that are not given, as PySpark does", () => {
    expect(argShapes(F.regexp_extract_all("line", lit("x")))).toEqual(["col:line", "x"]);
    expect(argShapes(F.levenshtein("a", "b"))).toEqual(["col:a", "col:b"]);
    expect(argShapes(F.levenshtein("a", "b", 3))).toEqual(["col:a", "col:b", 3]);
  });

  it("sends PySpark's defaults for arguments with one", () => {
    expect(argShapes(F.months_between("a", "b"))).toEqual(["col:a", "col:b", true]);
    expect(argShapes(F.mask("s"))).toEqual(["col:s", "X", "x", "n", null]);
    expect(argShapes(F.str_to_map("s"))).toEqual(["col:s", ",", ":"]);
    expect(argShapes(F.aes_encrypt("input", "key"))).toEqual([
      "col:input",
      "col:key",
      "GCM",
      "DEFAULT",
      "",
      "",
    ]);
    const interval = F.make_interval(lit(1));
    expect(argShapes(interval).slice(0, 6)).toEqual([1, 0, 0, 0, 0, 0]);
    const seconds = call(interval).args[6]?.exprType;
    expect(seconds?.case === "literal" && seconds.value.literalType?.case).toBe("decimal");
  });

  it("passes a null for an optional argument left out before a given one", () => {
    expect(argShapes(F.sequence("a", "b"))).toEqual(["col:a", "col:b"]);
    expect(argShapes(F.time_bucket(lit("1 hour"), "ts"))).toEqual(["1 hour", "col:ts"]);
    expect(
      argShapes(F.try_make_timestamp_ltz(lit(2024), lit(1), lit(2), lit(3), lit(4), lit(5))),
    ).toHaveLength(6);
  });

  it("spreads variadic arguments and names the Spark function where PySpark's differs", () => {
    expect(argShapes(F.elt(lit(2), "a", "b"))).toEqual([2, "col:a", "col:b"]);
    expect(call(F.timestamp_add("HOUR", lit(3), "ts")).name).toBe("timestampadd");
    expect(argShapes(F.timestamp_diff("DAY", "a", "b"))).toEqual(["DAY", "col:a", "col:b"]);
  });

  it("sends options as a map and leaves them out when empty", () => {
    expect(argShapes(F.from_csv("line", "a INT, b STRING", { sep: ";" }))).toEqual([
      "col:line",
      "a INT, b STRING",
      "map(sep,;)",
    ]);
    expect(argShapes(F.to_json("s", {}))).toEqual(["col:s"]);
    expect(argShapes(F.from_json("v", T.struct([T.field("n", T.long())])))).toEqual(["col:v", "n BIGINT"]);
  });

  it("marks the distinct aggregates as DISTINCT calls of the plain function", () => {
    expect(call(F.listagg_distinct("s", ",")).distinct).toBe(true);
    expect(call(F.listagg_distinct("s", ",")).name).toBe("listagg");
    expect(call(F.count_distinct("a", "b")).distinct).toBe(true);
    expect(call(F.sum_distinct("a")).name).toBe("sum");
    expect(call(F.listagg("s")).distinct).toBe(false);
  });

  it("fails with the function and position when a required argument is missing", () => {
    const untyped = F.split_part as unknown as (...args: unknown[]) => Column;
    expect(() => untyped("s", lit(","))).toThrow(/split_part\(\): argument 3 \(col\) is required/);
  });

  it("keeps the signatures typed", () => {
    // @ts-expect-error a number is not a column or a name
    expect(() => F.sha1(5)).toThrow(/sha1\(\): argument 1: expected a Column or a column name, got number 5/);
    // @ts-expect-error ntile takes a bucket count, not a column name
    F.ntile("n");
    // @ts-expect-error too many arguments
    F.sha1("a", "b");
    expect(call(F.ntile(4)).name).toBe("ntile");
  });
});

describe("functions with special shapes", () => {
  function lambdaOf(expr: Expr | undefined) {
    const e = expr?.exprType;
    if (e?.case !== "lambdaFunction") throw new Error(`not a lambda: ${e?.case}`);
    return e.value;
  }
  function variableName(expr: Expr | undefined): string {
    const e = expr?.exprType;
    if (e?.case !== "unresolvedNamedLambdaVariable") throw new Error(`not a lambda variable: ${e?.case}`);
    return (e.value.nameParts ?? []).join(".");
  }

  it("builds a lambda whose body refers to its own variables", () => {
    const c = F.transform("xs", (x) => x.plus(1));
    const fn = lambdaOf(call(c).args[1]);
    expect(fn.arguments).toHaveLength(1);
    const body = fn.function?.exprType;
    expect(body?.case === "unresolvedFunction" && body.value.functionName).toBe("+");
    const operand = body?.case === "unresolvedFunction" ? body.value.arguments?.[0] : undefined;
    expect(variableName(operand)).toBe(fn.arguments?.[0]?.nameParts?.join("."));
  });

  it("gives a lambda as many variables as the JS function has parameters", () => {
    expect(lambdaOf(call(F.transform("xs", (x, i) => x.plus(i))).args[1]).arguments).toHaveLength(2);
    expect(
      lambdaOf(call(F.map_zip_with("a", "b", (k, v1, v2) => v1.plus(v2).plus(k))).args[2]).arguments,
    ).toHaveLength(3);
    const agg = call(
      F.aggregate(
        "xs",
        lit(0),
        (acc, x) => acc.plus(x),
        (acc) => acc.multiply(10),
      ),
    );
    expect(agg.args.map((a) => a.exprType?.case)).toEqual([
      "unresolvedAttribute",
      "literal",
      "lambdaFunction",
      "lambdaFunction",
    ]);
  });

  it("names nested lambdas' variables apart so the inner one cannot capture the outer", () => {
    const c = F.transform("matrix", (row) => F.transform(row, (x) => x.multiply(2)));
    const outer = lambdaOf(call(c).args[1]);
    const inner = lambdaOf(call(new Column(outer.function ?? {})).args[1]);
    expect(outer.arguments?.[0]?.nameParts).not.toEqual(inner.arguments?.[0]?.nameParts);
  });

  it("rejects a lambda without parameters, naming the fix", () => {
    const untyped = F.filter as unknown as (c: string, f: () => Column) => Column;
    expect(() => untyped("xs", () => lit(true))).toThrow(/takes 1 to 3 parameters/);
  });

  it("sorts with or without a comparator", () => {
    expect(argShapes(F.array_sort("xs"))).toEqual(["col:xs"]);
    expect(call(F.array_sort("xs", (a, b) => b.minus(a))).args[1]?.exprType?.case).toBe("lambdaFunction");
  });

  it("broadcast is a hint on the DataFrame", () => {
    const hinted = F.broadcast(session.range(3)).relation.relType;
    expect(hinted?.case).toBe("hint");
    expect(hinted?.case === "hint" && hinted.value.name).toBe("broadcast");
  });

  it("makes timestamps from fields or from a date and a time", () => {
    expect(argShapes(F.make_timestamp("y", "mo", "d", "h", "mi", "s"))).toHaveLength(6);
    expect(argShapes(F.make_timestamp("y", "mo", "d", "h", "mi", "s", lit("UTC")))[6]).toBe("UTC");
    expect(argShapes(F.make_timestamp({ date: "d", time: "t" }))).toEqual(["col:d", "col:t"]);
    expect(argShapes(F.make_timestamp_ntz({ date: "d", time: "t" }))).toEqual(["col:d", "col:t"]);
  });

  it("follows PySpark's argument order where it is not the obvious one", () => {
    expect(argShapes(F.log("v"))).toEqual(["col:v"]);
    expect(call(F.log("v")).name).toBe("ln");
    expect(argShapes(F.log(2, "v"))).toEqual([2, "col:v"]);
    expect(argShapes(F.trim("s", lit("x")))).toEqual(["x", "col:s"]);
    expect(argShapes(F.convert_timezone(null, "UTC", "ts"))).toEqual(["UTC", "col:ts"]);
    expect(argShapes(F.convert_timezone("Europe/Paris", "UTC", "ts"))).toEqual([
      "Europe/Paris",
      "UTC",
      "col:ts",
    ]);
  });

  it("sort functions give sort orders", () => {
    const order = F.desc_nulls_first("a").expr.exprType;
    expect(order?.case).toBe("sortOrder");
  });
});
