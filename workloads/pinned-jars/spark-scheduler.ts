/**
 * How the Spark Connect server shares its task slots between the stream job's queries: the one
 * definition the local runtime and the cluster both apply.
 *
 * Every query's micro-batches are Spark jobs of the same application. Spark's default FIFO
 * scheduler hands each free slot to the oldest job first, so while the lake's batch (one long
 * task per Kafka partition, every few seconds) holds the slots, the analytics query's batch
 * and its dead letters wait for all of it. FAIR mode hands a freed slot to the job running the
 * fewest tasks instead. Jobs without a pool (Spark Connect cannot set one per query) land in
 * the `default` pool, which schedules its own jobs FIFO unless the allocation file says FAIR;
 * so the file redefines `default`.
 */

/** The allocation file: the `default` pool shares its slots FAIR among its jobs. */
export const fairSchedulerAllocationXml = `<?xml version="1.0"?>
<allocations>
  <pool name="default">
    <schedulingMode>FAIR</schedulingMode>
    <weight>1</weight>
    <minShare>0</minShare>
  </pool>
</allocations>
`;

/** The allocation file's name beside the server's other configuration. */
export const fairSchedulerAllocationFileName = "fairscheduler.xml";

/** The server's scheduler settings, with the allocation file (`fairSchedulerAllocationXml`) at `allocationFile`. */
export function sparkSchedulerConf(allocationFile: string): Record<string, string> {
  return {
    "spark.scheduler.mode": "FAIR",
    "spark.scheduler.allocation.file": allocationFile,
  };
}
