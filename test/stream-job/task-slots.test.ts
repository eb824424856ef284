import { describe, expect, it } from "vitest";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";
import { taskSlotsNeeded } from "../../workloads/stream-job/task-slots.ts";

const needs = (options: Record<string, unknown>, logsPartitions: number) => {
  const config = parseStreamJobConfig({
    sparkConnectUrl: "sc://spark-connect:15002",
    kafkaBootstrap: "kafka-0:9092",
    lakePath: "/lake",
    checkpointPath: "/checkpoints",
    ...options,
  });
  return taskSlotsNeeded(streamJobQueries(config), config, logsPartitions);
};

describe("the task slots a job needs", () => {
  it("counts a slot per partition of logs for the real-time dead letters and one for each other query", () => {
    const realTime = { triggers: { deadLetters: "real-time 5 seconds" } };
    expect(needs({ topology: "combined", ...realTime }, 6)).toEqual({
      realTime: ["dead-letters"],
      needed: 8,
    });
    expect(needs({ topology: "separate", ...realTime }, 3)).toEqual({
      realTime: ["dead-letters"],
      needed: 6,
    });
  });

  it("counts no real-time query when the dead letters run on a processing-time trigger or in the merged query", () => {
    expect(needs({ topology: "combined", triggers: { deadLetters: "500 milliseconds" } }, 6)).toEqual({
      realTime: [],
      needed: 3,
    });
    expect(
      needs({ topology: "merged", triggers: { deadLetters: "real-time 5 seconds" } }, 6).realTime,
    ).toEqual([]);
  });
});
