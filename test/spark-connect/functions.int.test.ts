import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { afterAll, describe, expect, inject, it } from "vitest";
import { col, functions as F, lit, SparkSession, Window } from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
afterAll(() => spark.stop());

// A small data set; every expected value is computed from it in JS.
const lines = [
  { id: 1, line: "GET /a 200 12ms", xs: [3, 1, 2], payload: '{"user":"ann","n":3}' },
  { id: 2, line: "POST /b 500 340ms", xs: [10, 20], payload: '{"user":"bob","n":7}' },
  { id: 3, line: "GET /c 404 7ms", xs: [5], payload: '{"user":"cid","n":-1}' },
  { id: 4, line: "PUT /d 201 99ms", xs: [], payload: "not json" },
];
const df = spark.createDataFrame(lines, "id INT, line STRING, xs ARRAY<INT>, payload STRING");

describe("the function library against a real server", () => {
  it("calls only functions the server knows, for every entry of the table", async () => {
    const registered = new Set(
      (await (await spark.sql("SHOW FUNCTIONS")).collect()).map((row) => String(row.function)),
    );
    // Resolved by the Spark Connect planner itself, not by the SQL function registry.
    const connectPlannerOnly = new Set([
      "product",
      "timestampadd",
      "timestampdiff",
      "unwrap_udt",
      "bucket",
      "years",
      "months",
      "days",
      "hours",
    ]);
    const tableNames = Object.values(F)
      .map((fn) => (fn as { sparkName?: string }).sparkName)
      .filter((name): name is string => name !== undefined);
    expect(tableNames.length).toBeGreaterThan(350);
    expect(tableNames.filter((name) => !registered.has(name) && !connectPlannerOnly.has(name))).toEqual([]);
  });

  it("runs the functions only the Spark Connect planner knows", async () => {
    const [row] = await spark
      .range(1, 6)
      .agg(
        F.product("id").alias("product"),
        F.max(F.bitwise_not("id")).alias("not"),
        F.min(F.negate("id")).alias("negated"),
        F.max(
          F.timestamp_diff(
            "MINUTE",
            F.timestamp_seconds(lit(0)),
            F.timestamp_seconds(col("id").multiply(600)),
          ),
        ).alias("minutes"),
      )
      .collect({ int64: "number" });
    expect(row).toEqual({ product: 120, not: ~1, negated: -5, minutes: 50 });
  });

  it("regexp_extract_all, split_part, sha1 and string functions match JS", async () => {
    const rows = await df
      .select(
        "id",
        F.regexp_extract_all("line", lit("(\\d+)"), 1).alias("numbers"),
        F.split_part("line", lit(" "), lit(2)).alias("path"),
        F.sha1("line").alias("sha1"),
        F.initcap(F.lower("line")).alias("title"),
        F.left("line", lit(3)).alias("head"),
        F.locate("/", "line").alias("slash"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      lines.map((l) => ({
        id: l.id,
        numbers: [...l.line.matchAll(/(\d+)/g)].map((m) => m[1]),
        path: l.line.split(" ")[1],
        sha1: createHash("sha1").update(l.line).digest("hex"),
        title: l.line
          .toLowerCase()
          .split(" ")
          .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
          .join(" "),
        head: l.line.slice(0, 3),
        slash: l.line.indexOf("/") + 1,
      })),
    );
  });

  it("higher-order functions run JS lambdas as Spark lambdas", async () => {
    const rows = await df
      .select(
        "id",
        F.transform("xs", (x, i) => x.multiply(10).plus(i)).alias("scaled"),
        F.filter("xs", (x) => x.gt(1)).alias("big"),
        F.aggregate("xs", lit(0), (acc, x) => acc.plus(x)).alias("total"),
        F.exists("xs", (x) => x.eq(2)).alias("has2"),
        F.forall("xs", (x) => x.lt(15)).alias("small"),
        F.zip_with("xs", "xs", (a, b) => a.multiply(b)).alias("squares"),
        F.array_sort("xs", (a, b) => b.minus(a)).alias("desc"),
        F.transform("xs", (x) => F.size(F.filter("xs", (y) => y.lt(x)))).alias("below"),
      )
      .orderBy("id")
      .collect();
    expect(rows).toEqual(
      lines.map((l) => ({
        id: l.id,
        scaled: l.xs.map((x, i) => x * 10 + i),
        big: l.xs.filter((x) => x > 1),
        total: l.xs.reduce((a, b) => a + b, 0),
        has2: l.xs.includes(2),
        small: l.xs.every((x) => x < 15),
        squares: l.xs.map((x) => x * x),
        desc: [...l.xs].sort((a, b) => b - a),
        below: l.xs.map((x) => l.xs.filter((y) => y < x).length),
      })),
    );
  });

  it("map lambdas take (key, value) and (key, value1, value2); reduce applies its finish", async () => {
    const [row] = await spark
      .range(1)
      .select(
        F.create_map(lit("a"), lit(1), lit("b"), lit(5)).alias("m"),
        F.create_map(lit("a"), lit(10), lit("c"), lit(30)).alias("n"),
      )
      .select(
        F.map_filter("m", (_k, v) => v.gt(2)).alias("kept"),
        F.transform_values("m", (k, v) => F.concat(k, v.cast("string"))).alias("labelled"),
        F.transform_keys("m", (k, _v) => F.upper(k)).alias("upper"),
        F.map_zip_with("m", "n", (_k, v1, v2) => F.coalesce(v1, lit(0)).plus(F.coalesce(v2, lit(0)))).alias(
          "sum",
        ),
        F.reduce(
          F.map_values("m"),
          lit(0),
          (acc, v) => acc.plus(v),
          (acc) => acc.multiply(100),
        ).alias("total"),
      )
      .collect();
    expect(row?.kept).toEqual(new Map([["b", 5]]));
    expect(row?.labelled).toEqual(
      new Map([
        ["a", "a1"],
        ["b", "b5"],
      ]),
    );
    expect(row?.upper).toEqual(
      new Map([
        ["A", 1],
        ["B", 5],
      ]),
    );
    expect(row?.sum).toEqual(
      new Map([
        ["a", 11],
        ["b", 5],
        ["c", 30],
      ]),
    );
    expect(row?.total).toBe((1 + 5) * 100);
  });

  it("try_* functions give null where the plain ones fail", async () => {
    const [row] = await spark
      .range(1)
      .select(
        F.try_divide(lit(1), lit(0)).alias("div"),
        F.try_add(lit(2 ** 31 - 1), lit(1)).alias("add"),
        F.try_to_number(lit("12x"), lit("999")).alias("num"),
        F.try_element_at(F.array(lit(1)), lit(5)).alias("elem"),
        F.try_divide(lit(7), lit(2)).alias("half"),
      )
      .collect();
    expect(row).toEqual({ div: null, add: null, num: null, elem: null, half: 3.5 });
    await expect(
      spark
        .range(1)
        .select(F.element_at(F.array(lit(1)), lit(5)))
        .collect(),
    ).rejects.toThrow(/INVALID_ARRAY_INDEX/);
  });

  it("parse_json and the variant family read fields as JSON.parse does", async () => {
    const valid = lines.filter((l) => l.payload.startsWith("{"));
    const rows = await df
      .select("id", F.try_parse_json("payload").alias("v"))
      .select(
        "id",
        F.variant_get("v", "$.user", "string").alias("user"),
        F.try_variant_get("v", "$.n", "int").alias("n"),
        F.is_variant_null("v").alias("isNull"),
        F.schema_of_variant("v").alias("schema"),
      )
      .where(col("user").isNotNull())
      .orderBy("id")
      .collect();
    expect(rows.map((r) => [r.id, r.user, r.n, r.isNull])).toEqual(
      valid.map((l) => {
        const parsed = JSON.parse(l.payload) as { user: string; n: number };
        return [l.id, parsed.user, parsed.n, false];
      }),
    );
    expect(rows[0]?.schema).toMatch(/OBJECT<n: BIGINT, user: STRING>/);
    await expect(
      spark
        .range(1)
        .select(F.parse_json(lit("{oops")))
        .collect(),
    ).rejects.toThrow(/MALFORMED_RECORD_IN_PARSING|JSON/);
  });

  it("make_timestamp, unix_micros and timestamp_add agree with Date.UTC", async () => {
    const [row] = await spark
      .range(1)
      .select(
        F.unix_micros(
          F.make_timestamp(lit(2024), lit(2), lit(29), lit(13), lit(45), lit(30.25), lit("UTC")),
        ).alias("micros"),
        F.unix_seconds(
          F.timestamp_add(
            "HOUR",
            lit(5),
            F.make_timestamp(lit(2024), lit(1), lit(1), lit(0), lit(0), lit(0), lit("UTC")),
          ),
        ).alias("plus5h"),
        F.unix_date(F.make_date(lit(1970), lit(1), lit(11))).alias("days"),
      )
      .collect({ int64: "number" });
    expect(row?.micros).toBe(Date.UTC(2024, 1, 29, 13, 45, 30, 250) * 1000);
    expect(row?.plus5h).toBe(Date.UTC(2024, 0, 1, 5) / 1000);
    expect(row?.days).toBe(10);
  });

  it("ntile, percent_rank, cume_dist and nth_value over a window match their definitions", async () => {
    const n = 8;
    const window = Window.orderBy("id");
    const rows = await spark
      .range(n)
      .select(
        "id",
        F.ntile(3).over(window).alias("tile"),
        F.percent_rank().over(window).alias("pr"),
        F.cume_dist().over(window).alias("cd"),
        F.nth_value("id", 2)
          .over(window.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing))
          .alias("second"),
      )
      .orderBy("id")
      .collect({ int64: "number" });
    // ntile(3) over 8 rows: groups of 3, 3, 2.
    const tileOf = (i: number) => (i < 3 ? 1 : i < 6 ? 2 : 3);
    expect(rows).toEqual(
      Array.from({ length: n }, (_, i) => ({
        id: i,
        tile: tileOf(i),
        pr: i / (n - 1),
        cd: (i + 1) / n,
        second: 1,
      })),
    );
  });

  it("sketches estimate distinct counts and quantiles of a small set exactly", async () => {
    const distinct = 200;
    const values = spark.range(1000).select(col("id").mod(distinct).alias("v"));
    const [row] = await values
      .agg(
        F.hll_sketch_estimate(F.hll_sketch_agg("v")).alias("hll"),
        F.theta_sketch_estimate(F.theta_sketch_agg("v")).alias("theta"),
        F.kll_sketch_get_quantile_bigint(F.kll_sketch_agg_bigint("v"), lit(0.5)).alias("median"),
        F.kll_sketch_get_n_bigint(F.kll_sketch_agg_bigint("v")).alias("count"),
        F.count_distinct("v").alias("exact"),
      )
      .collect({ int64: "number" });
    expect(row?.exact).toBe(distinct);
    // Below their sketch sizes both HLL (lgConfigK 12) and Theta keep every value: estimates are exact.
    expect(row?.theta).toBe(distinct);
    expect(Math.abs((row?.hll as number) - distinct)).toBeLessThanOrEqual(2);
    expect(row?.count).toBe(1000);
    expect(Math.abs((row?.median as number) - distinct / 2)).toBeLessThanOrEqual(2);
  });

  it("aggregates: mode, listagg distinct, regressions, bit_or, product and array_agg", async () => {
    const xs = [1, 2, 2, 3, 7, 9];
    const frame = spark.createDataFrame(
      xs.map((x, i) => ({ x, y: 2 * x + 1, tag: i % 2 === 0 ? "even" : "odd" })),
      "x INT, y INT, tag STRING",
    );
    const [row] = await frame
      .agg(
        F.mode("x").alias("mode"),
        F.listagg_distinct("tag", ",").alias("tags"),
        F.regr_slope("y", "x").alias("slope"),
        F.regr_intercept("y", "x").alias("intercept"),
        F.bit_or("x").alias("bits"),
        F.product("x").alias("product"),
        F.array_agg("x").alias("all"),
      )
      .collect({ int64: "number" });
    expect(row?.mode).toBe(2);
    expect(String(row?.tags).split(",").sort()).toEqual(["even", "odd"]);
    expect(row?.slope).toBeCloseTo(2, 12);
    expect(row?.intercept).toBeCloseTo(1, 12);
    expect(row?.bits).toBe(xs.reduce((a, b) => a | b, 0));
    expect(row?.product).toBe(xs.reduce((a, b) => a * b, 1));
    expect([...((row?.all as number[] | undefined) ?? [])].sort((a, b) => a - b)).toEqual(xs);
  });

  it("broadcast joins give the same rows as a plain join and show the hint in the plan", async () => {
    const small = spark.createDataFrame(
      [
        { id: 1, name: "one" },
        { id: 3, name: "three" },
      ],
      "id INT, name STRING",
    );
    const joined = df.join(F.broadcast(small), "id").select("id", "name").orderBy("id");
    expect(await joined.collect()).toEqual([
      { id: 1, name: "one" },
      { id: 3, name: "three" },
    ]);
    expect(await joined.explainString()).toMatch(/BroadcastHashJoin/);
  });

  it("json, url and csv functions parse what they are given", async () => {
    const [row] = await spark
      .range(1)
      .select(
        F.json_object_keys(lit('{"a":1,"b":{"c":2}}')).alias("keys"),
        F.json_array_length(lit("[1,2,3]")).alias("len"),
        F.parse_url(lit("https://h.example/p?q=1&r=2"), lit("QUERY"), lit("r")).alias("r"),
        F.url_encode(lit("a b&c")).alias("encoded"),
        F.from_csv(lit("1;x"), "a INT, b STRING", { sep: ";" }).getField("b").alias("b"),
      )
      .collect();
    expect(row).toEqual({
      keys: ["a", "b"],
      len: 3,
      r: "2",
      encoded: new URLSearchParams({ v: "a b&c" }).toString().slice(2),
      b: "x",
    });
  });

  it("xml, bitwise, crc32, an AES round trip and a count-min sketch", async () => {
    const key = "0123456789abcdef";
    const [row] = await spark
      .range(1)
      .select(
        F.xpath_int(lit("<a><b>3</b><b>4</b></a>"), lit("sum(a/b)")).alias("xsum"),
        F.from_xml(lit("<r><n>7</n></r>"), "n INT").getField("n").alias("n"),
        F.shiftleft(lit(3), 4).alias("shifted"),
        F.bit_count(lit(255)).alias("bits"),
        F.crc32(lit("spark")).alias("crc"),
        F.aes_decrypt(F.aes_encrypt(lit("secret"), lit(key)), lit(key))
          .cast("string")
          .alias("plain"),
        F.length(F.count_min_sketch(lit(1), 0.01, 0.9).over(Window.partitionBy(lit(1)))).alias("sketchBytes"),
      )
      .collect({ int64: "number" });
    expect(row).toEqual({
      xsum: 7,
      n: 7,
      shifted: 3 << 4,
      bits: 8,
      crc: crc32("spark"),
      plain: "secret",
      sketchBytes: expect.any(Number),
    });
    expect(row?.sketchBytes).toBeGreaterThan(0);
  });
});
