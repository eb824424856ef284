import { spawn } from "node:child_process";
import { resolveLocalRuntime } from "../../workloads/local/index.ts";
import { requireJava17 } from "../../workloads/local/jvm/java.ts";

export interface ConsumerPerformanceResult {
  recordsPerSecond: number;
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
  // A header "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, …", then one row.
  const row =
    output
      .trim()
      .split("\n")
      .at(-1)
      ?.split(",")
      .map((cell) => cell.trim()) ?? [];
  return { megabytesPerSecond: Number(row[3]), recordsPerSecond: Number(row[5]) };
}
