import { spawn } from "node:child_process";
import { resolveLocalRuntime } from "../../workloads/local-servers/index.ts";
import { requireJava17 } from "../../workloads/pinned-jars/java.ts";

export interface ConsumerPerformanceResult {
  /** Over the tool's whole run, joining the consumer group included. */
  recordsPerSecond: number;
  /** Over its fetching time only: what the broker delivers once the consumer is in. */
  fetchRecordsPerSecond: number;
  megabytesPerSecond: number;
}

/** Kafka's own ConsumerPerformance reading `messages` records of a topic: what the broker alone delivers. */
export async function kafkaConsumerPerformance(
  bootstrap: string,
  topic: string,
  messages: number,
): Promise<ConsumerPerformanceResult> {
  const { kafka: classpath } = await resolveLocalRuntime();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(requireJava17(), [
      "-cp",
      classpath.join(":"),
      "org.apache.kafka.tools.ConsumerPerformance",
      "--bootstrap-server",
      bootstrap,
      "--topic",
      topic,
      "--messages",
      String(messages),
      "--timeout",
      "60000",
    ]);
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  // A header "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
  // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec", then one row of values.
  const lines = output.trim().split("\n");
  const headerAt = lines.findIndex((line) => line.includes("nMsg.sec"));
  const header = lines[headerAt]?.split(",").map((cell) => cell.trim()) ?? [];
  const row = lines[headerAt + 1]?.split(",").map((cell) => cell.trim()) ?? [];
  const value = (name: string) => Number(row[header.indexOf(name)]);
  return {
    recordsPerSecond: value("nMsg.sec"),
    fetchRecordsPerSecond: value("fetch.nMsg.sec"),
    megabytesPerSecond: value("MB.sec"),
  };
}
