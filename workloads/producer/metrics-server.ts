import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface MetricsServer {
  /** The port it listens on (the real one when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` (Prometheus text format) and `/healthz` for probes, which answers 200 only
 * once `connected()` says the producer holds its Kafka connection, 503 before.
 */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host: string,
  connected: () => boolean,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "GET" && path === "/metrics") {
      registry.metrics().then(
        (body) => response.writeHead(200, { "content-type": registry.contentType }).end(body),
        (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(error.message),
      );
    } else if (request.method === "GET" && path === "/healthz") {
      const up = connected();
      response
        .writeHead(up ? 200 : 503, { "content-type": "text/plain" })
        .end(up ? "ok\n" : "not connected to Kafka yet\n");
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: try /metrics\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(`producer: cannot serve metrics on ${host}:${port}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      ),
    );
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
