import type { Kafka } from "kafkajs";
import type { SparkSession } from "../spark-connect/index.ts";
import type { StreamJobConfig } from "./config.ts";
import type { QueryDefinition } from "./queries/index.ts";

export class TaskSlotsError extends Error {
  override readonly name = "TaskSlotsError";
}

/**
 * The task slots the server offers: the partitions Spark splits a range into when none are
 * given, its default parallelism (`local[N]`: N; a cluster: its executors' cores).
 */
export async function serverTaskSlots(session: SparkSession): Promise<number> {
  const ranges = await session.sql(
    "SELECT max(p) + 1 AS slots FROM (SELECT spark_partition_id() AS p FROM range(1000000))",
  );
  const [row] = await ranges.collect({ int64: "number" });
  return Number(row?.slots);
}

/** What a job of `queries` needs of the server's task slots, given the partitions of `logs`. */
export function taskSlotsNeeded(
  queries: readonly QueryDefinition[],
  config: StreamJobConfig,
  logsPartitions: number,
): { realTime: string[]; needed: number } {
  const realTime = queries.filter((query) => query.runsInRealTime?.(config)).map((query) => query.name);
  // A real-time query holds a slot per partition for as long as it runs; every other query needs
  // at least one free slot, or its batches wait for ever.
  const needed = realTime.length * logsPartitions + (queries.length - realTime.length);
  return { realTime, needed };
}

/**
 * Refuses to start a real-time query on a server with too few task slots: its long-running
 * tasks would take every slot (or never all start) and the other queries would stall.
 */
export async function verifyTaskSlots(
  session: SparkSession,
  kafka: Kafka,
  config: StreamJobConfig,
  queries: readonly QueryDefinition[],
): Promise<void> {
  if (!queries.some((query) => query.runsInRealTime?.(config))) return;
  const logsPartitions = await partitionsOf(kafka, config.topics.logs);
  const { realTime, needed } = taskSlotsNeeded(queries, config, logsPartitions);
  const slots = await serverTaskSlots(session);
  if (slots >= needed) return;
  const others = queries.length - realTime.length;
  throw new TaskSlotsError(
    [
      `the Spark Connect server offers ${slots} task slots; this job needs at least ${needed}:`,
      `${realTime.join(", ")} in real-time mode (STREAM_JOB_DEAD_LETTER_TRIGGER=${config.triggers.deadLetters})`,
      `holds one per partition of ${config.topics.logs} (${logsPartitions}) for as long as it runs, and the other ${others} queries need one each.`,
      "Give the server more slots (slots are not cores: the real-time tasks mostly wait on Kafka):",
      `locally its master, local[${needed}] or more; in the cluster the stack's realTimeDeadLetters, which sizes the workers' slots.`,
      "Or run the dead letters on a processing-time trigger (STREAM_JOB_DEAD_LETTER_TRIGGER, e.g. 500 milliseconds).",
    ].join("\n"),
  );
}

async function partitionsOf(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}
