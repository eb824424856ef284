/**
 * The stream job's command line (the entry point of its container):
 *   stream-job run      supervise the queries (config from the environment, flags override)
 *   stream-job status   the running job's queries and their last progress, as a table
 *   stream-job stop     ask the running job to stop its queries cleanly and exit
 */
import { Command } from "commander";
import { addOptions } from "../command-line/options.ts";
import { StreamJobConfigError, streamJobOptionsFrom } from "./config.ts";
import { streamJobOptionName, streamJobOptionSpecs } from "./options.ts";
import { runStreamJob } from "./run-stream-job.ts";
import { formatStatusTable } from "./status-table.ts";
import type { SupervisorStatus } from "./supervisor/supervisor.ts";

const defaultUrl = `http://127.0.0.1:${process.env.METRICS_PORT ?? 9465}`;

const program = new Command("stream-job")
  .description("Log analytics on Spark Structured Streaming, driven over Spark Connect, and its supervisor.")
  .showHelpAfterError();

const run = program
  .command("run", { isDefault: true })
  .description("start the queries and keep them running (restarts, reconnects, /metrics)")
  .addHelpText("after", "\nEvery setting comes from its environment variable; a flag wins over it.");
addOptions(run, streamJobOptionSpecs).action(async (flags: Record<string, unknown>) => {
  const job = await runStreamJob(
    streamJobOptionsFrom(flags, process.env),
    undefined,
    undefined,
    streamJobOptionName,
  );
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
