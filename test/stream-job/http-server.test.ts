import { afterEach, describe, expect, it } from "vitest";
import { type SupervisorHttp, serveSupervisor } from "../../workloads/stream-job/http-server.ts";
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

  async function serve(supervisor: ReturnType<typeof fakeSupervisor>) {
    stops = 0;
    http = await serveSupervisor(supervisor as unknown as StreamJobSupervisor, {
      host: "127.0.0.1",
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
});
