import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { taskSlotsFor } from "../../workloads/contract/task-slots.ts";
import { topicLayout } from "../../workloads/contract/topics.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { parseStreamJobConfig, type StreamJobConfig } from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";
import { serverTaskSlots, TaskSlotsError, verifyTaskSlots } from "../../workloads/stream-job/task-slots.ts";
import "../integration/provided-context.ts";
import { testKafka } from "./kafka-fixtures.ts";

const session = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
const kafka = testKafka(inject("kafkaBootstrap"));
const admin = kafka.admin();
await admin.connect();
afterAll(async () => {
  await admin.disconnect();
  await session.stop();
});

/** A `logs` topic of its own with this many partitions. */
async function logsTopic(partitions: number): Promise<string> {
  const topic = `task-slots-logs-${randomUUID().slice(0, 8)}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  return topic;
}

function configFor(
  logs: string,
  deadLetterTrigger: string,
  topology: "combined" | "merged" = "combined",
): StreamJobConfig {
  const root = join(inject("runtimeDir"), `task-slots-${randomUUID().slice(0, 8)}`);
  return parseStreamJobConfig({
    sparkConnectUrl: inject("sparkConnectUrl"),
    kafkaBootstrap: inject("kafkaBootstrap"),
    lakePath: join(root, "lake"),
    checkpointPath: join(root, "checkpoints"),
    topics: { logs },
    topology,
    triggers: { deadLetters: deadLetterTrigger },
  });
}

const verify = (config: StreamJobConfig) => verifyTaskSlots(session, kafka, config, streamJobQueries(config));

describe("the task slots a real-time query needs", () => {
  it("the local server offers a slot per core and one per partition of logs", async () => {
    expect(await serverTaskSlots(session)).toBe(
      taskSlotsFor(availableParallelism(), topicLayout.logs.partitions),
    );
  });

  it("accepts real-time dead letters when the server has a slot per partition of logs and one per other query", async () => {
    const slots = await serverTaskSlots(session);
    const logs = await logsTopic(slots - 2);
    await expect(verify(configFor(logs, "real-time 5 seconds"))).resolves.toBeUndefined();
  });

  it("refuses one partition more, naming the server's slots, the trigger's variable and both fixes", async () => {
    const slots = await serverTaskSlots(session);
    const logs = await logsTopic(slots - 1);
    const failure = await verify(configFor(logs, "real-time 5 seconds")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskSlotsError);
    const message = String(failure);
    expect(message).toContain(`offers ${slots} task slots; this job needs at least ${slots + 1}`);
    expect(message).toContain("STREAM_JOB_DEAD_LETTER_TRIGGER=real-time 5 seconds");
    expect(message).toContain(`partition of ${logs} (${slots - 1})`);
    expect(message).toContain(`local[${slots + 1}]`);
    expect(message).toMatch(/processing-time trigger/);
  });

  it("asks nothing of a job without a real-time query, however many partitions logs has", async () => {
    const slots = await serverTaskSlots(session);
    const logs = await logsTopic(slots + 1);
    await expect(verify(configFor(logs, "500 milliseconds"))).resolves.toBeUndefined();
    await expect(verify(configFor(logs, "real-time 5 seconds", "merged"))).resolves.toBeUndefined();
  });
});
