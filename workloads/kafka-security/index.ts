/**
 * How a Kafka client of the pipeline authenticates and encrypts, in one typed setting, turned
 * into the options of the clients that talk to Kafka: librdkafka (the producer), kafkajs (the
 * producer's topic check, the stream job's supervisor) and Spark's Kafka source and sinks (`kafka.`-prefixed options, used on the driver
 * and on every executor). Knows nothing else of the project.
 */
import { readFileSync } from "node:fs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { z } from "zod";

/** The SASL mechanisms both clients have built in, in Kafka's spelling: the one typed setting. */
export const saslMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

/**
 * A mechanism as a person writes it: Kafka's spelling, or lower case as Strimzi, kafkajs and the
 * stack config write it (`scram-sha-512`). Undefined when it names none of them.
 */
export function saslMechanismOf(text: string): SaslMechanism | undefined {
  const spelled = text.trim().toUpperCase();
  return saslMechanisms.find((mechanism) => mechanism === spelled);
}

/** Reads a mechanism (see `saslMechanismOf`) in a zod schema; `message` says what went wrong. */
export function saslMechanismSchema(message: string) {
  return z.string({ error: message }).transform((text, context) => {
    const mechanism = saslMechanismOf(text);
    if (mechanism !== undefined) return mechanism;
    context.addIssue({ code: "custom", message, input: text });
    return z.NEVER;
  });
}

export interface KafkaSecurity {
  /** SASL credentials; undefined for a listener that authenticates nobody (the local runtime). */
  sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  /** TLS to every broker. */
  tls: boolean;
  /**
   * A PEM file of the CA certificates to trust instead of the platform's; with Spark, a path that
   * the driver and every executor can read (the cluster mounts it at the same path everywhere).
   */
  caFile: string | undefined;
}

/** The environment variables that set a `KafkaSecurity`, named in every error. */
export const kafkaSecurityEnv = {
  mechanism: "KAFKA_SASL_MECHANISM",
  username: "KAFKA_USERNAME",
  password: "KAFKA_PASSWORD",
  tls: "KAFKA_TLS",
  caFile: "KAFKA_CA_FILE",
} as const;

export class KafkaSecurityError extends Error {
  override readonly name = "KafkaSecurityError";
}

/**
 * The rules a security setting keeps wherever it is read (environment, CLI flags, stack config),
 * each reader naming its own fields: PLAIN sends the password as it is, so only over TLS; a CA
 * file means nothing without TLS.
 */
export const kafkaSecurityRules = ["plainNeedsTls", "caNeedsTls"] as const;
export type KafkaSecurityRule = (typeof kafkaSecurityRules)[number];

/** The rules the setting breaks, in `kafkaSecurityRules` order. */
export function brokenKafkaSecurityRules(setting: {
  mechanism: SaslMechanism | undefined;
  tls: boolean;
  caGiven: boolean;
}): KafkaSecurityRule[] {
  const broken = { plainNeedsTls: setting.mechanism === "PLAIN", caNeedsTls: setting.caGiven };
  return setting.tls ? [] : kafkaSecurityRules.filter((rule) => broken[rule]);
}

/** Why this setting must not be used, named by its environment variables, or undefined. */
export function kafkaSecurityProblem(security: KafkaSecurity): string | undefined {
  const env = kafkaSecurityEnv;
  const messages: Record<KafkaSecurityRule, string> = {
    plainNeedsTls: `${env.mechanism}=PLAIN sends the password in clear text: set ${env.tls}=true (the brokers' SASL_SSL listener) or use SCRAM-SHA-512`,
    caNeedsTls: `${env.caFile} is set but ${env.tls} is not true: set ${env.tls}=true to use the CA, or unset ${env.caFile}`,
  };
  const [rule] = brokenKafkaSecurityRules({
    mechanism: security.sasl?.mechanism,
    tls: security.tls,
    caGiven: security.caFile !== undefined,
  });
  return rule === undefined ? undefined : messages[rule];
}

function checked(security: KafkaSecurity): KafkaSecurity {
  const problem = kafkaSecurityProblem(security);
  if (problem !== undefined) throw new KafkaSecurityError(problem);
  return security;
}

/** kafkajs names the same mechanisms in lower case. */
const kafkajsMechanisms: Record<SaslMechanism, "plain" | "scram-sha-256" | "scram-sha-512"> = {
  PLAIN: "plain",
  "SCRAM-SHA-256": "scram-sha-256",
  "SCRAM-SHA-512": "scram-sha-512",
};

/** kafkajs's `ssl` and `sasl` options. Reads the CA file now, so a missing file fails at start. */
export function kafkajsSecurity(security: KafkaSecurity): Pick<KafkaConfig, "ssl" | "sasl"> {
  const { sasl, tls, caFile } = checked(security);
  const options: Pick<KafkaConfig, "ssl" | "sasl"> = {};
  if (tls) {
    options.ssl = caFile === undefined ? true : { ca: [readCaFile(caFile)] };
  }
  if (sasl) {
    const { username, password } = sasl;
    options.sasl = { mechanism: kafkajsMechanisms[sasl.mechanism], username, password } as SASLOptions;
  }
  return options;
}

/** A PEM file's text, read now so that a missing file fails at start, naming its variable. */
function readCaFile(caFile: string): string {
  try {
    return readFileSync(caFile, "utf8");
  } catch (error) {
    throw new KafkaSecurityError(
      `${kafkaSecurityEnv.caFile}=${caFile} cannot be read: ${(error as Error).message}`,
    );
  }
}

/** librdkafka's security settings (its configuration keys). Reads the CA file now, as `kafkajsSecurity` does. */
export function rdkafkaSecurity(security: KafkaSecurity): Record<string, string> {
  const { sasl, tls, caFile } = checked(security);
  const options: Record<string, string> = {
    "security.protocol": `${sasl ? "sasl_" : ""}${tls ? "ssl" : "plaintext"}`,
  };
  if (sasl) {
    options["sasl.mechanisms"] = sasl.mechanism;
    options["sasl.username"] = sasl.username;
    options["sasl.password"] = sasl.password;
  }
  if (tls && caFile !== undefined) options["ssl.ca.pem"] = readCaFile(caFile);
  return options;
}

const loginModules: Record<SaslMechanism, string> = {
  PLAIN: "org.apache.kafka.common.security.plain.PlainLoginModule",
  "SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
  "SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
};

/** JAAS quotes values as Java string literals: a quote or backslash in them is escaped. */
function jaasString(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** Spark's Kafka source and sink options (`kafka.`-prefixed Kafka client settings). */
export function sparkKafkaSecurityOptions(security: KafkaSecurity): Record<string, string> {
  const { sasl, tls, caFile } = checked(security);
  // Kafka's own default, PLAINTEXT, needs no option.
  if (!sasl && !tls) return {};
  const protocol = `${sasl ? "SASL_" : ""}${tls ? "SSL" : "PLAINTEXT"}`;
  const options: Record<string, string> = { "kafka.security.protocol": protocol };
  if (sasl) {
    options["kafka.sasl.mechanism"] = sasl.mechanism;
    options["kafka.sasl.jaas.config"] =
      `${loginModules[sasl.mechanism]} required username=${jaasString(sasl.username)} password=${jaasString(sasl.password)};`;
  }
  if (tls && caFile !== undefined) {
    // Kafka clients read a PEM truststore directly: no keystore password to pass around.
    options["kafka.ssl.truststore.type"] = "PEM";
    options["kafka.ssl.truststore.location"] = caFile;
  }
  return options;
}
