import { z } from "zod";
import type { OptionNamer } from "../command-line/options.ts";
import { OUTPUT_FORMATS } from "../contract/log-formats.ts";
import { topicLayout } from "../contract/topics.ts";
import {
  brokenKafkaSecurityRules,
  type KafkaSecurityRule,
  type SaslMechanism,
  saslMechanismSchema,
  saslMechanisms,
} from "../kafka-security/index.ts";
import { usableCores } from "./cpu-cores.ts";
import {
  incidentsTargetGeneratedServices,
  modelOptionsShape,
  rateProfileSchema,
} from "./generator-options.ts";
import { libraryOptionName, optionErrorFrom } from "./option-error.ts";

/** Codecs kafkajs has built in; others need a codec package registered. */
export const COMPRESSIONS = ["none", "gzip"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

const saslMechanismChoices = `one of ${saslMechanisms.join(", ")} (any case)`;

export const LOG_LEVEL_NAMES = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const brokerForm = "must be host:port (several separated by commas), e.g. kafka:9092";
const brokerPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/;

const brokerSchema = z.string({ error: brokerForm }).refine(
  (broker) => {
    const port = Number(brokerPattern.exec(broker)?.[1]);
    return port >= 1 && port <= 65535;
  },
  { error: brokerForm },
);

const positiveInt = (what: string) =>
  z
    .number({ error: `must be a positive integer (${what})` })
    .int({ error: `must be a positive integer (${what})` })
    .positive({ error: `must be a positive integer (${what})` });

const positiveMs = z
  .number({ error: "must be a positive duration" })
  .positive({ error: "must be a positive duration" })
  .finite({ error: "must be a positive duration" });

const rateForm = 'must be a positive number of events/s or "max"';

/** A switch given as a boolean, or as the text of an environment variable. */
const booleanSetting = z.union(
  [z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")],
  { error: "must be true or false" },
);

/**
 * Idempotent producers per run when not told: one librdkafka producer already keeps several
 * requests in flight and encodes on its own threads; each more one adds threads and smaller
 * requests (bench/results/producer.md measures two beside it).
 */
export const DEFAULT_PRODUCERS = 1;

export const MAX_PRODUCERS = 64;

/**
 * Generate events and their JSON in a worker thread beside the event loop's sends when the
 * process has a second core for it (its container's CPU limit counted); on one core the thread
 * would only take turns with the event loop (bench/results/producer.md measures both).
 */
export const DEFAULT_GENERATOR_THREADS = usableCores() >= 2 ? 1 : 0;

export const producerOptionsSchema = z
  .object({
    ...modelOptionsShape,
    brokers: z
      .union([z.string(), z.array(brokerSchema)], { error: brokerForm })
      .transform((value) =>
        typeof value === "string"
          ? value
              .split(",")
              .map((broker) => broker.trim())
              .filter(Boolean)
          : value,
      )
      .pipe(z.array(brokerSchema).min(1, { error: brokerForm })),
    topic: z
      .string({ error: "must be a Kafka topic name ([A-Za-z0-9._-], at most 249 characters)" })
      .regex(/^[A-Za-z0-9._-]{1,249}$/, {
        error: "must be a Kafka topic name ([A-Za-z0-9._-], at most 249 characters)",
      })
      .default(topicLayout.logs.name),
    /**
     * Create the topic when it is missing (local use). Off by default: in a cluster the program
     * declares the topics, and a producer that made its own would pick their settings.
     */
    createTopic: booleanSetting.default(false),
    partitions: positiveInt("partitions of the topic when it is created").default(
      topicLayout.logs.partitions,
    ),
    replicationFactor: positiveInt("replicas of the topic when it is created").default(1),
    clientId: z.string().min(1).default("log-producer"),
    saslMechanism: saslMechanismSchema(`must be ${saslMechanismChoices}`).optional(),
    saslUsername: z
      .string({ error: "must be a user name" })
      .min(1, { error: "must be a user name" })
      .optional(),
    saslPassword: z
      .string({ error: "must be a password" })
      .min(1, { error: "must be a password" })
      .optional(),
    /** TLS to the brokers (SASL_SSL with SASL). */
    tls: booleanSetting.default(false),
    /** A PEM bundle of the CA certificates to trust instead of Node's, with TLS. */
    caFile: z.string({ error: "must be the path of a PEM CA bundle" }).min(1).optional(),
    rate: z
      .union(
        [
          z.literal("max"),
          z
            .number()
            .positive()
            .finite()
            .transform((rate) => ({ kind: "constant" as const, rate })),
          rateProfileSchema,
        ],
        { error: `${rateForm} (or a rate profile)` },
      )
      .default({ kind: "constant", rate: 1000 }),
    count: positiveInt("events to send").optional(),
    durationMs: positiveMs.optional(),
    format: z.enum(OUTPUT_FORMATS, { error: `must be one of ${OUTPUT_FORMATS.join(", ")}` }).default("json"),
    compression: z.enum(COMPRESSIONS, { error: `must be one of ${COMPRESSIONS.join(", ")}` }).default("gzip"),
    producers: positiveInt("idempotent producers, each owning a share of the partitions")
      .max(MAX_PRODUCERS, { error: `must be at most ${MAX_PRODUCERS} producers` })
      .default(DEFAULT_PRODUCERS),
    /**
     * 0 generates on the event loop, 1 in a worker thread. One seeded stream of events is
     * generated in order, so more threads could not share it.
     */
    generatorThreads: z
      .number({ error: "must be 0 (generate on the event loop) or 1 (in a worker thread)" })
      .int({ error: "must be 0 (generate on the event loop) or 1 (in a worker thread)" })
      .min(0, { error: "must be 0 (generate on the event loop) or 1 (in a worker thread)" })
      .max(1, { error: "must be 0 (generate on the event loop) or 1 (in a worker thread)" })
      .default(DEFAULT_GENERATOR_THREADS),
    batchSize: positiveInt("events per send")
      .max(100_000, { error: "must be at most 100000 events per send" })
      .default(1000),
    /** Value bytes per send: a partition's share of a send must stay under the broker's message.max.bytes. */
    maxBatchBytes: positiveInt("bytes of values per send")
      .min(1024, { error: "must be at least 1024 bytes per send" })
      .default(512 * 1024),
    lingerMs: z
      .number({ error: "must be a duration >= 0" })
      .min(0, { error: "must be a duration >= 0" })
      .default(50),
    malformedRatio: z
      .number({ error: "must be a ratio in [0, 1)" })
      .min(0, { error: "must be a ratio in [0, 1)" })
      .lt(1, { error: "must be a ratio in [0, 1)" })
      .default(0),
    /** Serve `/metrics` on this port (0 picks a free one); no server when unset. */
    metricsPort: z
      .number({ error: "must be a port in [0, 65535]" })
      .int({ error: "must be a port in [0, 65535]" })
      .min(0, { error: "must be a port in [0, 65535]" })
      .max(65535, { error: "must be a port in [0, 65535]" })
      .optional(),
    metricsHost: z.string().default("0.0.0.0"),
    /** The whole connection (admin, topic, producer) must succeed within this. */
    connectTimeoutMs: positiveMs.default(30_000),
    maxConsecutiveFailures: positiveInt("failed sends in a row before giving up").default(5),
    logLevel: z
      .enum(LOG_LEVEL_NAMES, { error: `must be one of ${LOG_LEVEL_NAMES.join(", ")}` })
      .default("info"),
  })
  .strict()
  .superRefine(incidentsTargetGeneratedServices)
  .superRefine(saslIsComplete)
  .superRefine(plainNeedsTls);

/** The Kafka security rules (`brokenKafkaSecurityRules`), named by this config's fields. */
function plainNeedsTls(
  options: { saslMechanism?: SaslMechanism | undefined; tls: boolean; caFile?: string | undefined },
  context: z.RefinementCtx,
): void {
  const issues: Record<KafkaSecurityRule, { path: string; message: string }> = {
    plainNeedsTls: {
      path: "tls",
      message: "must be true with SASL PLAIN, which sends the password in clear text (or use SCRAM-SHA-512)",
    },
    caNeedsTls: {
      path: "caFile",
      message: "is used only with TLS: set TLS to true, or leave the CA file out",
    },
  };
  const broken = brokenKafkaSecurityRules({
    mechanism: options.saslMechanism,
    tls: options.tls,
    caGiven: options.caFile !== undefined,
  });
  for (const rule of broken) {
    const { path, message } = issues[rule];
    context.addIssue({ code: "custom", path: [path], message, input: undefined });
  }
}

/** A SASL mechanism needs both credentials, and credentials need a mechanism. */
function saslIsComplete(
  options: {
    saslMechanism?: string | undefined;
    saslUsername?: string | undefined;
    saslPassword?: string | undefined;
  },
  context: z.RefinementCtx,
): void {
  const { saslMechanism, saslUsername, saslPassword } = options;
  if (saslMechanism === undefined && (saslUsername !== undefined || saslPassword !== undefined)) {
    context.addIssue({
      code: "custom",
      path: ["saslMechanism"],
      message: `must be set (${saslMechanismChoices}) when SASL credentials are given`,
      input: undefined,
    });
  }
  for (const [key, value] of [
    ["saslUsername", saslUsername],
    ["saslPassword", saslPassword],
  ] as const) {
    if (saslMechanism !== undefined && value === undefined) {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `must be set for SASL ${saslMechanism}`,
        input: undefined,
      });
    }
  }
}

/** What `runProducer` accepts: every field but `brokers` has a default. */
export type ProducerOptions = z.input<typeof producerOptionsSchema>;
/** The checked options with their defaults applied. */
export type ProducerConfig = z.output<typeof producerOptionsSchema>;

export function parseProducerOptions(
  options: ProducerOptions,
  nameOption: OptionNamer = libraryOptionName,
): ProducerConfig {
  const parsed = producerOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) throw optionErrorFrom(parsed.error, nameOption);
  return parsed.data;
}
