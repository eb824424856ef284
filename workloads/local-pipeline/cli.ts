/**
 * The embedded local runtime from the command line:
 *   resolve  fetch the pinned Kafka and Spark jars from Maven Central (once)
 *   start    the whole pipeline on this machine (Kafka, Spark Connect, producer, stream job), live view
 *   servers  only Kafka and a Spark Connect server, until Ctrl-C
 */
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { untilSignal } from "../command-line/signals.ts";
import { resolveLocalRuntime, startLocalRuntime } from "../local-servers/runtime.ts";
import { renderLiveView } from "./live-view.ts";
import { type LakeKind, lakeKinds, runLocalPipeline } from "./pipeline.ts";

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
    printLine(
      `cached: ${classpaths.kafka.length} Kafka jars, ${classpaths.spark.length} Spark jars, ${classpaths.s3proxy.length} S3Proxy jars`,
    );
  });

program
  .command("servers")
  .description("start only Kafka and Spark Connect on free loopback ports and keep them up until Ctrl-C")
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
      await untilSignal();
      printLine("stopping…");
      await runtime.stop();
      printLine(`stopped; data and logs kept in ${runtime.dirs.root}`);
    },
  );

program
  .command("start", { isDefault: true })
  .description(
    "run the whole pipeline here: Kafka, Spark Connect, the producer and the stream job, with a live view",
  )
  .addOption(
    new Option("--rate <events/s>", "producer rate").default(200).argParser(positiveNumber("--rate")),
  )
  .option("--duration <seconds>", "stop the producer after this many seconds", positiveNumber("--duration"))
  .option("--no-producer", "do not run the producer (feed the logs topic from elsewhere)")
  .option(
    "--no-incidents",
    "do not stage the demo incidents (a checkout error spike, a search latency regression)",
  )
  .option(
    "--trigger <interval>",
    "one micro-batch trigger for every query (default: each its own, lake 10 s, metrics and alerts 1 s, dead letters 1 s)",
  )
  .addOption(
    new Option("--lake <kind>", "where the lake and checkpoints live: a local folder, or a local S3 store")
      .choices(lakeKinds)
      .default("file"),
  )
  .option("--run-dir <dir>", "where the run keeps data and logs (default: a new folder under .runtime/)")
  .addOption(new Option("--spark-heap <size>", "the Spark Connect server's JVM heap").default("2g"))
  .action(
    async (options: {
      rate: number;
      duration?: number;
      producer: boolean;
      incidents: boolean;
      trigger?: string;
      lake: LakeKind;
      runDir?: string;
      sparkHeap: string;
    }) => {
      const started = Date.now();
      const pipeline = await runLocalPipeline({
        producer: options.producer,
        rate: options.rate,
        incidents: options.incidents,
        ...(options.trigger ? { trigger: options.trigger } : {}),
        lake: options.lake,
        sparkHeap: options.sparkHeap,
        onProgress: printLine,
        ...(options.duration ? { durationMs: options.duration * 1000 } : {}),
        ...(options.runDir ? { runDir: options.runDir } : {}),
      });
      const interactive = process.stdout.isTTY === true;
      let lastPlainLine = 0;
      const draw = async () => {
        const page = renderLiveView({
          elapsedSeconds: (Date.now() - started) / 1000,
          producer: pipeline.producer,
          job: pipeline.job.supervisor.status(),
          jobUrl: pipeline.job.httpUrl,
          deadLetters: (await pipeline.job.supervisor.metrics.deadLetters.get()).values[0]?.value ?? 0,
          feed: pipeline.feed,
        });
        if (interactive) process.stdout.write(`\x1b[H\x1b[2J${page}\n`);
        else if (Date.now() - lastPlainLine >= 15_000) {
          lastPlainLine = Date.now();
          process.stdout.write(`${page}\n\n`);
        }
      };
      const timer = setInterval(() => void draw(), 1_000);
      await untilSignal();
      clearInterval(timer);
      printLine("stopping: flushing the producer, stopping the queries, then Kafka and Spark…");
      const summary = await pipeline.stop();
      if (summary) {
        printLine(`producer: ${summary.events.acked} events acknowledged, ${summary.events.failed} failed`);
      }
      printLine(`lake (Parquet):  ${pipeline.paths.lake}`);
      printLine(`checkpoints:     ${pipeline.paths.checkpoints}`);
      if (pipeline.runtime.objectStore) {
        printLine(
          `object store:    ${pipeline.runtime.objectStore.endpoint.endpoint} (its data and log in ${pipeline.runtime.dirs.objectStore})`,
        );
      }
      printLine(`logs:            ${pipeline.logs.producer}, ${pipeline.logs.streamJob},`);
      printLine(
        `                 ${join(pipeline.runtime.dirs.kafka, "kafka.log")}, ${join(pipeline.runtime.dirs.spark, "spark-connect.log")}`,
      );
    },
  );

function positiveNumber(flag: string) {
  return (value: string) => {
    const parsed = Number(value);
    if (!(parsed > 0)) throw new InvalidArgumentError(`${flag} must be a positive number, got "${value}"`);
    return parsed;
  };
}

program.parseAsync().catch((error: unknown) => {
  printLine(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
