import { Partitioners } from "kafkajs";
import type { SinkRecord } from "./sink.ts";

/** The records one shard sends, each with the partition it goes to (`partitions[i]` for `records[i]`). */
export interface ShardShare {
  records: SinkRecord[];
  partitions: number[];
}

const MAX_REMEMBERED_KEYS = 10_000;

/**
 * Deals a topic's partitions out to `shards` producers: partition p belongs to shard p mod
 * shards, so each partition, and with it each key, has exactly one producer. Partitions are
 * chosen as kafkajs's (and Java's) default partitioner does: murmur2 of the key, round-robin
 * for records without one.
 */
export class PartitionShards {
  readonly count: number;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly metadata: { partitionId: number; leader: number }[];
  /** A key's partition, remembered: murmur2 per record costs more than the lookup, and keys are few (services). */
  private readonly partitionOfKey = new Map<string, number>();

  constructor(
    private readonly topic: string,
    readonly partitions: number,
    shards: number,
  ) {
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new RangeError(`partition shards: the topic needs at least one partition, got ${partitions}`);
    if (!Number.isInteger(shards) || shards < 1)
      throw new RangeError(`partition shards: need at least one shard, got ${shards}`);
    // More producers than partitions would leave some with nothing to send.
    this.count = Math.min(shards, partitions);
    this.metadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0 }));
  }

  shardOf(partition: number): number {
    return partition % this.count;
  }

  /** The partitions shard `shard` owns. */
  partitionsOf(shard: number): number[] {
    return this.metadata.map(({ partitionId }) => partitionId).filter((p) => this.shardOf(p) === shard);
  }

  partitionOf(record: SinkRecord): number {
    if (record.key === null) return this.choosePartition(record);
    let partition = this.partitionOfKey.get(record.key);
    if (partition === undefined) {
      partition = this.choosePartition(record);
      // Bounded, should a caller key by something with many values.
      if (this.partitionOfKey.size >= MAX_REMEMBERED_KEYS) this.partitionOfKey.clear();
      this.partitionOfKey.set(record.key, partition);
    }
    return partition;
  }

  private choosePartition(record: SinkRecord): number {
    // kafkajs's types want the full metadata; its partitioner reads only partitionId and leader.
    return this.partitioner({
      topic: this.topic,
      partitionMetadata: this.metadata as Parameters<typeof this.partitioner>[0]["partitionMetadata"],
      message: { key: record.key, value: record.value },
    });
  }

  /** The records each shard sends, in their order within the batch (so per key too). */
  split(records: readonly SinkRecord[]): ShardShare[] {
    const byShard: ShardShare[] = Array.from({ length: this.count }, () => ({ records: [], partitions: [] }));
    for (const record of records) {
      const partition = this.partitionOf(record);
      const share = byShard[this.shardOf(partition)] as ShardShare;
      share.records.push(record);
      share.partitions.push(partition);
    }
    return byShard;
  }
}
