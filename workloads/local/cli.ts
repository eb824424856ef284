/**
 * The embedded local runtime from the command line:
 *   resolve  fetch the pinned Kafka and Spark jars from Maven Central (once)
 *   start    run Kafka and a Spark Connect server on this machine until Ctrl-C
 */
import { Command, Option } from "commander";
import { resolveLocalRuntime, startLocalRuntime } from "./runtime.ts";

function printLine(line: string): void {
  process.stderr.write(`local runtime: ${line}\n`);
}

const program = new Command("local-runtime")
  .description(
    "The pipeline's embedded local runtime: a real Kafka broker and Spark Connect server, no cluster.",
  )
  .showHelpAfterError();

program
  .command("resolve")
  .description("download the pinned JVM runtime from Maven Central into the local caches (no-op once done)")
  .action(async () => {
    const classpaths = await resolveLocalRuntime(({ line }) => printLine(line));
    printLine(`cached: ${classpaths.kafka.length} Kafka jars, ${classpaths.spark.length} Spark jars`);
  });

program
  .command("start")
  .description("start Kafka and Spark Connect on free loopback ports and keep them up until Ctrl-C")
  .option("--no-kafka", "do not start the Kafka broker")
  .option("--no-spark", "do not start the Spark Connect server")
  .option("--run-dir <dir>", "where the run keeps data and logs (default: a new folder under .runtime/)")
  .addOption(new Option("--spark-heap <size>", "the Spark Connect server's JVM heap").default("2g"))
  .option("--spark-ui", "serve Spark's web UI on a free port")
  .action(
    async (options: {
      kafka: boolean;
      spark: boolean;
      runDir?: string;
      sparkHeap: string;
      sparkUi?: boolean;
    }) => {
      const runtime = await startLocalRuntime({
        kafka: options.kafka,
        spark: options.spark,
        sparkHeap: options.sparkHeap,
        sparkUi: options.sparkUi ?? false,
        onProgress: printLine,
        ...(options.runDir ? { runDir: options.runDir } : {}),
      });
      if (runtime.kafkaBootstrap) printLine(`Kafka broker:         ${runtime.kafkaBootstrap}`);
      if (runtime.sparkConnectUrl) {
        printLine(`Spark Connect server: ${runtime.sparkConnectUrl}  (Spark ${runtime.sparkVersion})`);
      }
      printLine(`data and logs:        ${runtime.dirs.root}`);
      printLine("press Ctrl-C to stop");
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          printLine("stopping…");
          void runtime.stop().then(resolve);
        };
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
      });
      printLine(`stopped; data and logs kept in ${runtime.dirs.root}`);
    },
  );

program.parseAsync().catch((error: unknown) => {
  printLine(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
