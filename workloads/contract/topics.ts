/**
 * The pipeline's Kafka topics, in one table: what each one carries, how its records are keyed,
 * and how it is laid out. The cluster's KafkaTopics, the local pipeline, the benchmarks and the
 * tests all create their topics from it, and the stream job's default topic names come from it.
 * No dependencies: infrastructure and workloads alike import it.
 */

/** What a topic carries; also the field of the stream job's `topics` option that names it. */
export const topicRoles = ["logs", "metrics", "alerts", "deadLetters"] as const;
export type TopicRole = (typeof topicRoles)[number];

/**
 * `delete` drops records older than the retention. `compact,delete` also keeps only the latest
 * record of each key: for keyed upserts, whose consumers read a table (the latest value per key),
 * while the retention still drops keys that stopped changing (every window brings new keys, so
 * compaction alone would keep them all forever).
 */
export type CleanupPolicy = "delete" | "compact,delete";

export interface TopicSpec {
  /** The topic's name in the cluster and the local runtime. */
  name: string;
  /** What a record's key is. */
  key: string;
  /** Partitions on a single-node broker; a cluster may set its own (stack config `topicPartitions`). */
  partitions: number;
  cleanupPolicy: CleanupPolicy;
  /** Default retention; a cluster may set its own (`topicRetentionHours`, `deadLetterRetentionHours`). */
  retentionHours: number;
}

export const topicLayout: Readonly<Record<TopicRole, Readonly<TopicSpec>>> = {
  logs: {
    name: "logs",
    key: "the service: one service's events stay in order",
    partitions: 6,
    cleanupPolicy: "delete",
    retentionHours: 24,
  },
  // Metrics and alerts are keyed upserts: a window group's (or an alert's) record is rewritten as
  // late events arrive, and readers want its latest value. Compacted everywhere, so a local run
  // and the cluster keep the same records.
  metrics: {
    name: "log-metrics",
    key: "window start | service | level | status class: one window group",
    partitions: 3,
    cleanupPolicy: "compact,delete",
    retentionHours: 24,
  },
  alerts: {
    name: "log-alerts",
    key: "window start | service | kind: one alert",
    partitions: 1,
    cleanupPolicy: "compact,delete",
    retentionHours: 24,
  },
  // Dead letters outlive the input they came from, so they can be inspected and replayed.
  deadLetters: {
    name: "log-dead-letters",
    key: "source topic / partition / offset: one rejected record",
    partitions: 1,
    cleanupPolicy: "delete",
    retentionHours: 336,
  },
};

/** Topic names by role: the pipeline's own, or another set laid out the same (benchmarks, tests). */
export type TopicNames = Record<TopicRole, string>;

export const topicNames: Readonly<TopicNames> = {
  logs: topicLayout.logs.name,
  metrics: topicLayout.metrics.name,
  alerts: topicLayout.alerts.name,
  deadLetters: topicLayout.deadLetters.name,
};

const hourMs = 3_600_000;

/** A topic's Kafka settings (`cleanup.policy`, `retention.ms`), given its retention. */
export function topicSettings(role: TopicRole, retentionHours = topicLayout[role].retentionHours) {
  return {
    "cleanup.policy": topicLayout[role].cleanupPolicy,
    "retention.ms": retentionHours * hourMs,
  };
}

/**
 * The table as an admin client's topic list (kafkajs's `createTopics` shape), for the topics
 * `names` gives each role: what the local runtime, the benchmarks and the tests create.
 */
export function topicsToCreate(names: TopicNames = topicNames, replicationFactor = 1) {
  return topicRoles.map((role) => ({
    topic: names[role],
    numPartitions: topicLayout[role].partitions,
    replicationFactor,
    configEntries: Object.entries(topicSettings(role)).map(([name, value]) => ({
      name,
      value: String(value),
    })),
  }));
}
