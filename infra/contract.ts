/**
 * The contract between the cluster and the workloads: entry points, ports, environment variable
 * names and metric names. Defined once here; the components, the tests and docs/kubernetes.md
 * all read them from this file. The topics are the pipeline's own contract, in
 * workloads/contract/topics.ts.
 */

/**
 * The Node workloads run from source with tsx (a runtime dependency); there is no build step.
 * The producer's young generation is capped at 8 MB semi-spaces (V8's default is 16): at full
 * speed it allocates fast and keeps little: the cap cost no CPU beyond measurement noise and kept
 * its peak resident memory lower (bench/results/producer.md).
 */
export const nodeEntrypoints = {
  producer: ["node", "--max-semi-space-size=8", "--import", "tsx", "workloads/producer/cli.ts"],
  streamJob: ["node", "--import", "tsx", "workloads/stream-job/main.ts", "run"],
} as const;

export const ports = {
  producerMetrics: 9464,
  streamJobHttp: 9465,
  kafkaClient: 9092,
  kafkaMetrics: 9404,
  sparkMaster: 7077,
  sparkMasterUi: 8080,
  sparkWorkerUi: 8081,
  /** The worker daemon's RPC port and the driver's RPC port (different pods). */
  sparkRpc: 7078,
  /** Block managers of the driver and executors; an executor that finds it taken tries the next. */
  sparkBlockManager: 7079,
  sparkBlockManagerLast: 7095,
  sparkDriverUi: 4040,
  sparkConnect: 15002,
  kubeDns: 53,
} as const;

export const httpPaths = {
  metrics: "/metrics",
  health: "/healthz",
  /** The stream job's readiness: connected to Spark Connect with every query running. */
  ready: "/readyz",
  sparkMasterMetrics: "/metrics/master/prometheus",
  sparkApplicationsMetrics: "/metrics/applications/prometheus",
  sparkMetrics: "/metrics/prometheus",
  sparkExecutorMetrics: "/metrics/executors/prometheus",
} as const;

/** Environment variables the workloads read. Secrets always arrive through `secretKeyRef`. */
export const env = {
  kafkaBrokers: "KAFKA_BROKERS",
  kafkaTopic: "KAFKA_TOPIC",
  kafkaMetricsTopic: "KAFKA_METRICS_TOPIC",
  kafkaAlertsTopic: "KAFKA_ALERTS_TOPIC",
  kafkaDeadLetterTopic: "KAFKA_DEAD_LETTER_TOPIC",
  kafkaSaslMechanism: "KAFKA_SASL_MECHANISM",
  kafkaUsername: "KAFKA_USERNAME",
  kafkaPassword: "KAFKA_PASSWORD",
  kafkaTls: "KAFKA_TLS",
  kafkaCaFile: "KAFKA_CA_FILE",
  producerRate: "PRODUCER_RATE",
  producerProfile: "PRODUCER_PROFILE",
  sparkConnectToken: "SPARK_CONNECT_TOKEN",
  sparkConnectUrl: "SPARK_CONNECT_URL",
  lakePath: "LAKE_PATH",
  checkpointPath: "CHECKPOINT_PATH",
  metricsPort: "METRICS_PORT",
  streamJobHttpHost: "STREAM_JOB_HTTP_HOST",
  streamJobShufflePartitions: "STREAM_JOB_SHUFFLE_PARTITIONS",
  streamJobLogFormat: "STREAM_JOB_LOG_FORMAT",
  streamJobTopology: "STREAM_JOB_TOPOLOGY",
  streamJobDeadLetterTrigger: "STREAM_JOB_DEAD_LETTER_TRIGGER",
} as const;

/** Series the stream job's supervisor exports on /metrics, used by the alert rules and the dashboard. */
export const streamJobMetrics = {
  lastProgressTimestamp: "stream_job_query_last_progress_timestamp_seconds",
  kafkaLag: "stream_job_kafka_lag_records",
  inputRowsPerSecond: "stream_job_input_rows_per_second",
  processedRowsPerSecond: "stream_job_processed_rows_per_second",
  batchDuration: "stream_job_batch_duration_seconds",
  deadLetters: "stream_job_dead_letters_total",
  queryRestarts: "stream_job_query_restarts_total",
  serviceErrorRate: "stream_job_service_error_rate",
  serviceLatencyP95: "stream_job_service_latency_p95_seconds",
} as const;

/** Series the producer exports on /metrics. */
export const producerMetrics = {
  eventsSent: "producer_events_sent_total",
} as const;

/** The `app.kubernetes.io/component` of each pod the program runs itself. */
export const components = {
  producer: "producer",
  streamJob: "stream-job",
  sparkMaster: "spark-master",
  sparkWorker: "spark-worker",
  sparkConnect: "spark-connect",
} as const;
export type Component = (typeof components)[keyof typeof components];

export const partOf = "log-analytics-pipeline";

/** The labels every pod of a component carries; Services and policies select on the same ones. */
export function componentLabels(component: Component): Record<string, string> {
  return { "app.kubernetes.io/part-of": partOf, "app.kubernetes.io/component": component };
}

/** Where the Spark pods mount the shared data volume when no object store is configured. */
export const sparkDataMount = "/data";

/** Where every Kafka client pod (and Spark's executors) finds the CA bundle that signs the brokers' certificates. */
export const kafkaCa = { mountPath: "/etc/kafka-ca", file: "ca.crt" } as const;
