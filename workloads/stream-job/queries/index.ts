import type { StreamJobConfig } from "../config.ts";
import { analyticsQuery, mergedKafkaQuery } from "./analytics.ts";
import { deadLetterQuery } from "./dead-letters.ts";
import type { QueryDefinition } from "./definition.ts";
import { lakeQuery } from "./lake.ts";

export type { QueryDefinition } from "./definition.ts";

/**
 * The job's queries, each reading `logs` from its own checkpoint. Merged (the default): the
 * lake, and one query feeding the metrics, alerts and dead-letter topics. Combined: the lake,
 * the dead letters, and one stateful query feeding both the metrics and the alerts topics.
 * Separate: the metrics and the alerts each from a query of its own, as the job first ran. The
 * last two are kept so the benchmark measures the difference.
 */
export function streamJobQueries(config: StreamJobConfig): readonly QueryDefinition[] {
  switch (config.topology) {
    case "combined":
      return [lakeQuery, deadLetterQuery, analyticsQuery("analytics", ["group", "service"])];
    case "merged":
      return [lakeQuery, mergedKafkaQuery("analytics-with-dead-letters")];
    case "separate":
      return [
        lakeQuery,
        deadLetterQuery,
        analyticsQuery("window-metrics", ["group"], "Kafka metrics topic"),
        analyticsQuery("alerts", ["service"], "Kafka alerts topic"),
      ];
  }
}
