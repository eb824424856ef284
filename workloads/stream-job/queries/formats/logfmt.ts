/**
 * logfmt (`key=value key="quoted value"`) in Spark SQL: whole lines, and the `key=value` pairs
 * the other text formats carry where they have no slot for a field. Keys take the contract's
 * names, with logfmt's usual short names accepted (`ts`, `time`, `msg`, `lvl`).
 */
import { regex, type Slot, slotArray, sqlString, unescaped } from "./sql.ts";

/** One pair; group 1 the key, group 2 the value, bare or double-quoted with backslash escapes. */
const pair = String.raw`([^\s="]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)`;

/** A whole logfmt line: pairs separated by blanks, and nothing else. */
export const logfmtLine = String.raw`^\s*[^\s="]+=(?:"(?:[^"\\]|\\.)*"|[^\s"]*)(?:\s+[^\s="]+=(?:"(?:[^"\\]|\\.)*"|[^\s"]*))*\s*$`;

/** logfmt's customary key names for contract fields. */
export const LOGFMT_ALIASES: Readonly<Record<string, string>> = {
  ts: "timestamp",
  time: "timestamp",
  msg: "message",
  lvl: "level",
};

const aliased = (key: string) =>
  `CASE ${key} ${Object.entries(LOGFMT_ALIASES)
    .map(([alias, field]) => `WHEN ${sqlString(alias)} THEN ${sqlString(field)}`)
    .join(" ")} ELSE ${key} END`;

/** The pairs of `text` as `array<struct<k, v>>`, keys aliased to contract names, values unquoted. */
export function logfmtPairs(text: string): string {
  const keys = `regexp_extract_all(${text}, ${regex(pair)}, 1)`;
  const values = `regexp_extract_all(${text}, ${regex(pair)}, 2)`;
  const unquoted = `CASE WHEN startswith(v, '"') THEN ${unescaped("substr(v, 2, length(v) - 2)")} ELSE v END`;
  return `zip_with(${keys}, ${values}, (k, v) -> named_struct('k', ${aliased("k")}, 'v', ${unquoted}))`;
}

/**
 * A line's fields: its fixed slots and the pairs in `pairsText`; a pair overrides the slot of
 * the same field (so a format's coarse slot, like RFC 3164's time without a year, gives way to
 * an exact pair).
 */
export function slotsAndPairs(slots: readonly Slot[], pairsText: string): string {
  const pairs = logfmtPairs(pairsText);
  return `concat(filter(${slotArray(slots)}, s -> NOT exists(${pairs}, p -> p.k = s.k)), ${pairs})`;
}

export const logfmtFormat = {
  name: "logfmt",
  description: "a logfmt line",
  detect: String.raw`^[^\s="<\[{]+=`,
  matches: (raw: string) => `regexp_like(${raw}, ${regex(logfmtLine)})`,
  // Every field is a pair.
  fields: logfmtPairs,
} as const;
