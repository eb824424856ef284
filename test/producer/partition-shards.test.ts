import { describe, expect, it } from "vitest";
import { PartitionShards } from "../../workloads/producer/partition-shards.ts";
import type { SinkRecord } from "../../workloads/producer/sink.ts";

/** murmur2 of a key as Kafka's Java client computes it (its UtilsTest vectors). */
const javaMurmur2: Record<string, number> = {
  "21": -973932308,
  foobar: -790332482,
  "a-little-bit-long-string": -985981536,
  "a-little-bit-longer-string": -1486304829,
  lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8: -58897971,
  abc: 479470107,
};

const record = (key: string | null, value = "v"): SinkRecord => ({ key, value });

describe("PartitionShards", () => {
  it("deals every partition to exactly one shard", () => {
    const shards = new PartitionShards("logs", 6, 4);
    const owned = [0, 1, 2, 3].map((shard) => shards.partitionsOf(shard));
    expect(owned).toEqual([[0, 4], [1, 5], [2], [3]]);
    expect(owned.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("uses at most one shard per partition", () => {
    expect(new PartitionShards("logs", 3, 8).count).toBe(3);
    expect(new PartitionShards("logs", 12, 8).count).toBe(8);
  });

  it("chooses a keyed record's partition as Kafka's Java client does", () => {
    const partitions = 7;
    const shards = new PartitionShards("logs", partitions, 3);
    for (const [key, hash] of Object.entries(javaMurmur2)) {
      // Java's Utils.toPositive, then modulo the partition count.
      expect(shards.partitionOf(record(key)), key).toBe((hash & 0x7fffffff) % partitions);
    }
  });

  it("sends each key through one shard, in the order of the batch", () => {
    const shards = new PartitionShards("logs", 6, 3);
    const keys = ["checkout", "payments", "search", "auth", "catalog", "cart", "inventory"];
    const batch = Array.from({ length: 700 }, (_, i) => record(keys[i % keys.length] as string, String(i)));
    const split = shards.split(batch);
    expect(split).toHaveLength(3);
    expect(split.flatMap((share) => share.records)).toHaveLength(batch.length);
    const shardOfKey = new Map<string | null, number>();
    for (const [shard, { records, partitions }] of split.entries()) {
      expect(partitions).toHaveLength(records.length);
      for (const [index, routed] of records.entries()) {
        const partition = partitions[index] as number;
        expect(partition).toBe(shards.partitionOf(routed));
        expect(shards.shardOf(partition)).toBe(shard);
        expect(shardOfKey.get(routed.key) ?? shard, `${routed.key}`).toBe(shard);
        shardOfKey.set(routed.key, shard);
      }
      for (const key of keys) {
        const values = records.filter((routed) => routed.key === key).map((routed) => Number(routed.value));
        expect(values).toEqual([...values].sort((a, b) => a - b));
      }
    }
    expect(new Set(shardOfKey.values()).size).toBeGreaterThan(1);
  });

  it("gives a key the same partition however many other keys it has seen", () => {
    const seasoned = new PartitionShards("logs", 6, 3);
    const keys = Array.from({ length: 25_000 }, (_, i) => `key-${i}`);
    const first = keys.map((key) => seasoned.partitionOf(record(key)));
    const again = keys.map((key) => seasoned.partitionOf(record(key)));
    const fresh = new PartitionShards("logs", 6, 3);
    expect(again).toEqual(first);
    expect(keys.map((key) => fresh.partitionOf(record(key)))).toEqual(first);
  });

  it("spreads records without a key over the partitions", () => {
    const shards = new PartitionShards("logs", 6, 3);
    const partitions = shards
      .split(Array.from({ length: 60 }, () => record(null)))
      .flatMap((share) => share.partitions);
    expect(new Set(partitions).size).toBe(6);
  });

  it("rejects a shard or partition count below one, saying which", () => {
    expect(() => new PartitionShards("logs", 6, 0)).toThrow(/at least one shard, got 0/);
    expect(() => new PartitionShards("logs", 0, 2)).toThrow(/at least one partition, got 0/);
  });
});
