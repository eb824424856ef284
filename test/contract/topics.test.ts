import { describe, expect, test } from "vitest";
import {
  type TopicNames,
  topicLayout,
  topicNames,
  topicRoles,
  topicsToCreate,
} from "../../workloads/contract/topics.ts";
import { parseProducerOptions } from "../../workloads/producer/config.ts";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";

describe("the topic table", () => {
  test("creates any set of names with the table's partitions, cleanup policy and retention", () => {
    const names: TopicNames = {
      logs: "a-logs",
      metrics: "a-metrics",
      alerts: "a-alerts",
      deadLetters: "a-dl",
    };
    const created = topicsToCreate(names, 3);
    expect(created.map((topic) => topic.topic)).toEqual(["a-logs", "a-metrics", "a-alerts", "a-dl"]);
    for (const [index, role] of topicRoles.entries()) {
      expect(created[index]).toEqual({
        topic: names[role],
        numPartitions: topicLayout[role].partitions,
        replicationFactor: 3,
        configEntries: [
          { name: "cleanup.policy", value: topicLayout[role].cleanupPolicy },
          { name: "retention.ms", value: String(topicLayout[role].retentionHours * 3_600_000) },
        ],
      });
    }
  });

  test("compacts the keyed upserts (metrics, alerts) and only those, keeping a retention on all", () => {
    const compacted = topicRoles.filter((role) => topicLayout[role].cleanupPolicy.includes("compact"));
    expect(compacted).toEqual(["metrics", "alerts"]);
    expect(topicRoles.every((role) => topicLayout[role].cleanupPolicy.includes("delete"))).toBe(true);
  });

  test("names the stream job's and the producer's default topics", () => {
    const config = parseStreamJobConfig({
      sparkConnectUrl: "sc://localhost:15002",
      kafkaBootstrap: "localhost:9092",
      lakePath: "/tmp/lake",
      checkpointPath: "/tmp/checkpoints",
    });
    expect(config.topics).toEqual(topicNames);
    const producer = parseProducerOptions({ brokers: "localhost:9092" });
    expect(producer.topic).toBe(topicNames.logs);
    expect(producer.partitions).toBe(topicLayout.logs.partitions);
  });
});
