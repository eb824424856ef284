/**
 * The stream job's command line (the entry point of its container):
 *   stream-job run      supervise the queries (config from the environment, flags override)
 *   stream-job status   the running job's queries and their last progress, as a table
 *   stream-job stop     ask the running job to stop its queries cleanly and exit
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { StreamJobConfigError, type StreamJobOptions, streamJobOptionsFromEnv } from "./config.ts";
import { runStreamJob } from "./run-stream-job.ts";
import { formatStatusTable } from "./status-table.ts";
import type { SupervisorStatus } from "./supervisor/supervisor.ts";

function integer(name: string) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed))
      throw new InvalidArgumentError(`${name} must be an integer, got "${value}"`);
    return parsed;
  };
}

interface RunFlags {
  sparkConnectUrl?: string;
  kafkaBrokers?: string;
  lakePath?: string;
  checkpointPath?: string;
  window?: string;
  watermark?: string;
  trigger?: string;
  startingOffsets?: "earliest" | "latest";
  maxOffsetsPerTrigger?: number;
  httpHost?: string;
  httpPort?: number;
}

function optionsFrom(flags: RunFlags): StreamJobOptions {
  const fromEnv = streamJobOptionsFromEnv(process.env) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...fromEnv };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) merged[key] = value;
  };
  set("sparkConnectUrl", flags.sparkConnectUrl);
  set("kafkaBootstrap", flags.kafkaBrokers);
  set("lakePath", flags.lakePath);
  set("checkpointPath", flags.checkpointPath);
  set("window", flags.window);
  set("watermark", flags.watermark);
  set("trigger", flags.trigger);
  set("startingOffsets", flags.startingOffsets);
  set("maxOffsetsPerTrigger", flags.maxOffsetsPerTrigger);
  merged.http = {
    ...(fromEnv.http as object | undefined),
    ...(flags.httpHost ? { host: flags.httpHost } : {}),
    ...(flags.httpPort !== undefined ? { port: flags.httpPort } : {}),
  };
  return merged as StreamJobOptions;
}

const defaultUrl = `http://127.0.0.1:${process.env.METRICS_PORT ?? 9465}`;

const program = new Command("stream-job")
  .description("Log analytics on Spark Structured Streaming, driven over Spark Connect, and its supervisor.")
  .showHelpAfterError();

program
  .command("run", { isDefault: true })
  .description("start the queries and keep them running (restarts, reconnects, /metrics)")
  .option("--spark-connect-url <url>", "sc://host:port/;token=… (env SPARK_CONNECT_URL, SPARK_CONNECT_TOKEN)")
  .option("--kafka-brokers <list>", "host:port,… (env KAFKA_BROKERS)")
  .option("--lake-path <path>", "where the Parquet lake goes (env LAKE_PATH)")
  .option("--checkpoint-path <path>", "where the query checkpoints go (env CHECKPOINT_PATH)")
  .option("--window <interval>", 'metrics window, e.g. "1 minute" (env STREAM_JOB_WINDOW)')
  .option("--watermark <interval>", 'how late events may be, e.g. "30 seconds" (env STREAM_JOB_WATERMARK)')
  .option(
    "--trigger <trigger>",
    'one trigger for every query, e.g. "5 seconds", "availableNow" or "once" (env STREAM_JOB_TRIGGER; default: each query its own)',
  )
  .addOption(
    new Option("--starting-offsets <where>", "where a new query starts reading").choices([
      "earliest",
      "latest",
    ]),
  )
  .option(
    "--max-offsets-per-trigger <n>",
    "cap on records per micro-batch",
    integer("--max-offsets-per-trigger"),
  )
  .option("--http-host <host>", "interface for /metrics and the probes (env STREAM_JOB_HTTP_HOST)")
  .option("--http-port <port>", "port for /metrics and the probes (env METRICS_PORT)", integer("--http-port"))
  .action(async (flags: RunFlags) => {
    const job = await runStreamJob(optionsFrom(flags));
    let signals = 0;
    const onSignal = () => {
      signals += 1;
      if (signals > 1) process.exit(130);
      void job.stop();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    await job.done;
  });

program
  .command("status")
  .description("print the running job's queries and their last progress")
  .option("--url <url>", "the job's HTTP address", defaultUrl)
  .option("--json", "print the raw status JSON")
  .action(async (flags: { url: string; json?: boolean }) => {
    const response = await fetch(`${flags.url}/status`);
    const status = (await response.json()) as SupervisorStatus;
    console.log(flags.json ? JSON.stringify(status, null, 2) : formatStatusTable(status));
  });

program
  .command("stop")
  .description("ask the running job to stop its queries cleanly and exit")
  .option("--url <url>", "the job's HTTP address", defaultUrl)
  .action(async (flags: { url: string }) => {
    const response = await fetch(`${flags.url}/stop`, { method: "POST" });
    console.log(response.ok ? "stop requested" : `the job answered HTTP ${response.status}`);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof StreamJobConfigError) console.error(error.message);
  else if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    console.error("stream-job: no running job answered; pass --url <http://host:port> of its HTTP endpoint");
  } else console.error(`stream-job: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
