import { isIPv4, isIPv6 } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { workerTaskSlots } from "../workloads/contract/task-slots.ts";
import { topicLayout } from "../workloads/contract/topics.ts";
import {
  brokenKafkaSecurityRules,
  type KafkaSecurityRule,
  type SaslMechanism,
  saslMechanismSchema,
} from "../workloads/kafka-security/index.ts";
import { LOG_FORMAT_SETTINGS, type LogFormatSetting } from "../workloads/stream-job/queries/formats/index.ts";
import { type ChartReference, chartSource, charts, isChartSource } from "./charts.ts";

/**
 * The stack configuration, read once from `pulumi.Config` into a typed object. Every key is
 * declared in Pulumi.yaml with the same default; a test keeps the two in step.
 */

type Field<T> = { schema: z.ZodType<T>; expected: string; default: string };

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const memoryQuantity = /^[1-9]\d*(Mi|Gi)$/;
const storageQuantity = /^[1-9]\d*(Mi|Gi|Ti)$/;
const cpuQuantity = /^([1-9]\d*m|\d+(\.\d+)?)$/;

function integer(min: number, max: number, fallback: number): Field<number> {
  return {
    schema: z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
    expected: `an integer from ${min} to ${max}`,
    default: String(fallback),
  };
}

function boolean(fallback: boolean): Field<boolean> {
  return {
    schema: z.enum(["true", "false"]).transform((value) => value === "true"),
    expected: "true or false",
    default: String(fallback),
  };
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
): Field<T[number]> {
  return { schema: z.enum(values), expected: `one of ${values.join(", ")}`, default: fallback };
}

function pattern(regex: RegExp, expected: string, fallback: string): Field<string> {
  return { schema: z.string().regex(regex), expected, default: fallback };
}

function text(fallback = ""): Field<string> {
  return { schema: z.string(), expected: "a string", default: fallback };
}

function memory(fallback: string): Field<string> {
  return pattern(memoryQuantity, 'a memory quantity in Mi or Gi, e.g. "2Gi"', fallback);
}

function storage(fallback: string): Field<string> {
  return pattern(storageQuantity, 'a storage quantity in Mi, Gi or Ti, e.g. "10Gi"', fallback);
}

/** A reference to exactly one image: its sha256 digest, with or without a tag. */
export const pinnedByDigest = /@sha256:[0-9a-f]{64}$/;
const imageReference = /^[^\s:@]+(:[0-9A-Za-z_.-]+)?(@sha256:[0-9a-f]{64})?$/;
const optionalImage: Field<string> = {
  schema: z
    .string()
    .refine((value) => value === "" || imageReference.test(value))
    .refine((value) => value === "" || /(:[0-9A-Za-z_.-]+|@sha256:[0-9a-f]{64})$/.test(value))
    .refine((value) => !/:latest$/.test(value)),
  expected: 'an image reference with a pinned tag or digest (not "latest"), or empty',
  default: "",
};

/** An IPv4 or IPv6 CIDR other than the whole address space. */
function isNarrowCidr(value: string): boolean {
  const [address = "", prefix = "", ...rest] = value.split("/");
  const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  return rest.length === 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= bits;
}

const cidrList: Field<string[]> = {
  schema: z
    .string()
    .transform((value) => value.split(",").map((cidr) => cidr.trim()))
    .pipe(z.array(z.string().refine(isNarrowCidr)).min(1)),
  expected:
    'comma-separated CIDRs of the API server\'s endpoints, none /0 (see `kubectl get endpointslices -n default -l kubernetes.io/service-name=kubernetes`), e.g. "172.18.0.0/16"',
  default: "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16",
};

const dataUri: Field<string> = {
  schema: z.string().refine((value) => value === "" || /^(s3a|gs|abfss|hdfs|file):\/\/\S+$/.test(value)),
  expected: "empty, or a URI with scheme s3a://, gs://, abfss://, hdfs:// or file://",
  default: "",
};

const chartSourceField: Field<string> = {
  schema: z.string().refine(isChartSource),
  expected:
    "empty (the public source), a local chart folder, an oci:// reference or an https:// chart repository URL",
  default: "",
};

/** Every plain (non-secret) config key, its accepted values and its default. */
export const configFields = {
  namespace: pattern(dnsLabel, "a DNS label (lower-case letters, digits, '-')", "log-pipeline"),
  kubeconfig: text(),
  kubeContext: text(),
  renderYamlTo: text(),
  kafkaMode: oneOf(["strimzi", "external"] as const, "strimzi"),
  kafkaReplicas: integer(1, 15, 1),
  kafkaStorageSize: storage("10Gi"),
  kafkaStorageClass: text(),
  kafkaCpu: pattern(cpuQuantity, 'a CPU quantity, e.g. "500m" or "2"', "500m"),
  kafkaMemory: memory("1Gi"),
  kafkaBootstrapServers: pattern(/^$|^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, "empty or host:port[,host:port…]", ""),
  // Written as Strimzi writes it (scram-sha-512) or in Kafka's spelling; read as Kafka's.
  kafkaSaslMechanism: {
    schema: saslMechanismSchema("not a SASL mechanism"),
    expected: "one of scram-sha-512, scram-sha-256, plain (any case)",
    default: "scram-sha-512",
  },
  kafkaUsername: text(),
  kafkaTls: boolean(true),
  kafkaCaCert: {
    schema: z
      .string()
      .refine(
        (value) =>
          value === "" ||
          /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(value.trim()),
      ),
    expected: "empty (the system's CAs) or PEM certificates (-----BEGIN CERTIFICATE----- …)",
    default: "",
  },
  topicPartitions: integer(1, 1000, 3),
  topicReplicas: integer(1, 15, 1),
  topicRetentionHours: integer(1, 8760, topicLayout.logs.retentionHours),
  deadLetterRetentionHours: integer(1, 8760, topicLayout.deadLetters.retentionHours),
  sparkWorkers: integer(1, 100, 2),
  sparkWorkersMax: integer(0, 100, 0),
  sparkWorkerCores: integer(1, 64, 1),
  sparkWorkerMemory: memory("1536Mi"),
  sparkDriverCores: integer(1, 64, 1),
  sparkDriverMemory: memory("1536Mi"),
  sparkDataSize: storage("5Gi"),
  sparkDataStorageClass: text(),
  sparkDataAccessMode: oneOf(["ReadWriteOnce", "ReadWriteMany"] as const, "ReadWriteOnce"),
  lakeUri: dataUri,
  checkpointUri: dataUri,
  lakeS3Endpoint: pattern(
    /^$|^https?:\/\/[^\s/:]+(:\d+)?\/?$/,
    "empty (AWS S3) or an S3-compatible store's http(s)://host[:port]",
    "",
  ),
  lakeS3Region: pattern(/^[a-z0-9-]+$/, 'an AWS region name, e.g. "eu-west-1"', "us-east-1"),
  lakeS3PathStyle: boolean(false),
  lakeS3Credentials: oneOf(["secret", "workload-identity"] as const, "secret"),
  lakeS3CredentialsSecret: pattern(dnsLabel, "a Secret name (a DNS label)", "lake-s3-credentials"),
  lakeS3StoreNamespace: pattern(/^$|^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "empty or a namespace name", ""),
  producerReplicas: integer(0, 50, 1),
  producerRate: integer(1, 1_000_000, 100),
  producerProfile: oneOf(["constant", "ramp", "burst", "diurnal"] as const, "constant"),
  logFormat: oneOf(LOG_FORMAT_SETTINGS, "json"),
  realTimeDeadLetters: boolean(false),
  monitoring: boolean(true),
  monitoringNamespace: pattern(
    dnsLabel,
    "a DNS label (lower-case letters, digits, '-')",
    "log-pipeline-monitoring",
  ),
  kubernetesApiCidrs: cidrList,
  alertLagRecords: integer(1, 1_000_000_000, 10_000),
  alertStalledMinutes: integer(1, 1440, 5),
  alertBaselineHours: integer(1, 168, 3),
  alertZScore: integer(2, 10, 3),
  alertSlackChannelPrefix: pattern(
    /^#[a-z0-9_-]*$/,
    'a Slack channel prefix: "#", then lower-case letters, digits, "-" or "_"',
    "#alerts-",
  ),
  strimziChart: chartSourceField,
  monitoringChart: chartSourceField,
  imageBuild: boolean(true),
  imagePush: boolean(true),
  imageRegistry: pattern(/^$|^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, "empty or a registry path", ""),
  registryUsername: text(),
  producerImage: optionalImage,
  sparkImage: optionalImage,
} as const;

/** Config keys whose values are secrets (`pulumi config set --secret`); empty by default. */
export const secretConfigKeys = [
  "kafkaPassword",
  "registryPassword",
  "alertWebhookUrl",
  "alertSlackWebhookUrl",
  "alertPagerdutyRoutingKey",
] as const;
export type SecretConfigKey = (typeof secretConfigKeys)[number];

/** The Alertmanager receivers' secrets: each receiver exists only when its secret is set. */
export const alertReceiverSecrets = {
  webhook: "alertWebhookUrl",
  slack: "alertSlackWebhookUrl",
  pagerduty: "alertPagerdutyRoutingKey",
} as const satisfies Record<string, SecretConfigKey>;
export type AlertReceiver = keyof typeof alertReceiverSecrets;

const httpUrl = /^https?:\/\/\S+$/;
const alertSecretFormats: Record<(typeof alertReceiverSecrets)[AlertReceiver], [RegExp, string]> = {
  alertWebhookUrl: [httpUrl, "an http:// or https:// URL"],
  alertSlackWebhookUrl: [httpUrl, "a Slack incoming-webhook URL (https://hooks.slack.com/services/…)"],
  alertPagerdutyRoutingKey: [
    /^[0-9a-zA-Z]{32}$/,
    "a PagerDuty Events API v2 integration key (32 letters or digits)",
  ],
};

/**
 * Checks the receivers' secrets that are set (their plaintext, which never leaves this check).
 * Throws a ConfigError naming each key that is malformed, without echoing its value.
 */
export function checkAlertSecrets(values: Partial<Record<SecretConfigKey, string>>): void {
  const problems = Object.entries(alertSecretFormats).flatMap(([key, [format, expected]]) => {
    const value = values[key as SecretConfigKey] ?? "";
    return value === "" || format.test(value)
      ? []
      : [`${key} must be ${expected} (pulumi config set --secret ${key} …); the value set is not`];
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

type Fields = typeof configFields;
export type ConfigValues = { [K in keyof Fields]: Fields[K] extends Field<infer T> ? T : never };

export type KafkaSettings =
  | {
      mode: "strimzi";
      replicas: number;
      storageSize: string;
      storageClass: string;
      cpu: string;
      memory: string;
    }
  | {
      mode: "external";
      bootstrapServers: string;
      saslMechanism: SaslMechanism;
      username: string;
      /** SASL_SSL; false only for a cluster that has no TLS listener (never with PLAIN). */
      tls: boolean;
      /** PEM CA bundle of the brokers' certificates; empty trusts the system's CAs. */
      caCert: string;
    };

export type DataStorage =
  | { kind: "volume"; size: string; storageClass: string; accessMode: "ReadWriteOnce" | "ReadWriteMany" }
  | { kind: "objectStore"; lakeUri: string; checkpointUri: string; s3: S3LakeSettings | undefined };

/** How Spark reaches an s3a:// lake (see workloads/pinned-jars/s3a.ts for what each setting does). */
export interface S3LakeSettings {
  /** Empty for AWS S3. */
  endpoint: string;
  region: string;
  pathStyleAccess: boolean;
  credentials: "secret" | "workload-identity";
  /** An existing Secret with keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (credentials "secret"). */
  credentialsSecret: string;
  /** The namespace of an in-cluster store; empty when the store is outside the cluster. */
  storeNamespace: string;
  /** The port Spark's pods connect to, from the endpoint (443 for AWS S3). */
  port: number;
}

export interface PipelineConfig {
  namespace: string;
  cluster: { kubeconfig: string; context: string; renderYamlTo: string };
  kafka: KafkaSettings;
  topics: { partitions: number; replicas: number; retentionHours: number; deadLetterRetentionHours: number };
  spark: {
    workers: number;
    workersMax: number;
    workerCores: number;
    /**
     * Task slots each worker offers its executor: its cores, plus its share of the `logs`
     * partitions a real-time query holds (`workloads/contract/task-slots.ts`). Slots are not
     * cores: the container's CPU stays `workerCores`, and so do the job's shuffle partitions.
     */
    workerTaskSlots: number;
    workerMemory: string;
    driverCores: number;
    driverMemory: string;
    data: DataStorage;
  };
  producer: { replicas: number; rate: number; profile: string };
  /** `realTimeDeadLetters`: the dead letters a query of their own, in Spark's real-time mode. */
  streamJob: { logFormat: LogFormatSetting; realTimeDeadLetters: boolean };
  monitoring: {
    enabled: boolean;
    namespace: string;
    lagRecords: number;
    stalledMinutes: number;
    baseline: { baselineHours: number; zScore: number };
    /** The receivers whose secret is set, and where Slack messages for each team go. */
    delivery: { receivers: AlertReceiver[]; slackChannelPrefix: string };
  };
  /** Where Helm gets each pinned chart. */
  charts: { strimzi: ChartReference; kubePrometheusStack: ChartReference };
  network: { kubernetesApiCidrs: string[] };
  images: {
    build: boolean;
    push: boolean;
    registry: string;
    registryUsername: string;
    producerImage: string;
    sparkImage: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid stack configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function readFields(raw: Record<string, string | undefined>, problems: string[]): ConfigValues {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(configFields) as [string, Field<unknown>][]) {
    const input = raw[key] ?? field.default;
    const parsed = field.schema.safeParse(input);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`${key} must be ${field.expected}, got ${JSON.stringify(input)}`);
  }
  return values as ConfigValues;
}

function memoryMi(quantity: string): number {
  const amount = Number.parseInt(quantity, 10);
  return quantity.endsWith("Gi") ? amount * 1024 : amount;
}

/**
 * Validates raw config strings (missing keys take their defaults) and builds the typed config.
 * `secretsSet` names the secret keys that have a value; `projectDir` is where relative chart
 * folders are found (Pulumi runs the program there). Throws a ConfigError listing every problem.
 */
export function parseConfig(
  raw: Record<string, string | undefined>,
  secretsSet: ReadonlySet<string> = new Set(),
  projectDir: string = process.cwd(),
): PipelineConfig {
  const problems: string[] = [];
  const v = readFields(raw, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  if (v.sparkWorkersMax !== 0 && v.sparkWorkersMax < v.sparkWorkers)
    problems.push(
      `sparkWorkersMax must be 0 (no autoscaling) or at least sparkWorkers (${v.sparkWorkers}), got ${v.sparkWorkersMax}`,
    );
  for (const key of ["sparkWorkerMemory", "sparkDriverMemory"] as const)
    if (memoryMi(v[key]) < 1024)
      problems.push(`${key} must be at least 1Gi (Spark needs it), got "${v[key]}"`);
  if (v.kafkaMode === "strimzi" && v.topicReplicas > v.kafkaReplicas)
    problems.push(
      `topicReplicas must be from 1 to kafkaReplicas (${v.kafkaReplicas}), got ${v.topicReplicas}`,
    );
  if (v.kafkaMode === "external") {
    if (v.kafkaBootstrapServers === "")
      problems.push(
        'kafkaBootstrapServers is required when kafkaMode is "external" (host:port[,host:port…])',
      );
    const securityMessages: Record<KafkaSecurityRule, string> = {
      plainNeedsTls:
        'kafkaTls must be true with kafkaSaslMechanism "plain", which sends the password in clear text (or use scram-sha-512)',
      caNeedsTls: "kafkaCaCert is used only with kafkaTls true: set kafkaTls to true or remove kafkaCaCert",
    };
    const brokenSecurityRules = brokenKafkaSecurityRules({
      mechanism: v.kafkaSaslMechanism,
      tls: v.kafkaTls,
      caGiven: v.kafkaCaCert !== "",
    });
    problems.push(...brokenSecurityRules.map((rule) => securityMessages[rule]));
    if (v.kafkaUsername === "" || !secretsSet.has("kafkaPassword"))
      problems.push(
        'kafkaUsername and kafkaPassword (pulumi config set --secret kafkaPassword …) are required when kafkaMode is "external"',
      );
  }
  if (v.deadLetterRetentionHours < v.topicRetentionHours)
    problems.push(
      `deadLetterRetentionHours must be at least topicRetentionHours (${v.topicRetentionHours}): dead letters are kept for inspection and replay after the input is gone; got ${v.deadLetterRetentionHours}`,
    );
  if ((v.lakeUri === "") !== (v.checkpointUri === ""))
    problems.push("lakeUri and checkpointUri must be set together (or both left empty for a shared volume)");
  if (v.imageBuild && v.imageRegistry === "")
    problems.push(
      "imageRegistry is required when imageBuild is true (the registry to push to, e.g. localhost:5000/log-pipeline); or set imageBuild to false with producerImage and sparkImage",
    );
  if (!v.imageBuild && (v.producerImage === "" || v.sparkImage === ""))
    problems.push(
      "producerImage and sparkImage are required when imageBuild is false (prebuilt image references)",
    );
  if (!v.imageBuild)
    for (const key of ["producerImage", "sparkImage"] as const)
      if (v[key] !== "" && !pinnedByDigest.test(v[key]))
        problems.push(
          `${key} must be pinned by digest when imageBuild is false (a tag can be moved to other contents): use ${v[key].replace(/@.*$/, "")}@sha256:<digest>, the digest from \`docker buildx imagetools inspect ${v[key]}\`; got "${v[key]}"`,
        );
  if (v.registryUsername !== "" && !secretsSet.has("registryPassword"))
    problems.push(
      "registryPassword (pulumi config set --secret registryPassword …) is required with registryUsername",
    );
  const chartReferences = {
    strimzi: chartSource(charts.strimzi, v.strimziChart, projectDir, problems),
    kubePrometheusStack: chartSource(charts.kubePrometheusStack, v.monitoringChart, projectDir, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);

  const kafka: KafkaSettings =
    v.kafkaMode === "strimzi"
      ? {
          mode: "strimzi",
          replicas: v.kafkaReplicas,
          storageSize: v.kafkaStorageSize,
          storageClass: v.kafkaStorageClass,
          cpu: v.kafkaCpu,
          memory: v.kafkaMemory,
        }
      : {
          mode: "external",
          bootstrapServers: v.kafkaBootstrapServers,
          saslMechanism: v.kafkaSaslMechanism,
          username: v.kafkaUsername,
          tls: v.kafkaTls,
          caCert: v.kafkaCaCert,
        };
  const data: DataStorage =
    v.lakeUri === ""
      ? {
          kind: "volume",
          size: v.sparkDataSize,
          storageClass: v.sparkDataStorageClass,
          accessMode: v.sparkDataAccessMode,
        }
      : {
          kind: "objectStore",
          lakeUri: v.lakeUri,
          checkpointUri: v.checkpointUri,
          s3: v.lakeUri.startsWith("s3a://") ? s3LakeSettings(v) : undefined,
        };

  return {
    namespace: v.namespace,
    cluster: { kubeconfig: v.kubeconfig, context: v.kubeContext, renderYamlTo: v.renderYamlTo },
    kafka,
    topics: {
      partitions: v.topicPartitions,
      replicas: v.topicReplicas,
      retentionHours: v.topicRetentionHours,
      deadLetterRetentionHours: v.deadLetterRetentionHours,
    },
    spark: {
      workers: v.sparkWorkers,
      workersMax: v.sparkWorkersMax,
      workerCores: v.sparkWorkerCores,
      workerTaskSlots: workerTaskSlots(
        v.sparkWorkerCores,
        v.sparkWorkers,
        v.realTimeDeadLetters ? v.topicPartitions : 0,
      ),
      workerMemory: v.sparkWorkerMemory,
      driverCores: v.sparkDriverCores,
      driverMemory: v.sparkDriverMemory,
      data,
    },
    producer: { replicas: v.producerReplicas, rate: v.producerRate, profile: v.producerProfile },
    streamJob: { logFormat: v.logFormat, realTimeDeadLetters: v.realTimeDeadLetters },
    monitoring: {
      enabled: v.monitoring,
      namespace: v.monitoringNamespace,
      lagRecords: v.alertLagRecords,
      stalledMinutes: v.alertStalledMinutes,
      baseline: { baselineHours: v.alertBaselineHours, zScore: v.alertZScore },
      delivery: {
        receivers: (Object.keys(alertReceiverSecrets) as AlertReceiver[]).filter((receiver) =>
          secretsSet.has(alertReceiverSecrets[receiver]),
        ),
        slackChannelPrefix: v.alertSlackChannelPrefix,
      },
    },
    charts: chartReferences,
    network: { kubernetesApiCidrs: v.kubernetesApiCidrs },
    images: {
      build: v.imageBuild,
      push: v.imagePush,
      registry: v.imageRegistry,
      registryUsername: v.registryUsername,
      producerImage: v.producerImage,
      sparkImage: v.sparkImage,
    },
  };
}

export interface StackConfig {
  settings: PipelineConfig;
  secrets: Record<SecretConfigKey, pulumi.Output<string>>;
}

function s3LakeSettings(v: ConfigValues): S3LakeSettings {
  const endpoint = v.lakeS3Endpoint === "" ? undefined : new URL(v.lakeS3Endpoint);
  const port = endpoint ? Number(endpoint.port || (endpoint.protocol === "http:" ? 80 : 443)) : 443;
  return {
    endpoint: endpoint ? `${endpoint.protocol}//${endpoint.host}` : "",
    region: v.lakeS3Region,
    pathStyleAccess: v.lakeS3PathStyle,
    credentials: v.lakeS3Credentials,
    credentialsSecret: v.lakeS3CredentialsSecret,
    storeNamespace: v.lakeS3StoreNamespace,
    port,
  };
}

/** Reads the stack's configuration once. Secret values stay Pulumi secrets. */
export function loadConfig(): StackConfig {
  const config = new pulumi.Config();
  const raw = Object.fromEntries(Object.keys(configFields).map((key) => [key, config.get(key)]));
  const secret = (key: SecretConfigKey) => config.getSecret(key) ?? pulumi.secret("");
  const plaintext = Object.fromEntries(
    secretConfigKeys.map((key) => [key, pulumi.runtime.getConfig(`${pulumi.getProject()}:${key}`) ?? ""]),
  ) as Record<SecretConfigKey, string>;
  const secretsSet = new Set(secretConfigKeys.filter((key) => plaintext[key] !== ""));
  const settings = parseConfig(raw, secretsSet);
  checkAlertSecrets(plaintext);
  return {
    settings,
    secrets: Object.fromEntries(secretConfigKeys.map((key) => [key, secret(key)])) as StackConfig["secrets"],
  };
}

/**
 * The heap Spark may give a JVM in a container with this memory limit, after `reservedMi` for
 * other JVMs in the same container (a worker daemon beside its executor) and headroom for
 * each JVM's off-heap use (a quarter, at least 384 MiB).
 */
export function sparkHeapFor(containerMemory: string, reservedMi = 0): string {
  const mi = memoryMi(containerMemory) - reservedMi;
  return `${Math.max(512, mi - Math.max(384, Math.floor(mi * 0.25)))}m`;
}
