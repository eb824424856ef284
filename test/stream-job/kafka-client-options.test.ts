import { describe, expect, it } from "vitest";
import {
  parseStreamJobConfig,
  type StreamJobOptions,
  streamJobOptionsFromEnv,
} from "../../workloads/stream-job/config.ts";
import { kafkaClientOptions } from "../../workloads/stream-job/queries/log-stream.ts";

const base: StreamJobOptions = {
  sparkConnectUrl: "sc://spark-connect:15002",
  kafkaBootstrap: "kafka-0:9092,kafka-1:9092",
  lakePath: "/lake",
  checkpointPath: "/checkpoints",
};

/** Reads `key="value"` out of a JAAS line the way Kafka's JaasConfig tokenizer does (backslash escapes). */
function jaasValue(jaas: string, key: string): string | undefined {
  const match = new RegExp(`${key}="((?:[^"\\\\]|\\\\.)*)"`).exec(jaas);
  return match?.[1]?.replace(/\\(.)/g, "$1");
}

describe("kafkaClientOptions", () => {
  it("passes only the bootstrap servers when there is no SASL", () => {
    expect(kafkaClientOptions(parseStreamJobConfig(base))).toEqual({
      "kafka.bootstrap.servers": "kafka-0:9092,kafka-1:9092",
    });
  });

  it("builds a SCRAM JAAS line whose quoted values hold quotes and backslashes intact", () => {
    const password = 'pa"ss\\word"; x="y';
    const options = kafkaClientOptions(
      parseStreamJobConfig({
        ...base,
        kafkaSasl: { mechanism: "SCRAM-SHA-256", username: 'stream"job', password },
      }),
    );
    expect(options["kafka.security.protocol"]).toBe("SASL_PLAINTEXT");
    expect(options["kafka.sasl.mechanism"]).toBe("SCRAM-SHA-256");
    const jaas = options["kafka.sasl.jaas.config"] as string;
    expect(jaas).toMatch(/^org\.apache\.kafka\.common\.security\.scram\.ScramLoginModule required /);
    expect(jaas.endsWith(";")).toBe(true);
    expect(jaasValue(jaas, "username")).toBe('stream"job');
    expect(jaasValue(jaas, "password")).toBe(password);
  });

  it("uses the PLAIN login module for PLAIN, over TLS only", () => {
    const plain = { ...base, kafkaSasl: { mechanism: "PLAIN" as const, username: "u", password: "p" } };
    expect(() => parseStreamJobConfig(plain)).toThrow(
      /kafkaTls: KAFKA_SASL_MECHANISM=PLAIN sends the password in clear text: set KAFKA_TLS=true/,
    );
    const options = kafkaClientOptions(parseStreamJobConfig({ ...plain, kafkaTls: { enabled: true } }));
    expect(options["kafka.security.protocol"]).toBe("SASL_SSL");
    expect(options["kafka.sasl.jaas.config"]).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";',
    );
  });

  it("lets explicit kafkaOptions override what it derives", () => {
    const options = kafkaClientOptions(
      parseStreamJobConfig({
        ...base,
        kafkaSasl: { mechanism: "SCRAM-SHA-512", username: "u", password: "p" },
        kafkaOptions: { "kafka.security.protocol": "SASL_SSL", "kafka.ssl.truststore.type": "PEM" },
      }),
    );
    expect(options["kafka.security.protocol"]).toBe("SASL_SSL");
    expect(options["kafka.ssl.truststore.type"]).toBe("PEM");
    expect(options["kafka.sasl.mechanism"]).toBe("SCRAM-SHA-512");
  });

  it("takes TLS and the CA bundle from KAFKA_TLS and KAFKA_CA_FILE: SASL_SSL with a PEM truststore", () => {
    const options = kafkaClientOptions(
      parseStreamJobConfig(
        streamJobOptionsFromEnv({
          SPARK_CONNECT_URL: "sc://spark-connect:15002",
          KAFKA_BROKERS: "kafka:9093",
          LAKE_PATH: "/lake",
          CHECKPOINT_PATH: "/checkpoints",
          KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
          KAFKA_USERNAME: "stream-job",
          KAFKA_PASSWORD: "p",
          KAFKA_TLS: "true",
          KAFKA_CA_FILE: "/etc/kafka-ca/ca.crt",
        }),
      ),
    );
    expect(options).toMatchObject({
      "kafka.bootstrap.servers": "kafka:9093",
      "kafka.security.protocol": "SASL_SSL",
      "kafka.sasl.mechanism": "SCRAM-SHA-512",
      "kafka.ssl.truststore.type": "PEM",
      "kafka.ssl.truststore.location": "/etc/kafka-ca/ca.crt",
    });
  });
});
