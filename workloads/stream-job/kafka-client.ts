import { Kafka, type KafkaConfig, logLevel } from "kafkajs";
import { kafkajsSecurity } from "../kafka-security/index.ts";
import { kafkaSecurityOf, type StreamJobConfig } from "./config.ts";

/** A kafkajs client for the supervisor's own reads (lag, the metrics topic), with the job's credentials. */
export function supervisorKafka(config: StreamJobConfig, clientId = "stream-job-supervisor"): Kafka {
  const kafkaConfig: KafkaConfig = {
    clientId,
    brokers: config.kafkaBootstrap.split(","),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 10_000,
    retry: { retries: 2 },
    ...kafkajsSecurity(kafkaSecurityOf(config)),
  };
  return new Kafka(kafkaConfig);
}
