import type { LogEvent, LogLevel } from "./log-event.ts";

/** `json` is the pipeline's contract; the others are for users who feed other tools. */
export const OUTPUT_FORMATS = ["json", "apache", "syslog"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type EventFormatter = (event: LogEvent) => string;

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const pad2 = (value: number) => String(value).padStart(2, "0");

/** `10/Oct/2000:13:55:36 +0000`, the time format of Apache's access log. */
function apacheTime(date: Date): string {
  return `${pad2(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} +0000`;
}

/** `Wed Oct 11 14:32:52.123 2000`, the time format of Apache's error log. */
function apacheErrorTime(date: Date): string {
  const ms = String(date.getUTCMilliseconds()).padStart(3, "0");
  return `${weekdays[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${pad2(date.getUTCDate())} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${ms} ${date.getUTCFullYear()}`;
}

const quoteEscape = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"');

/**
 * Apache "combined" for access events; application events, which have no request, take
 * the shape of Apache's error log (`[time] [service:level] [pid pod] message`).
 */
export function formatApache(event: LogEvent): string {
  const date = new Date(event.timestamp);
  if (event.status === null) {
    return `[${apacheErrorTime(date)}] [${event.service}:${event.level.toLowerCase()}] [pid ${event.pod}] ${event.message}`;
  }
  const request = `${event.method} ${event.path} HTTP/1.1`;
  const agent = event.user_agent === null ? "-" : quoteEscape(event.user_agent);
  return `${event.client_ip} - ${event.user_id ?? "-"} [${apacheTime(date)}] "${request}" ${event.status} ${event.bytes} "-" "${agent}"`;
}

/** RFC 5424 severities; the facility is local0 (16). */
const syslogSeverity: Record<LogLevel, number> = { DEBUG: 7, INFO: 6, WARN: 4, ERROR: 3, FATAL: 2 };
const localFacility = 16;
/** 32473 is the enterprise number RFC 5612 reserves for documentation and examples. */
const structuredDataId = "log@32473";

const paramEscape = (value: string) => value.replace(/["\\\]]/g, (char) => `\\${char}`);

/** RFC 5424: `<PRI>1 TIMESTAMP HOST APP - MSGID [SD] MSG`, the event's fields as structured data. */
export function formatSyslog(event: LogEvent): string {
  const priority = localFacility * 8 + syslogSeverity[event.level];
  const params = [`trace_id="${event.trace_id}"`, `span_id="${event.span_id}"`, `region="${event.region}"`];
  if (event.status !== null) {
    params.push(
      `method="${event.method}"`,
      `route="${paramEscape(event.route ?? "")}"`,
      `status="${event.status}"`,
      `latency_ms="${event.latency_ms}"`,
      `client_ip="${event.client_ip}"`,
    );
  }
  const messageId = event.status === null ? "app" : "access";
  return `<${priority}>1 ${event.timestamp} ${event.pod} ${event.service} - ${messageId} [${structuredDataId} ${params.join(" ")}] ${event.message}`;
}

export function formatJson(event: LogEvent): string {
  return JSON.stringify(event);
}

export const FORMATTERS: Readonly<Record<OutputFormat, EventFormatter>> = {
  json: formatJson,
  apache: formatApache,
  syslog: formatSyslog,
};
