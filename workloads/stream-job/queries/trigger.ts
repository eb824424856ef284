import type { Trigger } from "../../spark-connect/index.ts";
import type { StreamJobConfig } from "../config.ts";

/** The job's queries, by the role their trigger is configured for. */
export type QueryRole = keyof StreamJobConfig["triggers"];

/**
 * Each query's trigger unless configured: the lake writes Parquet files, fewer and larger the
 * longer its batches; the metrics and alerts are fresh within about a second; dead letters too.
 */
export const defaultTriggers: Record<QueryRole, string> = {
  lake: "10 seconds",
  analytics: "1 second",
  deadLetters: "1 second",
};

const realTimePrefix = "real-time ";

/**
 * The dead letters in real-time mode: batches of 5 s, Spark's minimum (a checkpoint interval,
 * not a latency: rows reach the sink as they arrive).
 */
export const realTimeDeadLetterTrigger = `${realTimePrefix}5 seconds`;

/** A query's trigger: its own setting, else the job's, else its default. */
export function triggerOf(config: StreamJobConfig, role: QueryRole): Trigger {
  const trigger = config.triggers[role] ?? config.trigger ?? defaultTriggers[role];
  if (trigger === "availableNow") return { availableNow: true };
  if (trigger === "once") return { once: true };
  if (trigger.startsWith(realTimePrefix)) return { realTime: trigger.slice(realTimePrefix.length) };
  return { processingTime: trigger };
}
