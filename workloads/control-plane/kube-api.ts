import { request } from "node:https";

/** Where an API server is and how to authenticate to it with a client certificate. */
export interface KubeApiAccess {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

/** An API answer that is not 2xx: the status, and the server's own `Status` message. */
export class KubeApiError extends Error {
  override readonly name = "KubeApiError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path}: HTTP ${status}: ${statusMessage(body)}`);
  }
}

function statusMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string };
    return parsed.message ?? body;
  } catch {
    return body;
  }
}

/**
 * The few REST calls the control plane's start-up and the cluster tests make, over the API
 * server's own TLS with the admin client certificate: JSON in, JSON out.
 */
export class KubeApi {
  constructor(readonly access: KubeApiAccess) {}

  async raw(method: string, path: string, body?: unknown, contentType = "application/json") {
    const url = new URL(path, this.access.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.access.ca,
          cert: this.access.cert,
          key: this.access.key,
          headers: {
            accept: "application/json",
            ...(payload ? { "content-type": contentType, "content-length": Buffer.byteLength(payload) } : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on("error", reject);
      req.end(payload);
    });
  }

  async call<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const answer = await this.raw(method, path, body, contentType);
    if (answer.status < 200 || answer.status > 299)
      throw new KubeApiError(method, path, answer.status, answer.body);
    return JSON.parse(answer.body) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>("GET", path);
  }

  /** The object, or undefined when the server answers 404. */
  async find<T>(path: string): Promise<T | undefined> {
    const answer = await this.raw("GET", path);
    if (answer.status === 404) return undefined;
    if (answer.status < 200 || answer.status > 299)
      throw new KubeApiError("GET", path, answer.status, answer.body);
    return JSON.parse(answer.body) as T;
  }

  create<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("POST", path, body);
  }

  /** A strategic-merge patch of part of an object, e.g. a node's status. */
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("PATCH", path, body, "application/strategic-merge-patch+json");
  }
}
