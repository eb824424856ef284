import { afterAll, describe, expect, inject, it } from "vitest";
import {
  AnalysisException,
  ParseException,
  SparkConnectClientError,
  SparkConnectGrpcError,
  SparkSession,
} from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";

const url = inject("sparkConnectUrl");
const spark = await SparkSession.builder().remote(url).getOrCreate();
afterAll(() => spark.stop());

describe("session", () => {
  it("reports the server's Spark version", async () => {
    expect(await spark.version()).toMatch(/^4\.\d+\.\d+/);
  });

  it("sets, reads and unsets runtime configuration", async () => {
    await spark.conf.set("spark.sql.session.timeZone", "Europe/Paris");
    expect(await spark.conf.get("spark.sql.session.timeZone")).toBe("Europe/Paris");
    await spark.conf.unset("spark.sql.session.timeZone");
    expect(await spark.conf.get("spark.sql.session.timeZone")).not.toBe("Europe/Paris");
    expect(await spark.conf.getOption("spark.no.such.key")).toBeUndefined();
    expect(await spark.conf.get("spark.no.such.key", "fallback")).toBe("fallback");
  });

  it("applies builder configs to the new session", async () => {
    const other = await SparkSession.builder().remote(url).config("spark.sql.shuffle.partitions", 3).create();
    try {
      expect(await other.conf.get("spark.sql.shuffle.partitions")).toBe("3");
      expect(other.sessionId).not.toBe(spark.sessionId);
    } finally {
      await other.stop();
    }
  });

  it("fails clearly once stopped", async () => {
    const other = await SparkSession.builder().remote(url).create();
    await other.stop();
    await expect(other.version()).rejects.toThrow(SparkConnectClientError);
  });
});

describe("errors", () => {
  it("turns bad SQL into a ParseException with Spark's error class and SQL state", async () => {
    const error = await spark.sql("SELEC 1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseException);
    expect(error).toMatchObject({ errorClass: "PARSE_SYNTAX_ERROR", sqlState: "42601" });
    expect((error as Error).message).toContain("Syntax error at or near 'SELEC'");
  });

  it("turns an unknown column into an AnalysisException with parameters and the server stack", async () => {
    const error = await spark
      .range(1)
      .select("no_such_column")
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisException);
    const analysis = error as AnalysisException;
    expect(analysis.errorClass).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    expect(analysis.sqlState).toBe("42703");
    expect(analysis.messageParameters.objectName).toBe("`no_such_column`");
    expect(analysis.serverStackTrace.length).toBeGreaterThan(0);
  });

  it("rejects a wrong token as UNAUTHENTICATED, without retrying", async () => {
    const wrong = url.replace(/;token=[^;]*/, ";token=wrong");
    const other = await SparkSession.builder().remote(wrong).create();
    const error = await other.version().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparkConnectGrpcError);
    expect((error as SparkConnectGrpcError).grpcCode).toBe("UNAUTHENTICATED");
    await other.stop();
  });
});

describe("operation tags and interrupts", () => {
  it("interrupts a running query by tag; the query fails instead of hanging", async () => {
    spark.addTag("slow-query");
    const running = spark
      .range(0, 1_000_000_000_000)
      .selectExpr("sum(id * id) AS s")
      .collect()
      .catch((e: unknown) => e);
    spark.removeTag("slow-query");
    expect(spark.getTags()).toEqual([]);
    let interrupted: string[] = [];
    while (interrupted.length === 0) interrupted = await spark.interruptTag("slow-query");
    const outcome = await running;
    expect(outcome).toBeInstanceOf(Error);
    expect(String((outcome as Error).message)).toMatch(/cancel|interrupt/i);
  });
});
