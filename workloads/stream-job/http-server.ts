import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, BlockList, isIPv4 } from "node:net";
import type { StreamJobSupervisor } from "./supervisor/supervisor.ts";

export interface SupervisorHttp {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The peer's address on loopback, also as an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`). */
function fromLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ipv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
  return isIPv4(ipv4) ? loopback.check(ipv4, "ipv4") : loopback.check(address, "ipv6");
}

/**
 * Why a control request (`POST /stop`) is refused, or undefined when it may go ahead. Only a
 * process on the same host (in the cluster: `kubectl exec` into the pod) may stop the job: the
 * peer must be on loopback, which a remote TCP peer cannot fake, so the pod's port that probes
 * and Prometheus reach serves only read-only endpoints to anyone else. A browser's request is
 * refused whatever its origin, since a web page on the same host could otherwise POST here:
 * browsers mark cross-origin and cross-site requests with `Origin` and `Sec-Fetch-Site`, and the
 * CLI sends neither.
 */
export function controlRequestRefusal(
  request: Pick<IncomingMessage, "headers"> & { socket: { remoteAddress?: string | undefined } },
): string | undefined {
  if (!fromLoopback(request.socket.remoteAddress))
    return "control endpoints answer only on loopback: run `stream-job stop` inside the pod\n";
  const site = request.headers["sec-fetch-site"];
  if (request.headers.origin !== undefined || (site !== undefined && site !== "none"))
    return "control endpoints refuse browser requests\n";
  return undefined;
}

/**
 * The supervisor's HTTP face: `/metrics` for Prometheus, `/healthz` (liveness: the watch loop
 * runs), `/readyz` (connected, every query running), `/status` (JSON, for `stream-job status`),
 * all read-only, and `POST /stop` (for `stream-job stop`) for local, non-browser callers only.
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
      const refusal = controlRequestRefusal(request);
      if (refusal !== undefined) {
        send(403, refusal);
        return;
      }
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
