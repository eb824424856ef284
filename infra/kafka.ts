import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { topicRoles, topicSettings, topicNames as topics } from "../workloads/contract/topics.ts";
import type { SaslMechanism } from "../workloads/kafka-security/index.ts";
import type { ChartReference } from "./charts.ts";
import type { KafkaSettings, PipelineConfig } from "./config.ts";
import { nameByContents } from "./content-name.ts";
import { kafkaCa, ports } from "./contract.ts";
import { crdsAsStored } from "./crd-schemas.ts";
import { hardenedContainerSecurity } from "./pod-security.ts";

/** Where a Kafka client finds its credentials: a Secret with `username` and `password` keys. */
export interface KafkaClientCredentials {
  secretName: pulumi.Output<string>;
  password: pulumi.Output<string>;
}

export interface KafkaArgs {
  settings: KafkaSettings;
  topics: PipelineConfig["topics"];
  namespace: pulumi.Input<string>;
  /** The password of an external cluster's user (a Pulumi secret); unused with Strimzi. */
  externalPassword: pulumi.Output<string>;
  /** The Kafka version the cluster runs: the one the local runtime pins. */
  kafkaVersion: string;
  /** Where Helm gets the Strimzi operator's chart; unused with an external cluster. */
  operatorChart: ChartReference;
}

/** The Helm release name of the Strimzi operator. */
export const strimziRelease = "strimzi";

/** The name of the Strimzi `Kafka` resource; Strimzi derives its Services and pod labels from it. */
export const strimziClusterName = "pipeline";

/** Labels Strimzi puts on the pods of the cluster (brokers, controllers, entity operator, exporter). */
export const strimziClusterPodLabels = { "strimzi.io/cluster": strimziClusterName } as const;
export const strimziBrokerPodLabels = {
  ...strimziClusterPodLabels,
  "strimzi.io/broker-role": "true",
} as const;
export const strimziOperatorPodLabels = { name: "strimzi-cluster-operator" } as const;

const strimziApi = "kafka.strimzi.io/v1";

const users = {
  producer: "producer",
  streamJob: "stream-job",
} as const;

function passwordFor(name: string, user: string, parent: pulumi.Resource): pulumi.Output<string> {
  return new random.RandomPassword(`${name}-${user}-password`, { length: 32, special: false }, { parent })
    .result;
}

/**
 * Kafka for the pipeline. By default the Strimzi operator (a maintained chart; Bitnami's free
 * images stopped receiving updates in August 2025) with a KRaft cluster, the pipeline's topics,
 * and one SCRAM-SHA-512 user per client with ACLs for exactly what it does. With
 * `kafkaMode: external`, an existing cluster and the credentials from config.
 */
export class Kafka extends pulumi.ComponentResource {
  readonly bootstrapServers: pulumi.Output<string>;
  readonly saslMechanism: SaslMechanism;
  /** Whether clients connect with TLS (SASL_SSL). */
  readonly tls: boolean;
  /**
   * The volume holding `kafkaCa.file`, the CA that signs the brokers' certificates, for every
   * Kafka client pod (Spark's executors too); undefined trusts the system's CAs.
   */
  readonly caVolume: k8s.types.input.core.v1.Volume | undefined;
  readonly producer: KafkaClientCredentials;
  readonly streamJob: KafkaClientCredentials;
  /** The Strimzi operator's chart, when Kafka runs in the cluster. */
  readonly operator: k8s.helm.v4.Chart | undefined;

  constructor(name: string, args: KafkaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:Kafka", name, {}, opts);
    if (args.settings.mode === "external") {
      const secret = this.credentialsSecret(
        name,
        "kafka-client-credentials",
        args.settings.username,
        args.externalPassword,
        args.namespace,
      );
      const credentials = { secretName: secret.metadata.name, password: args.externalPassword };
      this.bootstrapServers = pulumi.output(args.settings.bootstrapServers);
      this.saslMechanism = args.settings.saslMechanism;
      this.tls = args.settings.tls;
      this.caVolume =
        args.settings.caCert === ""
          ? undefined
          : caVolume({ configMap: { name: this.caConfigMap(name, args.settings.caCert, args.namespace) } });
      this.producer = credentials;
      this.streamJob = credentials;
      this.operator = undefined;
    } else {
      this.saslMechanism = "SCRAM-SHA-512";
      this.tls = true;
      // Strimzi keeps its cluster CA's certificate in this Secret, renewed with the CA.
      this.caVolume = caVolume({ secret: { secretName: `${strimziClusterName}-cluster-ca-cert` } });
      this.operator = this.operatorChart(name, args.operatorChart, args.namespace);
      this.createCluster(name, args.settings, args.namespace, args.kafkaVersion);
      this.createTopics(name, args.topics, args.namespace);
      // No Create anywhere: the topics are the KafkaTopics above, with the program's partitions,
      // replicas and retention; a client that finds one missing is refused instead of making its own.
      this.producer = this.createUser(name, users.producer, args.namespace, [
        topicAcl(topics.logs, ["Write", "Describe"]),
        { resource: { type: "cluster" }, operations: ["IdempotentWrite"] },
      ]);
      this.streamJob = this.createUser(name, users.streamJob, args.namespace, [
        topicAcl(topics.logs, ["Read", "Describe"]),
        topicAcl(topics.metrics, ["Write", "Describe"]),
        topicAcl(topics.alerts, ["Write", "Describe"]),
        topicAcl(topics.deadLetters, ["Write", "Describe"]),
        // Spark's Kafka source reads through consumer groups named spark-kafka-source-…
        { resource: { type: "group", name: "spark-kafka-", patternType: "prefix" }, operations: ["Read"] },
      ]);
      this.bootstrapServers = pulumi.interpolate`${strimziClusterName}-kafka-bootstrap.${args.namespace}.svc.cluster.local:${ports.kafkaClient}`;
    }
    this.registerOutputs({ bootstrapServers: this.bootstrapServers });
  }

  private operatorChart(
    name: string,
    chart: ChartReference,
    namespace: pulumi.Input<string>,
  ): k8s.helm.v4.Chart {
    return new k8s.helm.v4.Chart(
      `${name}-strimzi`,
      {
        name: strimziRelease,
        ...chart,
        namespace,
        values: {
          // Strimzi then gives every Kafka pod a security context that meets Pod Security `restricted`.
          extraEnvs: [{ name: "STRIMZI_POD_SECURITY_PROVIDER_CLASS", value: "restricted" }],
          podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          securityContext: hardenedContainerSecurity(1001),
          // Strimzi's own policies would open the listeners to every pod; PipelineNetwork decides instead.
          generateNetworkPolicy: false,
          resources: { requests: { cpu: "200m", memory: "384Mi" }, limits: { cpu: "1", memory: "384Mi" } },
        },
      },
      { parent: this, transforms: [crdsAsStored] },
    );
  }

  private customResource(
    resourceName: string,
    kind: string,
    metadataName: string,
    namespace: pulumi.Input<string>,
    spec: Record<string, unknown>,
  ): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(
      resourceName,
      {
        apiVersion: strimziApi,
        kind,
        metadata: { name: metadataName, namespace, labels: strimziClusterPodLabels },
        spec,
      },
      // Custom resources need the CRDs the operator's chart installs.
      { parent: this, dependsOn: this.operator ? [this.operator] : [] },
    );
  }

  private createCluster(
    name: string,
    settings: Extract<KafkaSettings, { mode: "strimzi" }>,
    namespace: pulumi.Input<string>,
    kafkaVersion: string,
  ): void {
    const replication = Math.min(3, settings.replicas);
    const minInSync = Math.max(1, Math.min(2, settings.replicas - 1));
    const small = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } };
    this.customResource(`${name}-node-pool`, "KafkaNodePool", "dual-role", namespace, {
      replicas: settings.replicas,
      roles: ["controller", "broker"],
      storage: {
        type: "jbod",
        volumes: [
          {
            id: 0,
            type: "persistent-claim",
            size: settings.storageSize,
            ...(settings.storageClass !== "" && { class: settings.storageClass }),
            kraftMetadata: "shared",
            deleteClaim: false,
          },
        ],
      },
      resources: {
        requests: { cpu: settings.cpu, memory: settings.memory },
        limits: { cpu: settings.cpu, memory: settings.memory },
      },
    });
    this.customResource(`${name}-cluster`, "Kafka", strimziClusterName, namespace, {
      kafka: {
        version: kafkaVersion,
        listeners: [
          {
            name: "scram",
            port: ports.kafkaClient,
            type: "internal",
            // The only listener: SCRAM over TLS with certificates from Strimzi's cluster CA.
            tls: true,
            authentication: { type: "scram-sha-512" },
          },
        ],
        authorization: { type: "simple" },
        config: {
          "auto.create.topics.enable": false,
          "offsets.topic.replication.factor": replication,
          "transaction.state.log.replication.factor": replication,
          "transaction.state.log.min.isr": minInSync,
          "default.replication.factor": replication,
          "min.insync.replicas": minInSync,
        },
        metricsConfig: { type: "strimziMetricsReporter" },
      },
      entityOperator: { topicOperator: { resources: small }, userOperator: { resources: small } },
      kafkaExporter: { topicRegex: ".*", groupRegex: ".*", resources: small },
    });
  }

  private createTopics(
    name: string,
    settings: PipelineConfig["topics"],
    namespace: pulumi.Input<string>,
  ): void {
    for (const role of topicRoles) {
      const topicName = topics[role];
      // Dead letters outlive the input they came from, so they can be inspected and replayed.
      const retentionHours =
        role === "deadLetters" ? settings.deadLetterRetentionHours : settings.retentionHours;
      this.customResource(`${name}-topic-${role}`, "KafkaTopic", topicName, namespace, {
        topicName,
        partitions: settings.partitions,
        replicas: settings.replicas,
        config: topicSettings(role, retentionHours),
      });
    }
  }

  private caConfigMap(name: string, pem: string, namespace: pulumi.Input<string>): pulumi.Output<string> {
    const data = { [kafkaCa.file]: pem };
    return new k8s.core.v1.ConfigMap(
      `${name}-ca`,
      { metadata: { name: nameByContents("kafka-ca", data), namespace }, data },
      { parent: this },
    ).metadata.name;
  }

  private credentialsSecret(
    name: string,
    secretName: string,
    username: pulumi.Input<string>,
    password: pulumi.Input<string>,
    namespace: pulumi.Input<string>,
  ): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
      `${name}-${secretName}`,
      {
        metadata: { name: secretName, namespace },
        type: "Opaque",
        stringData: { username, password: pulumi.secret(password) },
      },
      { parent: this },
    );
  }

  private createUser(
    name: string,
    user: string,
    namespace: pulumi.Input<string>,
    acls: Record<string, unknown>[],
  ): KafkaClientCredentials {
    const password = passwordFor(name, user, this);
    // Strimzi's User Operator writes its own Secret named after the KafkaUser; ours is the input.
    const secret = this.credentialsSecret(name, `kafka-${user}-credentials`, user, password, namespace);
    this.customResource(`${name}-user-${user}`, "KafkaUser", user, namespace, {
      authentication: {
        type: "scram-sha-512",
        password: { valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "password" } } },
      },
      authorization: { type: "simple", acls },
    });
    return { secretName: secret.metadata.name, password };
  }
}

function topicAcl(topic: string, operations: string[]): Record<string, unknown> {
  return { resource: { type: "topic", name: topic, patternType: "literal" }, operations };
}

/** A volume named `kafka-ca` with the CA certificate under `kafkaCa.file`, from a Secret or a ConfigMap. */
function caVolume(
  source: { secret: { secretName: pulumi.Input<string> } } | { configMap: { name: pulumi.Input<string> } },
): k8s.types.input.core.v1.Volume {
  const items = [{ key: kafkaCa.file, path: kafkaCa.file }];
  return "secret" in source
    ? { name: "kafka-ca", secret: { ...source.secret, items } }
    : { name: "kafka-ca", configMap: { ...source.configMap, items } };
}
