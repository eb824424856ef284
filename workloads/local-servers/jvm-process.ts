import { writeFileSync } from "node:fs";
import { ServerProcess } from "./server-process.ts";

export { type ServerExit as JvmExit, waitUntilReady } from "./server-process.ts";

export interface JvmLaunch {
  /** Shown in errors and progress: "Kafka broker", "Spark Connect server". */
  name: string;
  java: string;
  classpath: string[];
  jvmOptions: string[];
  mainClass: string;
  args: string[];
  env?: Record<string, string>;
  /** Where the JVM's stdout and stderr go. */
  logFile: string;
  /** The JVM's arguments go in this Java @argfile, which keeps `ps` readable and tokens off it. */
  argFile: string;
}

/** A JVM of the local runtime: a server process whose command line is `java @argfile`. */
export type JvmProcess = ServerProcess;

export const JvmProcess = {
  start(launch: JvmLaunch): JvmProcess {
    writeFileSync(
      launch.argFile,
      [...launch.jvmOptions, "-cp", launch.classpath.join(":"), launch.mainClass, ...launch.args]
        .map(quoteForArgFile)
        .join("\n"),
    );
    return ServerProcess.start({
      name: launch.name,
      command: launch.java,
      args: [`@${launch.argFile}`],
      logFile: launch.logFile,
      ...(launch.env ? { env: launch.env } : {}),
    });
  },
};

/** Java @argfiles treat whitespace as a separator and backslashes as escapes inside quotes. */
function quoteForArgFile(arg: string): string {
  return /[\s"'\\#]/.test(arg) ? `"${arg.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` : arg;
}
