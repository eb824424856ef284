import { type SparkException, type SparkExceptionDetails, sparkExceptionFor } from "./errors.ts";
import type { FetchErrorDetailsResponse } from "./gen/spark/connect/base_pb.ts";
import type { ErrorInfo } from "./grpc-status.ts";

/** The typed exception for a Spark error, built from the full details FetchErrorDetails returned. */
export function exceptionFromErrorDetails(response: FetchErrorDetailsResponse): SparkException | undefined {
  if (response.rootErrorIdx === undefined || response.errors.length === 0) return undefined;
  const build = (index: number, depth: number): SparkException | undefined => {
    const error = response.errors[index];
    if (error === undefined || depth > response.errors.length) return undefined;
    const throwable = error.sparkThrowable;
    const details: SparkExceptionDetails = {
      errorClass: throwable?.errorClass || undefined,
      sqlState: throwable?.sqlState || undefined,
      messageParameters: { ...(throwable?.messageParameters ?? {}) },
      classes: error.errorTypeHierarchy,
      serverStackTrace: error.stackTrace.map((frame) => ({
        declaringClass: frame.declaringClass,
        methodName: frame.methodName,
        fileName: frame.fileName,
        lineNumber: frame.lineNumber,
      })),
      cause: error.causeIdx === undefined ? undefined : build(error.causeIdx, depth + 1),
    };
    return sparkExceptionFor(error.message, details);
  };
  return build(response.rootErrorIdx, 0);
}

/** The typed exception from the ErrorInfo trailer alone, when FetchErrorDetails is unavailable. */
export function exceptionFromErrorInfo(message: string, info: ErrorInfo): SparkException {
  const { metadata } = info;
  return sparkExceptionFor(metadata.message ?? message, {
    errorClass: metadata.errorClass || undefined,
    sqlState: metadata.sqlState || undefined,
    messageParameters: parseJsonObject(metadata.messageParameters),
    classes: parseJsonArray(metadata.classes, info.reason),
    serverStackTrace: [],
  });
}

function parseJsonObject(text: string | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function parseJsonArray(text: string | undefined, fallback: string): string[] {
  if (!text) return [fallback];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [fallback];
  } catch {
    return [fallback];
  }
}
