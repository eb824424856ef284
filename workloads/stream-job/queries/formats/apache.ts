/**
 * Apache httpd's logs: access lines in the common or combined format (optionally followed by
 * logfmt pairs for the fields Apache has no slot for), and error-log lines.
 */
import { APACHE_ERROR_LEVELS } from "../../../contract/log-formats.ts";
import { slotsAndPairs } from "./logfmt.ts";
import { dashAsNull, group, isoUtc, parseTime, type Slot, sqlString, unescaped } from "./sql.ts";

const quoted = String.raw`"((?:[^"\\]|\\.)*)"`;

/**
 * `%h %l %u %t "%r" %>s %b`, then optionally `"%{Referer}i" "%{User-Agent}i"`, then optionally
 * the pairs. Groups: 1 client, 3 user, 4 time, 5 method, 6 path, 8 status, 9 bytes, 11 agent, 12 pairs.
 */
const accessLine = String.raw`^(\S+) (\S+) (\S+) \[([^\]]+)\] "(\S+) (\S+)(?: (\S+))?" (\d{3}) (\d+|-)(?: ${quoted} ${quoted})?(?: (.*))?$`;

/**
 * `[time] [module:level] [pid N] [pairs] message` (Apache 2.4's default, with an optional
 * bracket of pairs). Groups: 1 time without weekday, 2 module, 3 level, 4 pid, 5 pairs, 6 message.
 */
const errorLine = String.raw`^\[\w{3} (\w{3} \d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \d{4})\] \[([^:\]]*):(\w+)\] \[pid ([^\]:]*)[^\]]*\](?: \[([^\s=\]]+=[^\]]*)\])? ?(.*)$`;

/** Apache's levels as the contract's: emerg, alert and crit are fatal; notice is info; trace1–8 are debug. */
function levelOf(apacheLevel: string): string {
  const known = Object.entries(APACHE_ERROR_LEVELS).map(
    ([level, name]) => `WHEN ${sqlString(name)} THEN ${sqlString(level)}`,
  );
  return `CASE lower(${apacheLevel}) ${known.join(" ")} WHEN 'emerg' THEN 'FATAL' WHEN 'alert' THEN 'FATAL' WHEN 'notice' THEN 'INFO' ELSE (CASE WHEN lower(${apacheLevel}) LIKE 'trace_' THEN 'DEBUG' ELSE upper(${apacheLevel}) END) END`;
}

function accessFields(raw: string): string {
  const g = (index: number) => group(raw, accessLine, index);
  const slots: Slot[] = [
    {
      field: "timestamp",
      value: isoUtc(parseTime(g(4), ["dd/MMM/yyyy:HH:mm:ss.SSS Z", "dd/MMM/yyyy:HH:mm:ss Z"])),
    },
    { field: "client_ip", value: g(1) },
    { field: "user_id", value: dashAsNull(g(3)) },
    { field: "method", value: g(5) },
    { field: "path", value: g(6) },
    { field: "status", value: g(8) },
    // `%b` writes "-" for a response without a body.
    { field: "bytes", value: `CASE ${g(9)} WHEN '-' THEN '0' ELSE ${g(9)} END` },
    { field: "user_agent", value: dashAsNull(unescaped(g(11))) },
  ];
  return slotsAndPairs(slots, g(12));
}

function errorFields(raw: string): string {
  const g = (index: number) => group(raw, errorLine, index);
  // Apache writes microseconds; the contract keeps milliseconds.
  const time = `regexp_replace(${g(1)}, '(\\\\.\\\\d{3})\\\\d+', '$1')`;
  const slots: Slot[] = [
    {
      field: "timestamp",
      value: isoUtc(parseTime(time, ["MMM dd HH:mm:ss.SSS yyyy", "MMM dd HH:mm:ss yyyy"])),
    },
    { field: "service", value: g(2) },
    { field: "level", value: levelOf(g(3)) },
    { field: "pod", value: g(4) },
    { field: "message", value: g(6) },
  ];
  return slotsAndPairs(slots, g(5));
}

export const apacheFormat = {
  name: "apache",
  description: "an Apache access or error log line",
  detect: String.raw`^(\[\w{3} \w{3} \d{2} |\S+ \S+ \S+ \[)`,
  matches: (raw: string) =>
    `(regexp_like(${raw}, ${sqlString(accessLine)}) OR regexp_like(${raw}, ${sqlString(errorLine)}))`,
  fields: (raw: string) =>
    `CASE WHEN startswith(${raw}, '[') THEN ${errorFields(raw)} ELSE ${accessFields(raw)} END`,
} as const;
