import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../workloads/contract/log-event.ts";
import {
  formatApache,
  formatJson,
  formatLogfmt,
  formatSyslog,
  formatSyslogRfc3164,
} from "../../workloads/contract/log-formats.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";

const events = createLogGenerator({ seed: 2, startTime: "2025-10-10T13:55:36.042Z" }).batch(2000);
const access = events.find((event) => event.status !== null) as LogEvent;
const app = events.find((event) => event.status === null) as LogEvent;

/** logfmt pairs as a map, values unquoted and unescaped: the reading the stream job does in SQL. */
function logfmt(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const match of text.matchAll(/([^\s="]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g)) {
    const value = match[2] as string;
    pairs.set(match[1] as string, value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value);
  }
  return pairs;
}

describe("output formats", () => {
  it("json is the event itself, fields in schema order", () => {
    expect(JSON.parse(formatJson(access))).toEqual(access);
    expect(Object.keys(JSON.parse(formatJson(app)))[0]).toBe("timestamp");
  });

  it("apache renders access events in the combined log format with ms, then the other fields as pairs", () => {
    const line = formatApache({ ...access, user_id: null, user_agent: 'curl/8 "quoted"' });
    const combined =
      /^(\S+) - (\S+) \[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2}\.\d{3} \+0000)\] "(\w+) (\S+) HTTP\/1\.1" (\d{3}) (\d+) "-" "((?:[^"\\]|\\.)*)" (.*)$/;
    const match = combined.exec(line);
    expect(match?.slice(1, 9)).toEqual([
      access.client_ip,
      "-",
      "10/Oct/2025:13:55:36.042 +0000",
      access.method,
      access.path,
      String(access.status),
      String(access.bytes),
      'curl/8 \\"quoted\\"',
    ]);
    expect(Object.fromEntries(logfmt(match?.[9] ?? ""))).toEqual({
      service: access.service,
      pod: access.pod,
      level: access.level,
      route: access.route,
      latency_ms: String(access.latency_ms),
      host: access.host,
      region: access.region,
      trace_id: access.trace_id,
      span_id: access.span_id,
      msg: access.message,
    });
  });

  it("apache renders application events as error-log lines, fatal as crit", () => {
    expect(formatApache({ ...app, level: "FATAL", timestamp: "2025-10-10T13:55:36.042Z" })).toBe(
      `[Fri Oct 10 13:55:36.042 2025] [${app.service}:crit] [pid ${app.pod}] [host=${app.host} region=${app.region} trace_id=${app.trace_id} span_id=${app.span_id}] ${app.message}`,
    );
  });

  it("syslog follows RFC 5424 with the severity of the level and the fields as structured data", () => {
    const line = formatSyslog({ ...access, level: "ERROR", route: "/a/{id}]" });
    const rfc5424 =
      /^<(\d+)>1 (\S+) (\S+) (\S+) - (\S+) \[log@32473 ((?:\w+="(?:[^"\\\]]|\\.)*" ?)+)\] (.*)$/;
    const match = rfc5424.exec(line);
    expect(match).not.toBeNull();
    expect(match?.[1]).toBe(String(16 * 8 + 3));
    expect(match?.slice(2, 6)).toEqual([access.timestamp, access.pod, access.service, "access"]);
    expect(match?.[6]).toContain('route="/a/{id}\\]"');
    expect(match?.[6]).toContain(`bytes="${access.bytes}"`);
    expect(match?.[7]).toBe(access.message);
    // Null fields are left out.
    expect(formatSyslog({ ...app, level: "DEBUG" })).toMatch(
      /^<135>1 .* app \[log@32473 host="[^"]+" region="[^"]+" trace_id="[0-9a-f]{32}" span_id="[0-9a-f]{16}"\] /,
    );
  });

  it("syslog-rfc3164 has the BSD header and the exact time and other fields as logfmt", () => {
    const line = formatSyslogRfc3164({ ...app, level: "WARN", timestamp: "2025-10-01T03:04:05.678Z" });
    const match = /^<(\d+)>(\w{3} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s:[]+): (.*)$/.exec(line);
    expect(match?.slice(1, 5)).toEqual([String(16 * 8 + 4), "Oct  1 03:04:05", app.pod, app.service]);
    expect(Object.fromEntries(logfmt(match?.[5] ?? ""))).toEqual({
      ts: "2025-10-01T03:04:05.678Z",
      host: app.host,
      region: app.region,
      trace_id: app.trace_id,
      span_id: app.span_id,
      msg: app.message,
    });
  });

  it("logfmt holds every set field, quoting values with blanks, quotes or equals signs", () => {
    const pairs = logfmt(formatLogfmt({ ...access, user_agent: 'a "b"=c\\d' }));
    expect(pairs.get("ts")).toBe(access.timestamp);
    expect(pairs.get("msg")).toBe(access.message);
    expect(pairs.get("user_agent")).toBe('a "b"=c\\d');
    expect(pairs.get("status")).toBe(String(access.status));
    expect(pairs.size).toBe(18);
    expect(logfmt(formatLogfmt(app)).has("status")).toBe(false);
  });
});
