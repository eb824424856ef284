import { alertsQuery } from "./alerts.ts";
import { deadLetterQuery } from "./dead-letters.ts";
import type { QueryDefinition } from "./definition.ts";
import { lakeQuery } from "./lake.ts";
import { windowMetricsQuery } from "./window-metrics.ts";

export type { QueryDefinition } from "./definition.ts";

/** The job's queries, each reading `logs` from its own checkpoint and writing one sink. */
export const streamJobQueries: readonly QueryDefinition[] = [
  lakeQuery,
  deadLetterQuery,
  windowMetricsQuery,
  alertsQuery,
];
