export type { JvmClasspaths } from "../pinned-jars/classpath.ts";
export { readJvmVersions } from "../pinned-jars/manifest.ts";
export { LocalRuntimeError } from "./errors.ts";
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
