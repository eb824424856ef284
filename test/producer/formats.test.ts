import { describe, expect, it } from "vitest";
import { formatApache, formatJson, formatSyslog } from "../../workloads/producer/formats.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import type { LogEvent } from "../../workloads/producer/log-event.ts";

const events = createLogGenerator({ seed: 2, startTime: "2025-10-10T13:55:36.042Z" }).batch(2000);
const access = events.find((event) => event.status !== null) as LogEvent;
const app = events.find((event) => event.status === null) as LogEvent;

describe("output formats", () => {
  it("json is the event itself, fields in schema order", () => {
    expect(JSON.parse(formatJson(access))).toEqual(access);
    expect(Object.keys(JSON.parse(formatJson(app)))[0]).toBe("timestamp");
  });

  it("apache renders access events in the combined log format", () => {
    const line = formatApache({ ...access, user_id: null, user_agent: 'curl/8 "quoted"' });
    const combined =
      /^(\S+) - (\S+) \[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000)\] "(\w+) (\S+) HTTP\/1\.1" (\d{3}) (\d+) "-" "(.*)"$/;
    const match = combined.exec(line);
    expect(match?.slice(1)).toEqual([
      access.client_ip,
      "-",
      "10/Oct/2025:13:55:36 +0000",
      access.method,
      access.path,
      String(access.status),
      String(access.bytes),
      'curl/8 \\"quoted\\"',
    ]);
  });

  it("apache renders application events as error-log lines", () => {
    expect(formatApache({ ...app, timestamp: "2025-10-10T13:55:36.042Z" })).toBe(
      `[Fri Oct 10 13:55:36.042 2025] [${app.service}:${app.level.toLowerCase()}] [pid ${app.pod}] ${app.message}`,
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
    expect(match?.[7]).toBe(access.message);
    expect(formatSyslog({ ...app, level: "DEBUG" })).toMatch(
      /^<135>1 .* app \[log@32473 trace_id="[0-9a-f]{32}"/,
    );
  });
});
