import { SparkConnectClientError } from "./errors.ts";

/** What a `sc://host:port/;key=value;…` connection string says, with PySpark's defaults filled in. */
export interface ConnectionOptions {
  host: string;
  port: number;
  /** Sent as `Authorization: Bearer <token>` on every call. */
  token: string | undefined;
  userId: string | undefined;
  /** A UUID naming the server-side session; a fresh one when absent. */
  sessionId: string | undefined;
  useSsl: boolean;
  userAgent: string | undefined;
  /** Every other parameter, sent as a gRPC metadata header on every call (as PySpark does). */
  headers: Record<string, string>;
}

const defaultPort = 15002;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const knownKeys = new Set(["token", "user_id", "session_id", "use_ssl", "user_agent"]);

function fail(url: string, problem: string): never {
  throw new SparkConnectClientError(
    `Invalid Spark Connect URL "${redactToken(url)}": ${problem}. Expected sc://host[:port][/;key=value;…], e.g. sc://localhost:15002/;token=secret`,
  );
}

/** The URL with its token replaced, safe for messages and logs. */
export function redactToken(url: string): string {
  return url.replace(/(;token=)[^;]*/i, "$1***");
}

/** Parses PySpark's Spark Connect connection string. Throws a SparkConnectClientError naming the problem. */
export function parseConnectionString(url: string): ConnectionOptions {
  if (!url.startsWith("sc://")) fail(url, 'the scheme must be "sc://"');
  const rest = url.slice("sc://".length);
  const [authorityAndPath = "", ...paramParts] = rest.split(";");
  const slash = authorityAndPath.indexOf("/");
  const authority = slash === -1 ? authorityAndPath : authorityAndPath.slice(0, slash);
  const path = slash === -1 ? "" : authorityAndPath.slice(slash);
  if (path !== "" && path !== "/") fail(url, `unexpected path "${path}" (parameters follow "/;")`);
  if (paramParts.length > 0 && slash === -1) fail(url, 'parameters must follow "/;" after host:port');

  const { host, port } = parseAuthority(url, authority);
  const params = new Map<string, string>();
  for (const part of paramParts) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) fail(url, `parameter "${part.replace(/^token.*/i, "token…")}" is not key=value`);
    const key = part.slice(0, eq);
    if (params.has(key)) fail(url, `parameter "${key}" is given twice`);
    params.set(key, decodeURIComponent(part.slice(eq + 1)));
  }

  const sessionId = params.get("session_id");
  if (sessionId !== undefined && !uuidPattern.test(sessionId)) {
    fail(url, `session_id must be a UUID, got "${sessionId}"`);
  }
  const useSslText = params.get("use_ssl")?.toLowerCase();
  if (useSslText !== undefined && useSslText !== "true" && useSslText !== "false") {
    fail(url, `use_ssl must be true or false, got "${params.get("use_ssl")}"`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of params) if (!knownKeys.has(key)) headers[key.toLowerCase()] = value;
  return {
    host,
    port,
    token: params.get("token") || undefined,
    userId: params.get("user_id") || undefined,
    sessionId,
    useSsl: useSslText === "true",
    userAgent: params.get("user_agent") || undefined,
    headers,
  };
}

function parseAuthority(url: string, authority: string): { host: string; port: number } {
  if (authority === "") fail(url, "the host is missing");
  let host: string;
  let portText: string | undefined;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close === -1) fail(url, "an IPv6 host must be closed by ]");
    host = authority.slice(1, close);
    const after = authority.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) fail(url, `unexpected "${after}" after the host`);
    portText = after === "" ? undefined : after.slice(1);
  } else {
    const colon = authority.lastIndexOf(":");
    host = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? undefined : authority.slice(colon + 1);
  }
  if (host === "") fail(url, "the host is missing");
  if (portText === undefined) return { host, port: defaultPort };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    fail(url, `the port must be a number from 1 to 65535, got "${portText}"`);
  }
  return { host, port };
}
