import { afterAll, describe, expect, inject, it } from "vitest";
import { col, functions as F, lit, SparkSession, Window } from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
afterAll(() => spark.stop());

// A small log-like data set; expected values are computed from it in JS.
const services = ["api", "auth", "billing"];
const levels = ["INFO", "WARN", "ERROR"];
const events = Array.from({ length: 60 }, (_, i) => ({
  id: i,
  service: services[i % 3] as string,
  level: levels[(i * 7) % 3] as string,
  latency: (i * 37) % 101,
  ts: new Date(Date.UTC(2024, 0, 1, 0, Math.floor(i / 10), i % 60)),
}));
const logs = spark.createDataFrame(
  events,
  "id BIGINT, service STRING, level STRING, latency INT, ts TIMESTAMP",
);

function groupCount<T>(rows: T[], key: (r: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

describe("DataFrame transformations against values computed in JS", () => {
  it("select, filter, withColumn, withColumnRenamed, drop", async () => {
    const rows = await logs
      .filter(col("latency").gt(50).and(col("service").ne("auth")))
      .withColumn("slow", col("latency").ge(90))
      .withColumnRenamed("latency", "ms")
      .drop("ts", "level")
      .orderBy("id")
      .collect({ int64: "number" });
    const expected = events
      .filter((e) => e.latency > 50 && e.service !== "auth")
      .map((e) => ({ id: e.id, service: e.service, ms: e.latency, slow: e.latency >= 90 }));
    expect(rows).toEqual(expected);
  });

  it("selectExpr, where with SQL, limit, distinct, count", async () => {
    expect(await logs.where("level = 'ERROR'").count()).toBe(
      events.filter((e) => e.level === "ERROR").length,
    );
    expect(await logs.select("service").distinct().count()).toBe(3);
    expect(await logs.selectExpr("id * 2 AS twice").limit(4).collect({ int64: "number" })).toEqual(
      [0, 2, 4, 6].map((twice) => ({ twice })),
    );
  });

  it("groupBy().agg with count, sum, avg, min, max, count_if, approx_count_distinct", async () => {
    const rows = await logs
      .groupBy("service")
      .agg(
        F.count("*").alias("n"),
        F.sum("latency").alias("total"),
        F.avg("latency").alias("mean"),
        F.min("latency").alias("lo"),
        F.max("latency").alias("hi"),
        F.count_if(col("level").eq("ERROR")).alias("errors"),
        F.approx_count_distinct("level").alias("levels"),
      )
      .orderBy("service")
      .collect({ int64: "number" });
    const expected = services.map((service) => {
      const group = events.filter((e) => e.service === service);
      const latencies = group.map((e) => e.latency);
      const total = latencies.reduce((a, b) => a + b, 0);
      return {
        service,
        n: group.length,
        total,
        mean: total / group.length,
        lo: Math.min(...latencies),
        hi: Math.max(...latencies),
        errors: group.filter((e) => e.level === "ERROR").length,
        levels: new Set(group.map((e) => e.level)).size,
      };
    });
    expect(rows).toEqual(expected);
  });

  it("percentile_approx agrees with the same query in Spark SQL", async () => {
    await logs.createOrReplaceTempView("logs_view");
    const viaApi = await logs
      .groupBy("level")
      .agg(F.percentile_approx("latency", [0.5, 0.95]).alias("p"))
      .orderBy("level")
      .collect();
    const viaSql = await (
      await spark.sql(
        "SELECT level, percentile_approx(latency, array(0.5, 0.95), 10000) AS p FROM logs_view GROUP BY level ORDER BY level",
      )
    ).collect();
    expect(viaApi).toEqual(viaSql);
  });

  it("tumbling windows count events per minute", async () => {
    const rows = await logs
      .groupBy(F.window("ts", "1 minute"), col("service"))
      .agg(F.count("*").alias("n"))
      .select(col("window").getField("start").alias("start"), "service", "n")
      .orderBy("start", "service")
      .collect({ int64: "number" });
    const expected = groupCount(
      events,
      (e) => `${Math.floor(e.ts.getTime() / 60_000) * 60_000}|${e.service}`,
    );
    expect(Object.fromEntries(rows.map((r) => [`${(r.start as Date).getTime()}|${r.service}`, r.n]))).toEqual(
      expected,
    );
  });

  it("joins on names and on a condition, for each join type", async () => {
    const owners = spark.createDataFrame(
      [
        { service: "api", team: "core" },
        { service: "search", team: "discovery" },
      ],
      "service STRING, team STRING",
    );
    const per = logs.groupBy("service").count();
    const count = async (how: Parameters<typeof per.join>[2]) => per.join(owners, "service", how).count();
    expect(await count("inner")).toBe(1);
    expect(await count("left")).toBe(3);
    expect(await count("right")).toBe(2);
    expect(await count("full")).toBe(4);
    expect(await count("left_semi")).toBe(1);
    expect(await count("left_anti")).toBe(2);
    const byCondition = await per
      .join(owners, per.col("service").eq(owners.col("service")), "inner")
      .select(per.col("service"), owners.col("team"))
      .collect();
    expect(byCondition).toEqual([{ service: "api", team: "core" }]);
  });

  it("union, unionByName with missing columns, orderBy with nulls last", async () => {
    const a = spark.createDataFrame([{ x: 1, y: "a" }], "x INT, y STRING");
    const b = spark.createDataFrame([{ y: "b" }], "y STRING");
    const rows = await a.unionByName(b, true).orderBy(col("x").ascNullsLast()).collect();
    expect(rows).toEqual([
      { x: 1, y: "a" },
      { x: null, y: "b" },
    ]);
    expect(await a.union(a).count()).toBe(2);
  });

  it("dropDuplicates, na.fill, na.drop, describe", async () => {
    const data = spark.createDataFrame(
      [
        { k: "a", v: 1 },
        { k: "a", v: 1 },
        { k: null, v: null },
      ],
      "k STRING, v INT",
    );
    expect(await data.dropDuplicates().count()).toBe(2);
    expect(await data.dropDuplicates(["k"]).count()).toBe(2);
    expect(await data.na.fill("none", ["k"]).filter(col("k").eq("none")).count()).toBe(1);
    expect(await data.na.drop().count()).toBe(2);
    const stats = await data.describe("v").collect();
    expect(stats.find((r) => r.summary === "count")?.v).toBe("2");
  });

  it("when/otherwise, cast, isin, like, isNull, string and json functions", async () => {
    const rows = await spark
      .range(4)
      .select(
        F.when(col("id").eq(0), "zero").when(col("id").lt(3), "small").otherwise("big").alias("size"),
        col("id").cast("string").alias("text"),
        col("id").isin(1, 3).alias("odd"),
        F.concat(lit("svc-"), col("id").cast("string")).like("svc-%").alias("liked"),
        F.to_json(F.struct(col("id").alias("n"))).alias("json"),
        F.from_json(F.to_json(F.struct(col("id").alias("n"))), "n BIGINT")
          .getField("n")
          .alias("parsed"),
        F.date_format(lit(new Date(Date.UTC(2024, 4, 6))), "yyyy-MM-dd").alias("day"),
        lit(null).isNull().alias("nothing"),
      )
      .collect({ int64: "number" });
    expect(rows).toEqual(
      [0, 1, 2, 3].map((id) => ({
        size: id === 0 ? "zero" : id < 3 ? "small" : "big",
        text: String(id),
        odd: id % 2 === 1,
        liked: true,
        json: `{"n":${id}}`,
        parsed: id,
        day: "2024-05-06",
        nothing: true,
      })),
    );
  });

  it("window functions over a partitioned, ordered window", async () => {
    const rows = await logs
      .select("service", "id", F.row_number().over(Window.partitionBy("service").orderBy("id")).alias("rn"))
      .filter(col("rn").eq(1))
      .orderBy("service")
      .collect({ int64: "number" });
    expect(rows).toEqual(services.map((service, i) => ({ service, id: i, rn: 1 })));
  });

  it("sql with named and positional parameters", async () => {
    const named = await (await spark.sql("SELECT :a + :b AS s", { a: 2, b: 3 })).collect();
    const positional = await (await spark.sql("SELECT ? || ? AS s", ["x", "y"])).collect();
    expect(named).toEqual([{ s: 5 }]);
    expect(positional).toEqual([{ s: "xy" }]);
  });
});

describe("DataFrame actions and metadata", () => {
  it("schema, columns, dtypes and the printSchema tree", async () => {
    expect(await logs.columns()).toEqual(["id", "service", "level", "latency", "ts"]);
    expect(await logs.dtypes()).toEqual([
      ["id", "bigint"],
      ["service", "string"],
      ["level", "string"],
      ["latency", "int"],
      ["ts", "timestamp"],
    ]);
    expect(await logs.treeString()).toContain(" |-- latency: integer (nullable = true)");
  });

  it("show() prints the table PySpark prints", async () => {
    const text = await spark.createDataFrame([{ a: 1, b: "x" }], "a INT, b STRING").showString();
    expect(text).toBe("+---+---+\n|  a|  b|\n+---+---+\n|  1|  x|\n+---+---+\n");
  });

  it("first, take, tail, isEmpty, explain", async () => {
    const ordered = spark.range(10);
    expect(await ordered.first({ int64: "number" })).toEqual({ id: 0 });
    expect(await ordered.take(2, { int64: "number" })).toEqual([{ id: 0 }, { id: 1 }]);
    expect(await ordered.tail(1, { int64: "number" })).toEqual([{ id: 9 }]);
    expect(await ordered.filter(col("id").gt(100)).isEmpty()).toBe(true);
    expect(await ordered.explainString()).toContain("Range");
  });

  it("iterates record batches without collecting the whole result", async () => {
    let rows = 0;
    let batches = 0;
    for await (const batch of spark.range(0, 200_000, 1, 4).toBatches()) {
      rows += batch.numRows;
      batches++;
    }
    expect(rows).toBe(200_000);
    expect(batches).toBeGreaterThan(1);
    let sum = 0n;
    for await (const row of spark.range(1000)) sum += row.id as bigint;
    expect(sum).toBe(499_500n);
  });

  it("toArrow returns an Arrow table typed by the schema, even when empty", async () => {
    const table = await spark.range(5).filter(col("id").gt(10)).toArrow();
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["id"]);
  });

  it("writes and reads back parquet, json and csv, and saves tables", async () => {
    const dir = `${inject("runtimeDir")}/spark-connect-write-${Date.now()}`;
    await logs.write.mode("overwrite").partitionBy("service").parquet(`${dir}/parquet`);
    await logs.write.mode("overwrite").json(`${dir}/json`);
    await logs.select("id", "service").write.mode("overwrite").option("header", true).csv(`${dir}/csv`);
    expect(await spark.read.parquet(`${dir}/parquet`).count()).toBe(events.length);
    expect(await spark.read.schema("id BIGINT, service STRING").json(`${dir}/json`).count()).toBe(
      events.length,
    );
    const csv = await spark.read
      .option("header", true)
      .option("inferSchema", true)
      .csv(`${dir}/csv`)
      .orderBy("id")
      .first();
    expect(csv).toEqual({ id: 0, service: "api" });
    await logs.write.mode("overwrite").saveAsTable("logs_table");
    expect(await spark.table("logs_table").count()).toBe(events.length);
  });
});
