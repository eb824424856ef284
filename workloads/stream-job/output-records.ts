/**
 * The records the stream job writes to its output topics, as readers receive them: the JSON
 * that `queries/analytics.ts` (metrics, alerts) and `queries/dead-letters.ts` build in Spark
 * SQL. Spark's `to_json` leaves out fields that are null, so those are optional here. Readers
 * (the local live view, the tests, the benchmarks) parse with these instead of declaring the
 * shapes again; a record that no longer matches fails loudly, naming the field.
 */
import { z } from "zod";
import { SERVICE_CATALOG_FIELDS } from "../contract/log-event.ts";
import type { TopicRole } from "../contract/topics.ts";

const count = z.number().int().min(0);
/** Spark writes timestamps as ISO-8601 text. */
const timestamp = z.string().min(1);

const catalogTypes = { string: z.string(), integer: z.number().int(), double: z.number() } as const;

/** The service catalog's fields beside the service, from the catalog's own field list; absent for a service it lacks. */
const catalogFields = Object.fromEntries(
  SERVICE_CATALOG_FIELDS.filter((field) => field.name !== "service").map((field) => [
    field.name,
    catalogTypes[field.type].optional(),
  ]),
) as {
  [Field in (typeof SERVICE_CATALOG_FIELDS)[number] as Exclude<Field["name"], "service">]: z.ZodOptional<
    (typeof catalogTypes)[Field["type"]]
  >;
};

/** A `log-metrics` record: one window group (service × level × HTTP status class). */
export const windowMetricRecord = z.object({
  window_start: timestamp,
  window_end: timestamp,
  service: z.string(),
  level: z.string(),
  status_class: z.string(),
  events: count,
  requests: count,
  server_errors: count,
  error_logs: count,
  /** Absent when the window group has no requests. */
  error_rate: z.number().optional(),
  latency_p50_ms: z.number().optional(),
  latency_p95_ms: z.number().optional(),
  latency_p99_ms: z.number().optional(),
  bytes: count.optional(),
  ...catalogFields,
});
export type WindowMetricRecord = z.output<typeof windowMetricRecord>;

export const alertKinds = ["error-rate", "latency"] as const;
export type AlertKind = (typeof alertKinds)[number];

/** The job's anomaly alerts (`supervisor/anomaly-detector.ts`): a window against the service's own baseline. */
export const anomalyKinds = ["error-rate-anomaly", "latency-anomaly"] as const;

/**
 * A `log-alerts` record: a service's window that crossed a threshold, with the evidence. An
 * anomaly alert adds `basis` and its baseline; a record without `basis` is an SLO alert.
 */
export const alertRecord = z.object({
  kind: z.enum([...alertKinds, ...anomalyKinds]),
  basis: z.literal("anomaly").optional(),
  /** The baseline's mean and (population) standard deviation over `baseline_windows` windows. */
  baseline_mean: z.number().optional(),
  baseline_stddev: z.number().optional(),
  /** What the z-score divides by: the baseline's deviation, or the floor when that is larger. */
  deviation_used: z.number().optional(),
  zscore: z.number().optional(),
  baseline_windows: count.optional(),
  service: z.string(),
  window_start: timestamp,
  window_end: timestamp,
  value: z.number(),
  threshold: z.number(),
  requests: count,
  server_errors: count,
  error_rate: z.number(),
  latency_p95_ms: z.number().optional(),
  ...catalogFields,
  raised_at: timestamp,
});
export type AlertRecord = z.output<typeof alertRecord>;

/** A `log-dead-letters` record: a rejected input record, bounded, with why and where it came from. */
export const deadLetterRecord = z.object({
  reason: z.string(),
  /** The record's first bytes as text and as base64; absent for a null value. */
  raw: z.string().optional(),
  raw_base64: z.string().optional(),
  raw_bytes: count.optional(),
  raw_truncated: z.boolean(),
  raw_sha256: z.string().optional(),
  topic: z.string(),
  partition: count,
  offset: count,
  kafka_timestamp: timestamp,
  detected_at: timestamp,
});
export type DeadLetterRecord = z.output<typeof deadLetterRecord>;

/** Each output topic's record schema, by the topic's role. */
export const outputRecords = {
  metrics: windowMetricRecord,
  alerts: alertRecord,
  deadLetters: deadLetterRecord,
} as const satisfies Partial<Record<TopicRole, z.ZodType>>;

export type OutputRole = keyof typeof outputRecords;
export type OutputRecord<Role extends OutputRole> = z.output<(typeof outputRecords)[Role]>;

export class OutputRecordError extends Error {
  override readonly name = "OutputRecordError";
}

/** Parses a Kafka record value of an output topic; throws an `OutputRecordError` naming each bad field. */
export function parseOutputRecord<Role extends OutputRole>(
  role: Role,
  value: Buffer | string,
): OutputRecord<Role> {
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    throw new OutputRecordError(`${role} record is not JSON: ${(error as Error).message}`);
  }
  const result = outputRecords[role].safeParse(json);
  if (result.success) return result.data as OutputRecord<Role>;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "record"}: ${issue.message}`,
  );
  throw new OutputRecordError(
    `${role} record does not match the stream job's output: ${problems.join("; ")}`,
  );
}
