import { afterAll, describe, expect, inject, it } from "vitest";
import {
  col,
  functions as F,
  SparkConnectGrpcError,
  SparkSession,
} from "../../workloads/spark-connect/index.ts";
import "../integration/provided-context.ts";
import { TcpProxy } from "./tcp-proxy.ts";

const url = inject("sparkConnectUrl");
const target = /^sc:\/\/([^:/]+):(\d+)/.exec(url);
if (!target) throw new Error(`unexpected Spark Connect URL ${url}`);
const [, host = "", port = ""] = target;

async function sessionThrough(proxy: TcpProxy, maxRetries: number) {
  const proxyPort = await proxy.listen();
  const proxied = url.replace(`${host}:${port}`, `127.0.0.1:${proxyPort}`);
  return SparkSession.builder()
    .remote(proxied)
    .retryPolicy({ maxRetries, initialBackoffMs: 100, maxBackoffMs: 1_000 })
    .create();
}

const proxies: TcpProxy[] = [];
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
});

describe("reattachable execution", () => {
  it("delivers a result completely when its response stream is cut mid-way", async () => {
    const proxy = new TcpProxy(host, Number(port));
    proxies.push(proxy);
    const spark = await sessionThrough(proxy, 5);
    try {
      const rows = 2_000_000;
      const cut = proxy.cutAfter(2 * 1024 * 1024);
      let seen = 0;
      let sum = 0n;
      for await (const batch of spark.range(0, rows, 1, 8).toBatches()) {
        seen += batch.numRows;
        for (const id of batch.getChild("id") ?? []) sum += id as bigint;
      }
      await cut;
      expect(proxy.connections).toBeGreaterThan(1);
      expect(seen).toBe(rows);
      expect(sum).toBe((BigInt(rows) * BigInt(rows - 1)) / 2n);
    } finally {
      await spark.stop();
    }
  });
});

describe("a server that goes away", () => {
  it("fails a running query with a typed UNAVAILABLE error instead of hanging", async () => {
    const proxy = new TcpProxy(host, Number(port));
    proxies.push(proxy);
    const spark = await sessionThrough(proxy, 2);
    expect(await spark.version()).toMatch(/^4\./);
    const running = spark
      .range(0, 50_000_000, 1, 2)
      .select(F.sum(col("id").multiply(col("id"))))
      .collect()
      .catch((e: unknown) => e);
    await proxy.close();
    const error = await running;
    expect(error).toBeInstanceOf(SparkConnectGrpcError);
    expect((error as SparkConnectGrpcError).grpcCode).toBe("UNAVAILABLE");
    await spark.stop();
  });
});
