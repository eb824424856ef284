/**
 * The stack's `realTimeDeadLetters`: the stream job runs its dead letters in real-time mode, and
 * the workers offer the task slots that query holds (one per partition of `logs`) beyond their
 * cores, as many as the job's own start-up check asks for; CPU and shuffle partitions stay sized
 * to the cores. The default (a slot per core) is checked with the dev stack (dev-stack.test.ts).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { parseStreamJobConfig, streamJobOptionsFromEnv } from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";
import { triggerOf } from "../../workloads/stream-job/queries/trigger.ts";
import { taskSlotsNeeded } from "../../workloads/stream-job/task-slots.ts";
import { kubernetesObjects, type ProgramRun, runProgram, stackConfig } from "./harness.ts";
import { workloadsOf } from "./invariants.ts";

/** What the job needs besides its own settings, the Kafka credentials left out. */
const required = {
  kafkaSasl: undefined,
  sparkConnectUrl: "sc://spark-connect:15002",
  lakePath: "/lake",
  checkpointPath: "/checkpoints",
};

/** What a stack gives the workers and the stream job. */
function sparkAndJob(run: ProgramRun) {
  const pod = (name: string) => {
    const container = workloadsOf(run).find(({ object }) => object.metadata.name === name)?.pod.containers[0];
    if (!container) throw new Error(`no workload ${name}`);
    return container;
  };
  const worker = pod("spark-worker");
  const command = (worker.command ?? []) as string[];
  const config = kubernetesObjects(run).find(
    ({ object }) => object.kind === "ConfigMap" && String(object.metadata.name).startsWith("spark-config-"),
  )?.object;
  const defaults = (config?.data as Record<string, string> | undefined)?.["spark-defaults.conf"] ?? "";
  const env = Object.fromEntries(
    (pod("stream-job").env ?? []).map((entry) => [entry.name, entry.value ?? ""]),
  );
  return {
    workerSlots: Number(command[command.indexOf("--cores") + 1]),
    executorCores: Number(/^spark\.executor\.cores (\d+)$/m.exec(defaults)?.[1]),
    workerCpu: worker.resources?.limits?.cpu,
    job: parseStreamJobConfig({ ...streamJobOptionsFromEnv(env), ...required }),
  };
}

describe("task slots in the cluster with realTimeDeadLetters", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    // 5 partitions on 2 workers of 1 core: each worker's share rounds up to 3.
    run = await runProgram(
      stackConfig("Pulumi.dev.yaml", { realTimeDeadLetters: "true", topicPartitions: "5" }),
      {
        stack: "dev",
      },
    );
  });

  test("each worker offers its cores plus its share of the logs partitions, as many as the job's own check asks for", () => {
    const { workerSlots, executorCores, workerCpu, job } = sparkAndJob(run);
    expect({ workerSlots, executorCores, workerCpu }).toEqual({
      workerSlots: 4,
      executorCores: 4,
      workerCpu: "1",
    });
    expect(job.topology).toBe("combined");
    expect(triggerOf(job, "deadLetters")).toEqual({ realTime: "5 seconds" });
    const { realTime, needed } = taskSlotsNeeded(streamJobQueries(job), job, 5);
    expect(realTime).toEqual(["dead-letters"]);
    expect(2 * workerSlots).toBeGreaterThanOrEqual(needed);
  });

  test("the job's shuffle partitions stay the workers' cores, not their slots", () => {
    expect(sparkAndJob(run).job.spark.shufflePartitions).toBe(2);
  });
});
