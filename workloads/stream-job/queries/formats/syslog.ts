/**
 * Syslog: RFC 5424 (structured data into fields) and RFC 3164 (BSD). The level comes from the
 * priority's severity, the service from the app name (5424) or tag (3164), the pod from the host name.
 */
import { SYSLOG_SEVERITIES } from "../../../contract/log-formats.ts";
import { logfmtLine, slotsAndPairs } from "./logfmt.ts";
import {
  dashAsNull,
  group,
  isoUtc,
  parseTime,
  regex,
  type Slot,
  slotArray,
  sqlString,
  unescaped,
} from "./sql.ts";

/** The contract's level for a priority: severities 0–2 are fatal, 5 (notice) is info. */
function levelOf(priority: string): string {
  const known = Object.entries(SYSLOG_SEVERITIES).map(
    ([level, severity]) => `WHEN ${severity} THEN ${sqlString(level)}`,
  );
  return `CASE CAST(${priority} AS INT) % 8 ${known.join(" ")} WHEN 0 THEN 'FATAL' WHEN 1 THEN 'FATAL' WHEN 5 THEN 'INFO' END`;
}

const structuredData = String.raw`(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+`;

/**
 * `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`. Groups: 1 priority, 2 time,
 * 3 host name, 4 app name, 7 structured data, 8 message.
 */
const rfc5424Line = String.raw`^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|${structuredData})(?: (.*))?$`;

/** An SD-PARAM: group 1 the name, group 2 the value (`"`, `\` and `]` escaped). */
const sdParam = String.raw`([^\s="\]]+)="((?:[^"\\]|\\.)*)"`;

function rfc5424Fields(raw: string): string {
  const g = (index: number) => group(raw, rfc5424Line, index);
  const slots: Slot[] = [
    { field: "timestamp", value: dashAsNull(g(2)) },
    { field: "pod", value: dashAsNull(g(3)) },
    { field: "service", value: dashAsNull(g(4)) },
    { field: "level", value: levelOf(g(1)) },
    // A message may start with a byte-order mark (RFC 5424 §6.4).
    { field: "message", value: `regexp_replace(${g(8)}, '^\\\\x{FEFF}', '')` },
  ];
  // Every SD element's parameters, whatever its SD-ID.
  const keys = `regexp_extract_all(${g(7)}, ${regex(sdParam)}, 1)`;
  const values = `regexp_extract_all(${g(7)}, ${regex(sdParam)}, 2)`;
  const params = `zip_with(${keys}, ${values}, (k, v) -> named_struct('k', k, 'v', ${unescaped("v")}))`;
  return `concat(${slotArray(slots)}, ${params})`;
}

/**
 * `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`. Groups: 1 priority, 2 time, 3 host name,
 * 4 tag, 6 message.
 */
const rfc3164Line = String.raw`^<(\d{1,3})>([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s:\[]+)(?:\[([^\]]*)\])?: ?(.*)$`;

/**
 * RFC 3164's time has no year: it is the year the record reached Kafka, or the one before when
 * that puts the event more than a day after its arrival (a December line read in January).
 */
function rfc3164Time(headerTime: string): string {
  const withYear = parseTime(
    `concat(CAST(year(kafka_timestamp) AS STRING), ' ', regexp_replace(${headerTime}, ' +', ' '))`,
    ["yyyy MMM d HH:mm:ss"],
  );
  return `CASE WHEN ${withYear} > kafka_timestamp + INTERVAL 1 DAY THEN ${withYear} - INTERVAL 1 YEAR ELSE ${withYear} END`;
}

function rfc3164Fields(raw: string): string {
  const g = (index: number) => group(raw, rfc3164Line, index);
  const header: Slot[] = [
    { field: "timestamp", value: isoUtc(rfc3164Time(g(2))) },
    { field: "pod", value: g(3) },
    { field: "service", value: g(4) },
    { field: "level", value: levelOf(g(1)) },
  ];
  // A logfmt message carries fields (the exact time among them); any other is the message.
  const body = g(6);
  return `CASE WHEN regexp_like(${body}, ${regex(logfmtLine)}) THEN ${slotsAndPairs(header, body)} ELSE ${slotsAndPairs([...header, { field: "message", value: body }], "''")} END`;
}

export const syslogFormat = {
  name: "syslog",
  description: "an RFC 5424 syslog line",
  detect: String.raw`^<\d{1,3}>1 `,
  matches: (raw: string) => `regexp_like(${raw}, ${regex(rfc5424Line)})`,
  fields: rfc5424Fields,
} as const;

export const syslogRfc3164Format = {
  name: "syslog-rfc3164",
  description: "an RFC 3164 syslog line",
  detect: String.raw`^<\d{1,3}>[A-Z]`,
  matches: (raw: string) => `regexp_like(${raw}, ${regex(rfc3164Line)})`,
  fields: rfc3164Fields,
} as const;
