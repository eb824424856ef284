import { describe, expect, it } from "vitest";
import { col, functions as F, lit, SparkSession } from "../../workloads/spark-connect/index.ts";
import { parseProgress } from "../../workloads/spark-connect/streaming/progress.ts";

// Plans are built without a server: the session connects on its first call only.
const session = await SparkSession.builder().remote("sc://127.0.0.1:1").getOrCreate();

function fnArgs(column: ReturnType<typeof col>): unknown[] {
  const e = column.expr.exprType;
  if (e?.case !== "unresolvedFunction") throw new Error(`not a function call: ${e?.case}`);
  return (e.value.arguments ?? []).map((a) =>
    a.exprType?.case === "literal" ? a.exprType.value.literalType?.value : a.exprType?.case,
  );
}

describe("plan building", () => {
  it("keeps window()'s argument order: duration, slide, start", () => {
    expect(fnArgs(F.window("ts", "1 minute"))).toEqual(["unresolvedAttribute", "1 minute"]);
    expect(fnArgs(F.window("ts", "10 minutes", "5 minutes"))).toEqual([
      "unresolvedAttribute",
      "10 minutes",
      "5 minutes",
    ]);
    expect(fnArgs(F.window("ts", "1 hour", undefined, "15 minutes"))).toEqual([
      "unresolvedAttribute",
      "1 hour",
      "1 hour",
      "15 minutes",
    ]);
  });

  it("types literals as PySpark does", () => {
    const kind = (v: unknown) => {
      const e = lit(v).expr.exprType;
      return e?.case === "literal" ? e.value.literalType?.case : e?.case;
    };
    expect([
      kind(1),
      kind(2 ** 40),
      kind(1.5),
      kind(5n),
      kind("s"),
      kind(true),
      kind(null),
      kind(new Date(0)),
    ]).toEqual(["integer", "long", "double", "long", "string", "boolean", "null", "timestamp"]);
  });

  it("builds when/otherwise as one CASE WHEN call", () => {
    const c = F.when(col("a").gt(1), "big").when(col("a").eq(1), "one").otherwise("small");
    expect(fnArgs(c)).toEqual(["unresolvedFunction", "big", "unresolvedFunction", "one", "small"]);
    expect(() => col("a").otherwise(1)).toThrow(/applies to a column made by when/);
  });

  it("marks streaming reads on Read, not on the data source", () => {
    const stream = session.readStream.format("kafka").option("subscribe", "logs").load();
    const read = stream.relation.relType;
    expect(read?.case).toBe("read");
    expect(read?.case === "read" && read.value.isStreaming).toBe(true);
    expect(
      read?.case === "read" &&
        read.value.readType?.case === "dataSource" &&
        read.value.readType.value.options,
    ).toEqual({ subscribe: "logs" });
  });

  it("reads tables by name with the reader's options, streaming only from readStream", () => {
    const tableRead = (frame: ReturnType<typeof session.table>) => {
      const rel = frame.relation.relType;
      if (rel?.case !== "read" || rel.value.readType?.case !== "namedTable")
        throw new Error("not a table read");
      return [rel.value.isStreaming ?? false, rel.value.readType.value];
    };
    expect(tableRead(session.read.option("versionAsOf", 3).table("db.events"))).toEqual([
      false,
      { unparsedIdentifier: "db.events", options: { versionAsOf: "3" } },
    ]);
    expect(tableRead(session.readStream.options({ maxFilesPerTrigger: 1 }).table("db.events"))).toEqual([
      true,
      { unparsedIdentifier: "db.events", options: { maxFilesPerTrigger: "1" } },
    ]);
  });

  it("gives each DataFrame its own plan id so df.col() resolves after joins", () => {
    const a = session.range(3);
    const b = session.range(3);
    const joined = a.join(b, a.col("id").eq(b.col("id")));
    expect(a.relation.common?.planId).not.toEqual(b.relation.common?.planId);
    expect(joined.relation.relType?.case).toBe("join");
  });
});

describe("streaming progress", () => {
  it("parses Spark's progress JSON into typed fields, offsets included", () => {
    const progress = parseProgress(
      JSON.stringify({
        id: "q",
        runId: "r",
        name: "metrics",
        timestamp: "2024-01-01T00:00:00.000Z",
        batchId: 7,
        batchDuration: 120,
        processedRowsPerSecond: "NaN",
        durationMs: { addBatch: 100, triggerExecution: 120 },
        eventTime: { watermark: "2024-01-01T00:00:00.000Z" },
        stateOperators: [{ operatorName: "stateStoreSave", numRowsTotal: 4, numRowsUpdated: 2 }],
        sources: [
          {
            description: "KafkaV2[Subscribe[logs]]",
            endOffset: '{"logs":{"0":42}}',
            numInputRows: 10,
            inputRowsPerSecond: 5.5,
          },
          { description: "rate", endOffset: "7", numInputRows: 3, inputRowsPerSecond: 1 },
        ],
        sink: { description: "ParquetSink", numOutputRows: -1 },
      }),
    );
    expect(progress).toMatchObject({
      batchId: 7,
      numInputRows: 13,
      inputRowsPerSecond: 6.5,
      durationMs: { addBatch: 100 },
      eventTime: { watermark: "2024-01-01T00:00:00.000Z" },
      stateOperators: [
        { operatorName: "stateStoreSave", numRowsTotal: 4, numRowsUpdated: 2, numRowsRemoved: 0 },
      ],
      sources: [{ endOffset: { logs: { "0": 42 } }, numInputRows: 10 }, { endOffset: 7 }],
      sink: { numOutputRows: -1 },
    });
    expect(progress.processedRowsPerSecond).toBeNaN();
  });
});
