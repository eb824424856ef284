import { Kafka, type KafkaConfig, logLevel } from "kafkajs";
import type { StreamJobConfig } from "./config.ts";

/** A kafkajs client for the supervisor's own reads (lag, the metrics topic), with the job's credentials. */
export function supervisorKafka(config: StreamJobConfig, clientId = "stream-job-supervisor"): Kafka {
  const kafkaConfig: KafkaConfig = {
    clientId,
    brokers: config.kafkaBootstrap.split(","),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    requestTimeout: 10_000,
    retry: { retries: 2 },
  };
  const sasl = config.kafkaSasl;
  if (sasl) {
    const mechanism =
      sasl.mechanism === "PLAIN" ? "plain" : (sasl.mechanism.toLowerCase() as "scram-sha-512");
    kafkaConfig.sasl = { mechanism, username: sasl.username, password: sasl.password } as KafkaConfig["sasl"];
  }
  return new Kafka(kafkaConfig);
}
