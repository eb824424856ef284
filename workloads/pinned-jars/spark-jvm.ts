/**
 * JVM options for every JVM that runs Spark's generated code (the Spark Connect server locally;
 * the driver and the executors in the cluster): the one definition both apply.
 *
 * HotSpot never JIT-compiles a method of more than 8,000 bytes of bytecode (`HugeMethodLimit`)
 * unless `DontCompileHugeMethods` is off: such a method runs in the interpreter for as long as
 * the JVM lives. The contract check's whole-stage code has such methods (its `processNext` about
 * 15 KB, a projection method of the lake's stage 8–9 KB; the server logs "Generated method too
 * long to be JIT compiled"), and every record runs through them, three times over.
 */
export const sparkJvmOptions = ["-XX:-DontCompileHugeMethods"] as const;

/** The same options as Spark settings, for a driver and executors that `spark-submit` launches. */
export function sparkJvmConf(): Record<string, string> {
  const options = sparkJvmOptions.join(" ");
  return { "spark.driver.extraJavaOptions": options, "spark.executor.extraJavaOptions": options };
}
