import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, inject, it } from "vitest";
import "../integration/provided-context.ts";
import type { ProducerSummary } from "../../workloads/producer/run-producer.ts";
import { countRecords } from "./consume-topic.ts";

const projectRoot = join(import.meta.dirname, "..", "..");

function startCli(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "workloads/producer/cli.ts", ...args], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => lines.push(line));
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exited };
}

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("the producer CLI", () => {
  it("stops on SIGINT, flushing what is in flight, prints totals and exits 0", async () => {
    const topic = `producer-cli-${randomUUID().slice(0, 8)}`;
    const summaryFile = join(inject("runtimeDir"), `${topic}.json`);
    const cli = startCli([
      "--brokers",
      inject("kafkaBootstrap"),
      "--topic",
      topic,
      "--create-topic",
      "--rate",
      "2000",
      "--metrics-port",
      "off",
      "--summary-file",
      summaryFile,
    ]);
    await until(() => cli.lines.some((line) => line.includes('"msg":"producing"')));
    await until(async () => (await countRecords(inject("kafkaBootstrap"), topic)) > 0);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);

    const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as ProducerSummary;
    expect(summary.stoppedBy).toBe("stopped");
    expect(summary.events.failed).toBe(0);
    expect(summary.events.acked).toBe(summary.events.sent);
    expect(await countRecords(inject("kafkaBootstrap"), topic)).toBe(summary.events.acked);
    const finished = cli.lines.find((line) => line.includes('"msg":"producer finished"'));
    expect(JSON.parse(finished ?? "{}").summary.events).toEqual(summary.events);
  });

  it("rejects a bad option before connecting, naming the flag, with exit code 2", async () => {
    const cli = startCli(["--brokers", "127.0.0.1:1", "--partitions", "two"]);
    expect(await cli.exited).toBe(2);
    expect(cli.lines).toContain(
      'producer: --partitions (KAFKA_PARTITIONS) must be a positive integer (partitions of the topic when it is created), got "two"',
    );
  });
});
