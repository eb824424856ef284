/**
 * The cluster's KafkaTopics are the pipeline's topic table (workloads/contract/topics.ts): the
 * same topics, names, cleanup policies and default retention (the production stack's test checks
 * the policies stay when a stack sets partitions, replicas and retention).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { topicLayout, topicRoles, topicSettings } from "../../workloads/contract/topics.ts";
import { kubernetesObjects, type ProgramRun, readProjectFile, runProgram, stackConfig } from "./harness.ts";

interface KafkaTopicSpec {
  topicName: string;
  partitions: number;
  replicas: number;
  config: Record<string, unknown>;
}

function kafkaTopics(run: ProgramRun): Map<string, KafkaTopicSpec> {
  return new Map(
    kubernetesObjects(run)
      .filter(({ object }) => object.kind === "KafkaTopic")
      .map(({ object }) => [object.metadata.name as string, object.spec as unknown as KafkaTopicSpec]),
  );
}

describe("the cluster's topics", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(stackConfig("Pulumi.dev.yaml"), { stack: "dev" });
  });

  test("are exactly the table's topics, each with its cleanup policy and default retention", () => {
    const topics = kafkaTopics(run);
    expect([...topics.keys()].sort()).toEqual(topicRoles.map((role) => topicLayout[role].name).sort());
    for (const role of topicRoles) {
      const spec = topics.get(topicLayout[role].name);
      expect(spec?.topicName).toBe(topicLayout[role].name);
      expect(spec?.config).toEqual(topicSettings(role));
    }
  });

  test("Pulumi.yaml's retention defaults are the table's", () => {
    const { config } = readProjectFile();
    expect(config.topicRetentionHours?.default).toBe(topicLayout.logs.retentionHours);
    expect(config.deadLetterRetentionHours?.default).toBe(topicLayout.deadLetters.retentionHours);
  });
});
