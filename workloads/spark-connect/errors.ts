/** Base of every error this client throws. */
export class SparkConnectError extends Error {
  override name = "SparkConnectError";
}

/** The client was used wrongly (a bad URL, argument or state); nothing reached the server. */
export class SparkConnectClientError extends SparkConnectError {
  override name = "SparkConnectClientError";
}

/** A gRPC failure that did not come from Spark: the server is unreachable, the call timed out, the token was refused. */
export class SparkConnectGrpcError extends SparkConnectError {
  override name = "SparkConnectGrpcError";
  constructor(
    message: string,
    /** The gRPC status code name, e.g. `UNAVAILABLE`, `UNAUTHENTICATED`. */
    readonly grpcCode: string,
  ) {
    super(message);
  }
}

/** One frame of the server's JVM stack trace. */
export interface ServerStackFrame {
  declaringClass: string;
  methodName: string;
  fileName: string | undefined;
  lineNumber: number;
}

export interface SparkExceptionDetails {
  /** Spark's error class, e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`. */
  errorClass: string | undefined;
  sqlState: string | undefined;
  messageParameters: Record<string, string>;
  /** The server's exception classes, most specific first. */
  classes: string[];
  /** The server's JVM stack, when FetchErrorDetails provided it. */
  serverStackTrace: ServerStackFrame[];
  cause?: SparkException | undefined;
}

/** An exception raised by Spark on the server; the message is the server's. */
export class SparkException extends SparkConnectError {
  override name = "SparkException";
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Record<string, string>;
  readonly classes: string[];
  readonly serverStackTrace: ServerStackFrame[];

  constructor(message: string, details: SparkExceptionDetails) {
    super(message, details.cause ? { cause: details.cause } : undefined);
    this.errorClass = details.errorClass;
    this.sqlState = details.sqlState;
    this.messageParameters = details.messageParameters;
    this.classes = details.classes;
    this.serverStackTrace = details.serverStackTrace;
  }

  /** The server stack in the JVM's own format, for logs. */
  get serverStack(): string {
    return this.serverStackTrace
      .map(
        (f) => `\tat ${f.declaringClass}.${f.methodName}(${f.fileName ?? "Unknown Source"}:${f.lineNumber})`,
      )
      .join("\n");
  }
}

export class AnalysisException extends SparkException {
  override name = "AnalysisException";
}
export class ParseException extends AnalysisException {
  override name = "ParseException";
}
export class TempTableAlreadyExistsException extends AnalysisException {
  override name = "TempTableAlreadyExistsException";
}
export class StreamingQueryException extends SparkException {
  override name = "StreamingQueryException";
}
export class IllegalArgumentException extends SparkException {
  override name = "IllegalArgumentException";
}
export class ArithmeticException extends SparkException {
  override name = "ArithmeticException";
}
export class NumberFormatException extends IllegalArgumentException {
  override name = "NumberFormatException";
}
export class ArrayIndexOutOfBoundsException extends SparkException {
  override name = "ArrayIndexOutOfBoundsException";
}
export class DateTimeException extends SparkException {
  override name = "DateTimeException";
}
export class UnsupportedOperationException extends SparkException {
  override name = "UnsupportedOperationException";
}
export class SparkRuntimeException extends SparkException {
  override name = "SparkRuntimeException";
}
export class SparkUpgradeException extends SparkException {
  override name = "SparkUpgradeException";
}
export class SparkNoSuchElementException extends SparkException {
  override name = "SparkNoSuchElementException";
}

type SparkExceptionClass = new (message: string, details: SparkExceptionDetails) => SparkException;

/** JVM exception class → the typed exception thrown here; the first match in the server's hierarchy wins. */
const exceptionByJvmClass: ReadonlyMap<string, SparkExceptionClass> = new Map<string, SparkExceptionClass>([
  ["org.apache.spark.sql.catalyst.parser.ParseException", ParseException],
  ["org.apache.spark.sql.catalyst.analysis.TempTableAlreadyExistsException", TempTableAlreadyExistsException],
  ["org.apache.spark.sql.AnalysisException", AnalysisException],
  ["org.apache.spark.sql.streaming.StreamingQueryException", StreamingQueryException],
  ["java.lang.NumberFormatException", NumberFormatException],
  ["java.lang.IllegalArgumentException", IllegalArgumentException],
  ["java.lang.ArithmeticException", ArithmeticException],
  ["java.lang.ArrayIndexOutOfBoundsException", ArrayIndexOutOfBoundsException],
  ["java.time.DateTimeException", DateTimeException],
  ["java.lang.UnsupportedOperationException", UnsupportedOperationException],
  ["org.apache.spark.SparkUpgradeException", SparkUpgradeException],
  ["org.apache.spark.SparkNoSuchElementException", SparkNoSuchElementException],
  ["org.apache.spark.SparkRuntimeException", SparkRuntimeException],
]);

/** Builds the typed exception for a server error from its JVM class hierarchy (most specific first). */
export function sparkExceptionFor(message: string, details: SparkExceptionDetails): SparkException {
  for (const jvmClass of details.classes) {
    const type = exceptionByJvmClass.get(jvmClass);
    if (type) return new type(message, details);
  }
  return new SparkException(message, details);
}
