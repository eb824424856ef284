import pino from "pino";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { freeLoopbackPort } from "../../workloads/local-servers/ports.ts";
import { type MetricsServer, startMetricsServer } from "../../workloads/producer/metrics-server.ts";
import { runProducer } from "../../workloads/producer/run-producer.ts";

describe("the producer's metrics server", () => {
  let server: MetricsServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("answers /healthz with 503 until the producer holds its Kafka connection, then 200", async () => {
    let connected = false;
    server = await startMetricsServer(new Registry(), 0, "127.0.0.1", () => connected);
    const url = `http://127.0.0.1:${server.port}`;
    const before = await fetch(`${url}/healthz`);
    expect(before.status).toBe(503);
    expect(await before.text()).toContain("not connected to Kafka");
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    connected = true;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("is not healthy while the producer is still trying to reach Kafka", async () => {
    const nobodyListens = await freeLoopbackPort();
    const handle = runProducer(
      {
        brokers: `127.0.0.1:${nobodyListens}`,
        metricsPort: 0,
        metricsHost: "127.0.0.1",
        connectTimeoutMs: 3_000,
      },
      { logger: pino({ level: "silent" }) },
    );
    const failed = expect(handle.done).rejects.toThrow(/cannot (reach|connect to) Kafka/);
    while (handle.metricsPort === undefined) await new Promise((resolve) => setImmediate(resolve));
    expect((await fetch(`http://127.0.0.1:${handle.metricsPort}/healthz`)).status).toBe(503);
    await failed;
  });
});
