/**
 * The pipeline on Kubernetes: reads the stack's config, composes the components of infra/, and
 * exports what users need to reach the pipeline. Each component is one file in infra/.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { ClusterBase } from "./infra/base.ts";
import { loadConfig } from "./infra/config.ts";
import { Images } from "./infra/images.ts";
import { Kafka } from "./infra/kafka.ts";
import { Monitoring } from "./infra/monitoring.ts";
import { objectStoreReach, PipelineNetwork } from "./infra/network-policies.ts";
import { Spark } from "./infra/spark.ts";
import { Workloads } from "./infra/workloads.ts";
import { readJvmVersions } from "./workloads/pinned-jars/manifest.ts";

const { settings, secrets } = loadConfig();
const jvmVersions = readJvmVersions();
const monitoringNamespace = settings.monitoring.enabled ? settings.monitoring.namespace : undefined;

const base = new ClusterBase("base", {
  cluster: settings.cluster,
  namespace: settings.namespace,
  monitoringNamespace,
  // The Spark data volume (retainOnDelete) and Strimzi's Kafka volumes (deleteClaim: false).
  holdsRetainedVolumes: settings.spark.data.kind === "volume" || settings.kafka.mode === "strimzi",
});
const inCluster = { providers: [base.provider] };

new PipelineNetwork(
  "network",
  {
    namespace: base.namespace,
    kafka:
      settings.kafka.mode === "strimzi"
        ? { mode: "strimzi" }
        : {
            mode: "external",
            ports: settings.kafka.bootstrapServers.split(",").map((server) => Number(server.split(":")[1])),
          },
    objectStore: objectStoreReach(settings.spark.data),
    monitoringNamespace: base.monitoringNamespace,
    kubernetesApiCidrs: settings.network.kubernetesApiCidrs,
  },
  inCluster,
);

const images = new Images(
  "images",
  {
    settings: settings.images,
    projectRoot: dirname(fileURLToPath(import.meta.url)),
    jvmVersions,
    namespace: base.namespace,
    registryPassword: secrets.registryPassword,
  },
  inCluster,
);

const kafka = new Kafka(
  "kafka",
  {
    settings: settings.kafka,
    topics: settings.topics,
    namespace: base.namespace,
    externalPassword: secrets.kafkaPassword,
    kafkaVersion: jvmVersions.kafka,
    operatorChart: settings.charts.strimzi,
  },
  inCluster,
);

const spark = new Spark(
  "spark",
  {
    settings: settings.spark,
    namespace: base.namespace,
    image: images.sparkImage,
    serviceAccounts: base.serviceAccounts,
    imagePullSecrets: images.imagePullSecrets,
    kafkaCaVolume: kafka.caVolume,
  },
  inCluster,
);

new Workloads(
  "workloads",
  {
    namespace: base.namespace,
    producer: settings.producer,
    streamJob: settings.streamJob,
    image: images.producerImage,
    imagePullSecrets: images.imagePullSecrets,
    serviceAccounts: base.serviceAccounts,
    kafka: {
      bootstrapServers: kafka.bootstrapServers,
      saslMechanism: kafka.saslMechanism,
      tls: kafka.tls,
      caVolume: kafka.caVolume,
      producerSecret: kafka.producer.secretName,
      streamJobSecret: kafka.streamJob.secretName,
    },
    spark: {
      connectUrl: spark.connectUrl,
      tokenSecret: spark.tokenSecretName,
      lakePath: spark.lakePath,
      checkpointPath: spark.checkpointPath,
      // Fixed in the stateful query's checkpoint on its first run: size it to the most cores the workers reach.
      shufflePartitions:
        Math.max(settings.spark.workers, settings.spark.workersMax) * settings.spark.workerCores,
    },
  },
  inCluster,
);

const monitoring =
  monitoringNamespace !== undefined && base.monitoringNamespace !== undefined
    ? new Monitoring(
        "monitoring",
        {
          settings: settings.monitoring,
          namespace: base.namespace,
          monitoringNamespace: base.monitoringNamespace,
          kafkaInCluster: settings.kafka.mode === "strimzi",
          chart: settings.charts.kubePrometheusStack,
          receiverSecrets: {
            webhook: secrets.alertWebhookUrl,
            slack: secrets.alertSlackWebhookUrl,
            pagerduty: secrets.alertPagerdutyRoutingKey,
          },
        },
        inCluster,
      )
    : undefined;

/**
 * The stack outputs. Monitoring's exist only when it is on: an output that is absent, rather
 * than undefined, keeps every command free of "Undefined value … will not show" warnings.
 */
export default {
  namespace: base.namespace,
  brokerUrl: kafka.bootstrapServers,
  sparkMasterUrl: spark.masterUrl,
  sparkConnectUrl: spark.connectUrl,
  sparkUiUrl: spark.uiUrl,
  sparkDriverUiUrl: spark.driverUiUrl,
  producerImage: images.producerImage,
  sparkImage: images.sparkImage,
  lakePath: pulumi.output(spark.lakePath),
  sparkConnectToken: pulumi.secret(spark.token),
  kafkaProducerPassword: pulumi.secret(kafka.producer.password),
  kafkaStreamJobPassword: pulumi.secret(kafka.streamJob.password),
  ...(monitoring && {
    prometheusUrl: monitoring.prometheusUrl,
    grafanaUrl: monitoring.grafanaUrl,
    grafanaAdminPassword: pulumi.secret(monitoring.grafanaAdminPassword),
  }),
};
