export type { ConnectionOptions } from "./connection-string.ts";
export { parseConnectionString, redactToken } from "./connection-string.ts";
export * from "./errors.ts";
export type { RetryPolicy } from "./retry.ts";
export { RuntimeConfig } from "./runtime-config.ts";
export { SparkSession, SparkSessionBuilder } from "./session.ts";
