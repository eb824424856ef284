import type { StreamJobConfig } from "./config.ts";

const stateStoreProviders = {
  rocksdb: "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
  hdfs: "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",
} as const;

/**
 * The Spark SQL settings the job's queries run with, set on its session before they start.
 * Shuffle partitions and the state store provider are written into a stateful query's
 * checkpoint on its first run and kept from then on.
 */
export function jobSessionSettings(config: StreamJobConfig): Record<string, string> {
  const { spark } = config;
  return {
    "spark.sql.shuffle.partitions": String(spark.shufflePartitions),
    "spark.sql.streaming.stateStore.providerClass": stateStoreProviders[spark.stateStore],
    "spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled": String(spark.stateChangelog),
    "spark.sql.streaming.noDataMicroBatches.enabled": String(!spark.skipEmptyBatches),
    "spark.sql.streaming.minBatchesToRetain": String(spark.minBatchesToRetain),
    "spark.sql.streaming.numRecentProgressUpdates": String(spark.progressUpdatesKept),
  };
}
