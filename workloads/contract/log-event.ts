// The log event: the pipeline's contract from the producer to Spark, the lake and the dashboards.
// This module has no dependencies so that any part of the pipeline can import it cheaply.

export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every status code the producer emits. */
export const HTTP_STATUSES = [
  200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504,
] as const;
export type HttpStatus = (typeof HTTP_STATUSES)[number];

/** "2xx" … "5xx": the grouping the metrics use. */
export const HTTP_STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;
export type HttpStatusClass = (typeof HTTP_STATUS_CLASSES)[number];

export function statusClass(status: number): HttpStatusClass {
  return `${Math.floor(status / 100)}xx` as HttpStatusClass;
}

export const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-1"] as const;
export type Region = (typeof REGIONS)[number];

export const SERVICES = [
  "api-gateway",
  "auth",
  "users",
  "catalog",
  "search",
  "recommendations",
  "cart",
  "checkout",
  "payments",
  "inventory",
  "shipping",
  "notifications",
] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * One log line. Every field is always present; the HTTP fields are null on application
 * (non-access) events. Serialized as one JSON object per Kafka message, keyed by `service`.
 */
export interface LogEvent {
  /** Event time, ISO-8601 UTC with milliseconds: `2025-01-31T12:00:00.123Z`. */
  timestamp: string;
  service: ServiceName;
  /** The node the pod runs on. */
  host: string;
  pod: string;
  region: Region;
  level: LogLevel;
  message: string;
  /** 32 lowercase hex digits (W3C trace context). */
  trace_id: string;
  /** 16 lowercase hex digits. */
  span_id: string;
  method: HttpMethod | null;
  /** The route template, e.g. `/api/v1/orders/{order_id}`: a low-cardinality grouping key. */
  route: string | null;
  /** The requested path: the route with its ids filled in. */
  path: string | null;
  status: HttpStatus | null;
  latency_ms: number | null;
  /** Response size in bytes. */
  bytes: number | null;
  user_agent: string | null;
  client_ip: string | null;
  /** Null for anonymous requests. */
  user_id: string | null;
}

export type LogEventFieldType = "timestamp" | "string" | "integer" | "double" | "long";

export interface LogEventField {
  name: keyof LogEvent;
  type: LogEventFieldType;
  nullable: boolean;
  description: string;
  /** The accepted values when the field is an enumeration. */
  values?: readonly (string | number)[];
}

/** The fields in their serialized order, with the types a Spark schema needs. */
export const LOG_EVENT_FIELDS: readonly LogEventField[] = [
  {
    name: "timestamp",
    type: "timestamp",
    nullable: false,
    description: "event time, ISO-8601 UTC with ms",
  },
  { name: "service", type: "string", nullable: false, description: "emitting service", values: SERVICES },
  { name: "host", type: "string", nullable: false, description: "node name" },
  { name: "pod", type: "string", nullable: false, description: "pod name" },
  { name: "region", type: "string", nullable: false, description: "cloud region", values: REGIONS },
  { name: "level", type: "string", nullable: false, description: "severity", values: LOG_LEVELS },
  { name: "message", type: "string", nullable: false, description: "human-readable message" },
  { name: "trace_id", type: "string", nullable: false, description: "32 hex digits" },
  { name: "span_id", type: "string", nullable: false, description: "16 hex digits" },
  { name: "method", type: "string", nullable: true, description: "HTTP method", values: HTTP_METHODS },
  { name: "route", type: "string", nullable: true, description: "route template" },
  { name: "path", type: "string", nullable: true, description: "request path with ids" },
  { name: "status", type: "integer", nullable: true, description: "HTTP status", values: HTTP_STATUSES },
  { name: "latency_ms", type: "double", nullable: true, description: "request latency in ms" },
  { name: "bytes", type: "long", nullable: true, description: "response size in bytes" },
  { name: "user_agent", type: "string", nullable: true, description: "client user agent" },
  { name: "client_ip", type: "string", nullable: true, description: "client IPv4 address" },
  { name: "user_id", type: "string", nullable: true, description: "authenticated user, null if anonymous" },
];

const sparkTypes: Record<LogEventFieldType, string> = {
  timestamp: "TIMESTAMP",
  string: "STRING",
  integer: "INT",
  long: "BIGINT",
  double: "DOUBLE",
};

/** The event as a Spark DDL schema string, for `from_json(value, schema)`: `timestamp TIMESTAMP, …`. */
export function logEventSparkDdl(): string {
  return LOG_EVENT_FIELDS.map((field) => `${field.name} ${sparkTypes[field.type]}`).join(", ");
}

/** The HTTP access fields: all null on application events, all set on access events. */
export const HTTP_FIELDS = [
  "method",
  "route",
  "path",
  "status",
  "latency_ms",
  "bytes",
  "user_agent",
  "client_ip",
] as const satisfies readonly (keyof LogEvent)[];

export type ServiceTier = 1 | 2 | 3;

/** A service as the analytics see it: who owns it and what it promises. */
export interface ServiceCatalogEntry {
  service: ServiceName;
  owner_team: string;
  /** 1 is customer-facing and critical, 3 is best effort. */
  tier: ServiceTier;
  /** The latency SLO: 95% of requests faster than this. */
  latency_slo_p95_ms: number;
  /** The share of requests allowed to fail (5xx), e.g. 0.001 for 99.9% availability. */
  error_budget: number;
}

export const SERVICE_CATALOG_FIELDS = [
  { name: "service", type: "string" },
  { name: "owner_team", type: "string" },
  { name: "tier", type: "integer" },
  { name: "latency_slo_p95_ms", type: "double" },
  { name: "error_budget", type: "double" },
] as const satisfies readonly { name: keyof ServiceCatalogEntry; type: LogEventFieldType }[];

export const SERVICE_CATALOG: readonly ServiceCatalogEntry[] = [
  { service: "api-gateway", owner_team: "platform", tier: 1, latency_slo_p95_ms: 250, error_budget: 0.001 },
  { service: "auth", owner_team: "identity", tier: 1, latency_slo_p95_ms: 120, error_budget: 0.0005 },
  { service: "users", owner_team: "identity", tier: 2, latency_slo_p95_ms: 150, error_budget: 0.005 },
  { service: "catalog", owner_team: "commerce", tier: 2, latency_slo_p95_ms: 200, error_budget: 0.005 },
  { service: "search", owner_team: "discovery", tier: 2, latency_slo_p95_ms: 400, error_budget: 0.01 },
  {
    service: "recommendations",
    owner_team: "discovery",
    tier: 3,
    latency_slo_p95_ms: 600,
    error_budget: 0.02,
  },
  { service: "cart", owner_team: "commerce", tier: 1, latency_slo_p95_ms: 150, error_budget: 0.001 },
  { service: "checkout", owner_team: "payments", tier: 1, latency_slo_p95_ms: 500, error_budget: 0.001 },
  { service: "payments", owner_team: "payments", tier: 1, latency_slo_p95_ms: 800, error_budget: 0.0005 },
  { service: "inventory", owner_team: "fulfillment", tier: 2, latency_slo_p95_ms: 200, error_budget: 0.005 },
  { service: "shipping", owner_team: "fulfillment", tier: 3, latency_slo_p95_ms: 700, error_budget: 0.02 },
  {
    service: "notifications",
    owner_team: "engagement",
    tier: 3,
    latency_slo_p95_ms: 1000,
    error_budget: 0.02,
  },
];

export function catalogEntry(service: ServiceName): ServiceCatalogEntry {
  const entry = SERVICE_CATALOG.find((candidate) => candidate.service === service);
  if (!entry) throw new Error(`log-event: no catalog entry for service "${service}"`);
  return entry;
}

const isoMillisUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function problemWithValue(field: LogEventField, value: unknown): string | undefined {
  if (value === null) return field.nullable ? undefined : "is null";
  switch (field.type) {
    case "timestamp":
      if (typeof value !== "string" || !isoMillisUtc.test(value) || Number.isNaN(Date.parse(value))) {
        return "must be an ISO-8601 UTC timestamp with ms";
      }
      break;
    case "string":
      if (typeof value !== "string") return "must be a string";
      break;
    case "integer":
    case "long":
      if (!Number.isSafeInteger(value)) return "must be an integer";
      break;
    case "double":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a finite number";
      break;
  }
  if (field.values && !field.values.includes(value as string | number)) {
    return `must be one of ${field.values.join(", ")}`;
  }
  return undefined;
}

/**
 * What is wrong with a parsed JSON value as a log event, one line per problem; empty when it
 * is a valid event. Unknown fields are problems too: the contract is closed.
 */
export function logEventProblems(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["not a JSON object"];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of LOG_EVENT_FIELDS) {
    if (!(field.name in record)) {
      problems.push(`${field.name}: missing`);
      continue;
    }
    const problem = problemWithValue(field, record[field.name]);
    if (problem) problems.push(`${field.name}: ${problem}`);
  }
  const known = new Set<string>(LOG_EVENT_FIELDS.map((field) => field.name));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) problems.push(`${key}: unknown field`);
  }
  const httpSet = HTTP_FIELDS.filter((name) => record[name] !== null && record[name] !== undefined);
  if (httpSet.length > 0 && httpSet.length < HTTP_FIELDS.length) {
    problems.push(`HTTP fields must be all set or all null, got only ${httpSet.join(", ")}`);
  }
  return problems;
}

export function isLogEvent(value: unknown): value is LogEvent {
  return logEventProblems(value).length === 0;
}
