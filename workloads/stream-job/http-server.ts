import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { StreamJobSupervisor } from "./supervisor/supervisor.ts";

export interface SupervisorHttp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * The supervisor's HTTP face: `/metrics` for Prometheus, `/healthz` (liveness: the watch loop
 * runs), `/readyz` (connected, every query running), `/status` (JSON, for `stream-job status`)
 * and `POST /stop` (for `stream-job stop`).
 */
export async function serveSupervisor(
  supervisor: StreamJobSupervisor,
  options: { host: string; port: number; livenessWindowMs: number; onStop: () => void },
): Promise<SupervisorHttp> {
  const server = createServer((request, response) => {
    const send = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      response.writeHead(status, { "content-type": type }).end(body);
    };
    const path = request.url?.split("?")[0];
    if (request.method === "GET" && path === "/metrics") {
      supervisor.metrics.registry.metrics().then(
        (text) => send(200, text, supervisor.metrics.registry.contentType),
        (error: unknown) => send(500, String(error)),
      );
    } else if (request.method === "GET" && path === "/healthz") {
      const alive = Date.now() - supervisor.lastPollAtMs < options.livenessWindowMs;
      send(alive ? 200 : 503, alive ? "ok\n" : "the watch loop has stalled\n");
    } else if (request.method === "GET" && path === "/readyz") {
      const ready = supervisor.isReady();
      send(ready ? 200 : 503, ready ? "ready\n" : "not ready: see /status\n");
    } else if (request.method === "GET" && path === "/status") {
      send(200, JSON.stringify(supervisor.status(), null, 2), "application/json");
    } else if (request.method === "POST" && path === "/stop") {
      send(202, "stopping\n");
      options.onStop();
    } else {
      send(404, "not found: try /metrics, /healthz, /readyz, /status\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
