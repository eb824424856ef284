/** How many task slots a Spark server offers: no dependencies, for the local server and the cluster alike. */

/**
 * Task slots are not cores: a real-time query (Spark 4.1+) holds one long-running task per Kafka
 * partition it reads, for as long as it runs, and those tasks mostly wait on Kafka polls. A
 * server that runs one beside micro-batch queries needs a slot per core for them, plus one per
 * partition the real-time query holds.
 */
export function taskSlotsFor(cores: number, realTimePartitions: number): number {
  return cores + realTimePartitions;
}

/** The local master (`local[N]`) with `taskSlotsFor` slots. */
export function localMasterWithSlots(cores: number, realTimePartitions: number): string {
  return `local[${taskSlotsFor(cores, realTimePartitions)}]`;
}

/**
 * Task slots per worker of a cluster whose real-time query reads `realTimePartitions`
 * partitions: its cores, plus its share of the partitions on the fewest workers it runs.
 */
export function workerTaskSlots(workerCores: number, workers: number, realTimePartitions: number): number {
  return taskSlotsFor(workerCores, Math.ceil(realTimePartitions / workers));
}
