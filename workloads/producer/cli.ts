import { writeFileSync } from "node:fs";
import { CommanderError } from "commander";
import { pino } from "pino";
import { buildCommand, cliOptionName, parseCli } from "./cli-options.ts";
import { ProducerOptionError } from "./option-error.ts";
import { formatSummary, startProgressLine } from "./progress-line.ts";
import { type ProducerHandle, ProducerRunError, type ProducerSummary, runProducer } from "./run-producer.ts";

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let settings: ReturnType<typeof parseCli>;
  let handle: ProducerHandle;
  const logger = pino({ name: "log-producer", level: process.env.PRODUCER_LOG_LEVEL ?? "info" });
  try {
    settings = parseCli(process.argv.slice(2), process.env, buildCommand().exitOverride());
    handle = runProducer(settings.options, { nameOption: cliOptionName, logger });
  } catch (error) {
    // Commander has printed the problem (or the help) already.
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    if (error instanceof ProducerOptionError) fail(error.message, 2);
    throw error;
  }
  if (settings.options.logLevel) logger.level = settings.options.logLevel;

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      logger.info({ signal }, "stopping: flushing what is in flight (signal again to abort)");
      void handle.stop().catch(() => {});
    } else {
      logger.warn({ signal, totals: handle.totals().events }, "aborting without flushing");
      process.exit(130);
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const showProgress = settings.progress ?? process.stderr.isTTY === true;
  const stopProgress = showProgress ? startProgressLine(process.stderr, handle.progress) : () => {};
  const finish = (summary: ProducerSummary) => {
    stopProgress();
    const { byService: _byService, byLevel: _byLevel, ...totals } = summary;
    logger.info({ summary: totals }, "producer finished");
    if (process.stderr.isTTY) process.stderr.write(`${formatSummary(summary)}\n`);
    if (settings.summaryFile) writeFileSync(settings.summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  };
  try {
    finish(await handle.done);
  } catch (error) {
    if (error instanceof ProducerRunError) {
      finish(error.summary);
      fail(error.message, 1);
    }
    stopProgress();
    fail(error instanceof Error ? error.message : String(error), 1);
  }
}

await main();
