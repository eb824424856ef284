import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The `java` launcher: JAVA_HOME's when set, otherwise the one on PATH. */
export function javaExecutable(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}

/** Fails with a message that says what to install unless a JDK 17 or newer is there. */
export function requireJava17(): string {
  const java = javaExecutable();
  // `java -version` prints to stderr.
  const probe = spawnSync(java, ["-version"], { encoding: "utf8" });
  if (probe.error) {
    throw new Error(
      `local runtime: no Java found (tried "${java}"). Install a JDK 17 or newer (e.g. apt install openjdk-17-jdk-headless) or set JAVA_HOME.`,
    );
  }
  const banner = `${probe.stderr}${probe.stdout}`;
  const major = Number(/version "(\d+)/.exec(banner)?.[1]);
  if (!(major >= 17)) {
    throw new Error(
      `local runtime: Kafka 4 and Spark 4 need Java 17 or newer, but "${java}" is ${banner.split("\n")[0]}. Set JAVA_HOME to a JDK 17+.`,
    );
  }
  return java;
}
