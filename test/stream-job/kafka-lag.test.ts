import type { Admin } from "kafkajs";
import { describe, expect, it } from "vitest";
import type { SourceProgress, StreamingQueryProgress } from "../../workloads/spark-connect/index.ts";
import { kafkaLag, sourceEndOffsets } from "../../workloads/stream-job/supervisor/kafka-lag.ts";

function source(endOffset: unknown): SourceProgress {
  return {
    description: "KafkaV2[Subscribe[logs]]",
    startOffset: null,
    endOffset,
    latestOffset: null,
    numInputRows: 0,
    inputRowsPerSecond: 0,
    processedRowsPerSecond: 0,
    metrics: {},
  };
}

function progressWith(...sources: SourceProgress[]): StreamingQueryProgress {
  return { sources } as unknown as StreamingQueryProgress;
}

/** An admin whose `fetchTopicOffsets` answers with the given high watermarks, as kafkajs does: strings. */
function fakeAdmin(highs: Record<string, number[]>): Admin {
  return {
    fetchTopicOffsets: async (topic: string) =>
      (highs[topic] ?? []).map((high, partition) => ({
        partition,
        high: String(high),
        low: "0",
        offset: String(high),
      })),
  } as unknown as Admin;
}

describe("sourceEndOffsets", () => {
  it("reads the Kafka source's end offsets whether the progress holds them as JSON text or as an object", () => {
    expect(sourceEndOffsets(progressWith(source('{"logs":{"0":10,"1":20}}')), "logs")).toEqual(
      new Map([
        [0, 10],
        [1, 20],
      ]),
    );
    expect(sourceEndOffsets(progressWith(source({ logs: { "2": 7 } })), "logs")).toEqual(new Map([[2, 7]]));
  });

  it("ignores other topics, unparsable offsets and sources without offsets", () => {
    const progress = progressWith(
      source('{"other":{"0":99},"logs":{"0":5}}'),
      source("not json"),
      source(null),
    );
    expect(sourceEndOffsets(progress, "logs")).toEqual(new Map([[0, 5]]));
    expect(sourceEndOffsets(progressWith(), "logs").size).toBe(0);
  });
});

describe("kafkaLag", () => {
  it("sums, per partition, the topic's latest offset minus what the query has read", async () => {
    const admin = fakeAdmin({ logs: [100, 50, 30] });
    const progress = progressWith(source({ logs: { "0": 90, "1": 50, "2": 0 } }));
    expect(await kafkaLag(admin, "logs", progress)).toBe(10 + 0 + 30);
  });

  it("counts a partition the query has not read yet in full and never counts below zero", async () => {
    const admin = fakeAdmin({ logs: [100, 40] });
    // Partition 0 read past the admin's answer (the admin's view is older); partition 1 unread.
    const progress = progressWith(source({ logs: { "0": 120 } }));
    expect(await kafkaLag(admin, "logs", progress)).toBe(40);
  });
});
