import type { Trigger } from "../../spark-connect/streaming/writer.ts";
import type { StreamJobConfig } from "../config.ts";

export function triggerOf(config: StreamJobConfig): Trigger {
  if (config.trigger === "availableNow") return { availableNow: true };
  if (config.trigger === "once") return { once: true };
  return { processingTime: config.trigger };
}
