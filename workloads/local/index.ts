export { LocalRuntimeError } from "./errors.ts";
export type { JvmClasspaths } from "./jvm/classpath.ts";
export { readJvmVersions } from "./jvm/manifest.ts";
export { JvmProcess } from "./jvm-process.ts";
export { KafkaServer } from "./kafka-server.ts";
export {
  type LocalRuntime,
  type LocalRuntimeDirs,
  type LocalRuntimeOptions,
  resolveLocalRuntime,
  startLocalRuntime,
} from "./runtime.ts";
export { SparkConnectServer } from "./spark-connect-server.ts";
