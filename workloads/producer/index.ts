// The producer as a library: the event model and generator (no Kafka) and the Kafka run.

export * from "../contract/log-event.ts";
export {
  type EventFormatter,
  FORMATTERS,
  OUTPUT_FORMATS,
  type OutputFormat,
} from "../contract/log-formats.ts";
export {
  COMPRESSIONS,
  type ProducerConfig,
  type ProducerOptions,
  parseProducerOptions,
} from "./config.ts";
export { createLogGenerator, type LogGenerator, type LogGeneratorOptions } from "./generator.ts";
export {
  HOSTILE_KINDS,
  type HostileKind,
  type HostileRecord,
  HostileRecordCycle,
  hostileRecords,
} from "./hostile-records.ts";
export { INCIDENT_KINDS, type IncidentKind, type IncidentRecord, type IncidentSpec } from "./incidents.ts";
export { KafkaTopicMissingError, KafkaUnreachableError } from "./kafka-sink.ts";
export { ProducerOptionError } from "./option-error.ts";
export { RATE_PROFILE_KINDS, type RateProfile } from "./rate-profile.ts";
export {
  type ProducerHandle,
  type ProducerProgress,
  ProducerRunError,
  type ProducerSummary,
  type RunProducerDependencies,
  runProducer,
} from "./run-producer.ts";
