import type { LogEvent, LogLevel } from "./log-event.ts";

/**
 * `json` is the pipeline's contract; the others are the formats real systems ship. Each carries
 * every field of the event (what a format has no slot for goes as `key=value` pairs in the
 * place the format leaves for them), so the stream job maps each line back to the same event.
 */
export const OUTPUT_FORMATS = ["json", "apache", "syslog", "syslog-rfc3164", "logfmt"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type EventFormatter = (event: LogEvent) => string;

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const pad2 = (value: number) => String(value).padStart(2, "0");
const pad3 = (value: number) => String(value).padStart(3, "0");
const clock = (date: Date) =>
  `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;

/**
 * `10/Oct/2000:13:55:36.042 +0000`: the access log's `%t` with milliseconds, as Apache 2.4 logs
 * it with `[%{%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t %{%z}t]`.
 */
function apacheTime(date: Date): string {
  return `${pad2(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${clock(date)}.${pad3(date.getUTCMilliseconds())} +0000`;
}

/** `Wed Oct 11 14:32:52.123 2000`, the time format of Apache's error log. */
function apacheErrorTime(date: Date): string {
  return `${weekdays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${pad2(date.getUTCDate())} ${clock(date)}.${pad3(date.getUTCMilliseconds())} ${date.getUTCFullYear()}`;
}

/** `Oct  1 14:32:52`: RFC 3164's timestamp, without year, zone or fraction. */
function bsdSyslogTime(date: Date): string {
  return `${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, " ")} ${clock(date)}`;
}

const quoteEscape = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"');

/** A logfmt value: bare when it can be, else double-quoted with `\` and `"` escaped. */
function logfmtValue(value: string): string {
  return value === "" || /[\s"=\\]/.test(value) ? `"${quoteEscape(value)}"` : value;
}

/** `key=value` pairs of the fields that are set; a null field is left out. */
function logfmtPairs(fields: Readonly<Record<string, string | number | null>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([key, value]) => `${key}=${logfmtValue(String(value))}`)
    .join(" ");
}

/** The levels of Apache's error log the event's levels are written as. */
export const APACHE_ERROR_LEVELS: Readonly<Record<LogLevel, string>> = {
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
  FATAL: "crit",
};

/**
 * Apache "combined" for access events, followed by the fields it has no slot for as logfmt
 * pairs (what a `LogFormat` ending in `service=%v latency_ms=… trace_id=%{…}e …` writes);
 * application events, which have no request, take the shape of Apache's error log
 * (`[time] [service:level] [pid pod] [pairs] message`).
 */
export function formatApache(event: LogEvent): string {
  const date = new Date(event.timestamp);
  const context = {
    host: event.host,
    region: event.region,
    trace_id: event.trace_id,
    span_id: event.span_id,
  };
  if (event.status === null) {
    return `[${apacheErrorTime(date)}] [${event.service}:${APACHE_ERROR_LEVELS[event.level]}] [pid ${event.pod}] [${logfmtPairs(context)}] ${event.message}`;
  }
  const request = `${event.method} ${event.path} HTTP/1.1`;
  const agent = event.user_agent === null ? "-" : quoteEscape(event.user_agent);
  const extra = logfmtPairs({
    service: event.service,
    pod: event.pod,
    level: event.level,
    route: event.route,
    latency_ms: event.latency_ms,
    ...context,
    msg: event.message,
  });
  return `${event.client_ip} - ${event.user_id ?? "-"} [${apacheTime(date)}] "${request}" ${event.status} ${event.bytes} "-" "${agent}" ${extra}`;
}

/** Syslog severities (RFC 5424 and RFC 3164 share them); the facility is local0 (16). */
export const SYSLOG_SEVERITIES: Readonly<Record<LogLevel, number>> = {
  DEBUG: 7,
  INFO: 6,
  WARN: 4,
  ERROR: 3,
  FATAL: 2,
};
const localFacility = 16;
const syslogPriority = (level: LogLevel) => localFacility * 8 + SYSLOG_SEVERITIES[level];
/** 32473 is the enterprise number RFC 5612 reserves for documentation and examples. */
export const SYSLOG_STRUCTURED_DATA_ID = "log@32473";

const paramEscape = (value: string) => value.replace(/["\\\]]/g, (char) => `\\${char}`);

/** The fields a syslog header (either RFC) has no slot for: level, time, pod and service have one. */
function beyondSyslogHeader(event: LogEvent) {
  return {
    host: event.host,
    region: event.region,
    trace_id: event.trace_id,
    span_id: event.span_id,
    method: event.method,
    route: event.route,
    path: event.path,
    status: event.status,
    latency_ms: event.latency_ms,
    bytes: event.bytes,
    user_agent: event.user_agent,
    client_ip: event.client_ip,
    user_id: event.user_id,
  };
}

/**
 * RFC 5424: `<PRI>1 TIMESTAMP POD SERVICE - MSGID [SD] MSG`, the fields without a header slot
 * as structured data (a null field is left out).
 */
export function formatSyslog(event: LogEvent): string {
  const params = Object.entries(beyondSyslogHeader(event))
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}="${paramEscape(String(value))}"`);
  const messageId = event.status === null ? "app" : "access";
  return `<${syslogPriority(event.level)}>1 ${event.timestamp} ${event.pod} ${event.service} - ${messageId} [${SYSLOG_STRUCTURED_DATA_ID} ${params.join(" ")}] ${event.message}`;
}

/**
 * RFC 3164 (BSD syslog): `<PRI>Mmm dd hh:mm:ss POD SERVICE: MSG`, the message in logfmt with
 * the fields the header cannot hold, the exact time (`ts`) among them: the header's has no
 * year and no fraction of a second.
 */
export function formatSyslogRfc3164(event: LogEvent): string {
  const body = logfmtPairs({
    ts: event.timestamp,
    ...beyondSyslogHeader(event),
    msg: event.message,
  });
  return `<${syslogPriority(event.level)}>${bsdSyslogTime(new Date(event.timestamp))} ${event.pod} ${event.service}: ${body}`;
}

/** logfmt: one `key=value` pair per field that is set, with the usual `ts` and `msg` keys. */
export function formatLogfmt(event: LogEvent): string {
  const { timestamp, message, ...rest } = event;
  return logfmtPairs({ ts: timestamp, ...rest, msg: message });
}

export function formatJson(event: LogEvent): string {
  return JSON.stringify(event);
}

export const FORMATTERS: Readonly<Record<OutputFormat, EventFormatter>> = {
  json: formatJson,
  apache: formatApache,
  syslog: formatSyslog,
  "syslog-rfc3164": formatSyslogRfc3164,
  logfmt: formatLogfmt,
};
