/** A server of the local runtime that died or did not come up: which one, why, and its log. */
export class LocalRuntimeError extends Error {
  override readonly name = "LocalRuntimeError";
  constructor(
    readonly server: string,
    readonly reason: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(
      `${server} ${reason}.\nLast lines of its log:\n${indent(logTail || "(the log is empty)")}\nFull log: ${logFile}`,
    );
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");
}
