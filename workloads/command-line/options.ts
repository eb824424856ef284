/**
 * How the pipeline's programs read their settings: each setting is a command-line flag and the
 * environment variable that stands for it (a flag wins; an empty variable counts as unset), in
 * one table per program. The same table adds the flags to the command, reads the values, and
 * names a setting in errors as its user knows it: `--rate (PRODUCER_RATE)`. Checking the values
 * stays with each program's schema. Knows nothing of the programs themselves.
 */
import { type Command, Option } from "commander";

export interface OptionSpec {
  /** Commander's flag syntax, e.g. "-r, --rate <events/s|max>"; none for a setting read only from the environment (secrets). */
  flags?: string;
  env: string;
  description: string;
  /**
   * Where the value goes in the program's options, dotted ("http.port"); the first is where
   * `readOptions` puts it, all of them name it in errors (a flag may feed several fields).
   */
  paths: string[];
  /** Given several times; several values in the variable are comma-separated. */
  repeatable?: boolean;
  /** Converted to a number when it reads as one; otherwise kept as text for the error to quote. */
  numeric?: boolean;
}

/** Names an option (its path in the options object) the way its user wrote it. */
export type OptionNamer = (path: readonly PropertyKey[]) => string;

/** The attribute commander stores a flag's value under: `rampFrom` for `--ramp-from`. */
export function flagAttribute(spec: OptionSpec): string | undefined {
  return spec.flags === undefined ? undefined : new Option(spec.flags).attributeName();
}

/** `--rate (PRODUCER_RATE)`, or just the variable for a setting that has no flag. */
export function optionName(spec: OptionSpec): string {
  const long = spec.flags === undefined ? undefined : /--[a-z][a-z0-9-]*/.exec(spec.flags)?.[0];
  return long === undefined ? spec.env : `${long} (${spec.env})`;
}

/** Names options by the table: the spec whose paths hold the path (or its first segment), else the path. */
export function optionNamer(specs: readonly OptionSpec[]): OptionNamer {
  return (path) => {
    const joined = path.map(String).join(".");
    const match =
      specs.find((spec) => spec.paths.includes(joined)) ??
      specs.find((spec) => spec.paths.includes(String(path[0])));
    return match ? optionName(match) : `option "${joined}"`;
  };
}

/** Adds every spec that has a flag to the command, its variable named in the help. */
export function addOptions(command: Command, specs: readonly OptionSpec[]): Command {
  for (const spec of specs) {
    if (spec.flags === undefined) continue;
    const option = new Option(spec.flags, `${spec.description} [env ${spec.env}]`);
    if (spec.repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
    command.addOption(option);
  }
  return command;
}

/** A number when the text is one, else the text itself (so that the error can quote it). */
export function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/** The key of a spec's raw value: its flag's attribute, or its variable when it has no flag. */
export function rawKey(spec: OptionSpec): string {
  return flagAttribute(spec) ?? spec.env;
}

/** Each spec's raw value, flag over variable, by `rawKey`; unset ones are absent. */
export function readRawOptions(
  specs: readonly OptionSpec[],
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, string | string[]> {
  const values = new Map<string, string | string[]>();
  for (const spec of specs) {
    const attribute = flagAttribute(spec);
    const fromFlag = attribute === undefined ? undefined : flags[attribute];
    const fromEnv = env[spec.env];
    const key = rawKey(spec);
    if (typeof fromFlag === "string" || Array.isArray(fromFlag)) values.set(key, fromFlag);
    else if (fromEnv !== undefined && fromEnv !== "")
      values.set(key, spec.repeatable ? fromEnv.split(",").map((part) => part.trim()) : fromEnv);
  }
  return values;
}

/**
 * The options object the table describes: each set value at its first path (nested on dots),
 * numeric specs converted with `numberOrText`.
 */
export function readOptions(
  specs: readonly OptionSpec[],
  flags: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const raw = readRawOptions(specs, flags, env);
  const options: Record<string, unknown> = {};
  for (const spec of specs) {
    const path = spec.paths[0];
    const value = raw.get(rawKey(spec));
    if (path === undefined || value === undefined) continue;
    const keys = path.split(".");
    let target = options;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1) as string] = spec.numeric && typeof value === "string" ? numberOrText(value) : value;
  }
  return options;
}

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  const text = JSON.stringify(input);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The one shape of a bad setting's message: `producer: --rate (PRODUCER_RATE) must be …, got "fast"`. */
export function optionProblem(program: string, name: string, problem: string, input: unknown): string {
  return `${program}: ${name} ${problem}, got ${describeInput(input)}`;
}
