import type { z } from "zod";

/**
 * Names an option (given as its path in the options object) the way its user wrote it:
 * `option "rate"` in the library, `--rate (PRODUCER_RATE)` on the CLI.
 */
export type OptionNamer = (path: readonly PropertyKey[]) => string;

export const libraryOptionName: OptionNamer = (path) => `option "${path.map(String).join(".")}"`;

/** A bad option, found before anything connects: says which, what is accepted and what was given. */
export class ProducerOptionError extends Error {
  override readonly name = "ProducerOptionError";

  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  const text = JSON.stringify(input);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The first problem of a failed parse as a `ProducerOptionError`; parse with `reportInput: true`. */
export function optionErrorFrom(
  error: z.ZodError,
  nameOption: OptionNamer,
  prefix = "producer",
): ProducerOptionError {
  const issue = error.issues[0];
  if (!issue) return new ProducerOptionError("", `${prefix}: invalid options`);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return new ProducerOptionError(
      keys,
      `${prefix}: unknown option(s) ${keys}; check the spelling against the docs`,
    );
  }
  const path = issue.path.filter((key) => typeof key !== "number");
  const option = path.map(String).join(".");
  const subject = option ? nameOption(path) : "options";
  return new ProducerOptionError(
    option,
    `${prefix}: ${subject} ${issue.message}, got ${describeInput(issue.input)}`,
  );
}
