import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import {
  controlRequestRefusal,
  type SupervisorHttp,
  serveSupervisor,
} from "../../workloads/stream-job/http-server.ts";
import type {
  StreamJobSupervisor,
  SupervisorStatus,
} from "../../workloads/stream-job/supervisor/supervisor.ts";
import { SupervisorMetrics } from "../../workloads/stream-job/supervisor/supervisor-metrics.ts";

/** The part of the supervisor the HTTP server reads, with answers the test sets. */
function fakeSupervisor() {
  const metrics = new SupervisorMetrics();
  metrics.lag.set({ query: "lake" }, 42);
  const status: SupervisorStatus = {
    connected: true,
    sparkConnect: "sc://spark:15002",
    queries: [{ name: "lake", sink: "Parquet lake", state: "active", restarts: 0 }],
  };
  return {
    metrics,
    lastPollAtMs: Date.now(),
    ready: true,
    isReady() {
      return this.ready;
    },
    status: () => status,
  };
}

describe("the stream job's HTTP server", () => {
  let http: SupervisorHttp | undefined;
  let stops = 0;

  async function serve(supervisor: ReturnType<typeof fakeSupervisor>, host = "127.0.0.1") {
    stops = 0;
    http = await serveSupervisor(supervisor as unknown as StreamJobSupervisor, {
      host,
      port: 0,
      livenessWindowMs: 30_000,
      onStop: () => {
        stops += 1;
      },
    });
    return http.url;
  }

  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it("listens on a free loopback port when asked for port 0", async () => {
    const url = await serve(fakeSupervisor());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.endsWith(":0")).toBe(false);
  });

  it("serves the supervisor's series on /metrics in Prometheus' text format", async () => {
    const response = await fetch(`${await serve(fakeSupervisor())}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('stream_job_kafka_lag_records{query="lake"} 42');
  });

  it("answers /healthz from how recently the watch loop ran", async () => {
    const supervisor = fakeSupervisor();
    const url = await serve(supervisor);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    supervisor.lastPollAtMs = Date.now() - 60_000;
    const stalled = await fetch(`${url}/healthz`);
    expect(stalled.status).toBe(503);
    expect(await stalled.text()).toContain("stalled");
  });

  it("answers /readyz from the supervisor's readiness", async () => {
    const supervisor = fakeSupervisor();
    const url = await serve(supervisor);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    supervisor.ready = false;
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it("serves the status as JSON, ignoring a query string", async () => {
    const supervisor = fakeSupervisor();
    const response = await fetch(`${await serve(supervisor)}/status?pretty=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual(supervisor.status());
  });

  it("stops on POST /stop only", async () => {
    const url = await serve(fakeSupervisor());
    expect((await fetch(`${url}/stop`)).status).toBe(404);
    expect(stops).toBe(0);
    const response = await fetch(`${url}/stop`, { method: "POST" });
    expect(response.status).toBe(202);
    expect(stops).toBe(1);
  });

  it("answers 404 with the paths it serves for anything else", async () => {
    const url = await serve(fakeSupervisor());
    const response = await fetch(`${url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("/metrics, /healthz, /readyz, /status");
    expect((await fetch(`${url}/metrics`, { method: "POST" })).status).toBe(404);
  });

  it("refuses POST /stop from a browser page, whatever the origin, and stays up", async () => {
    const url = await serve(fakeSupervisor());
    const crossOrigin = await fetch(`${url}/stop`, {
      method: "POST",
      headers: { origin: "http://evil.example" },
    });
    expect(crossOrigin.status).toBe(403);
    expect(await crossOrigin.text()).toContain("browser");
    const sameOrigin = await fetch(`${url}/stop`, { method: "POST", headers: { origin: url } });
    expect(sameOrigin.status).toBe(403);
    const formPost = await fetch(`${url}/stop`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(formPost.status).toBe(403);
    expect(stops).toBe(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("keeps /metrics read-only: no other method changes anything", async () => {
    const url = await serve(fakeSupervisor());
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect((await fetch(`${url}/metrics`, { method })).status, method).toBe(404);
    }
    expect(stops).toBe(0);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain("stream_job_kafka_lag_records");
  });

  it("accepts control requests only from a loopback peer, IPv4, IPv6 or IPv4-mapped", () => {
    const from = (remoteAddress: string | undefined) =>
      controlRequestRefusal({ headers: {}, socket: { remoteAddress } });
    expect(from("127.0.0.1")).toBeUndefined();
    expect(from("127.8.9.10")).toBeUndefined();
    expect(from("::1")).toBeUndefined();
    expect(from("::ffff:127.0.0.1")).toBeUndefined();
    for (const remote of ["10.244.1.7", "::ffff:10.244.1.7", "fd00::7", "0.0.0.0", undefined])
      expect(from(remote), String(remote)).toMatch(/only on loopback/);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

  it.runIf(external !== undefined)(
    "on all interfaces (as in the cluster), serves /metrics to a non-loopback peer but refuses it POST /stop",
    async () => {
      const url = await serve(fakeSupervisor(), "0.0.0.0");
      const viaPodAddress = url.replace("0.0.0.0", external ?? "");
      expect((await fetch(`${viaPodAddress}/metrics`)).status).toBe(200);
      const stop = await fetch(`${viaPodAddress}/stop`, { method: "POST" });
      expect(stop.status).toBe(403);
      expect(await stop.text()).toContain("only on loopback");
      expect(stops).toBe(0);
      const local = await fetch(`${url.replace("0.0.0.0", "127.0.0.1")}/stop`, { method: "POST" });
      expect(local.status).toBe(202);
      expect(stops).toBe(1);
    },
  );
});
