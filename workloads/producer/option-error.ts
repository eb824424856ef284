import type { z } from "zod";
import { type OptionNamer, optionProblem } from "../command-line/options.ts";

/** How options are named when they come as a library's argument: `option "rate"` (the CLI names flags). */
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
  return new ProducerOptionError(option, optionProblem(prefix, subject, issue.message, issue.input));
}
