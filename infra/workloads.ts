import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { topicNames as topics } from "../workloads/contract/topics.ts";
import type { SaslMechanism } from "../workloads/kafka-security/index.ts";
import { realTimeDeadLetterTrigger } from "../workloads/stream-job/queries/trigger.ts";
import type { PipelineConfig } from "./config.ts";
import {
  type Component,
  componentLabels,
  components,
  env,
  httpPaths,
  kafkaCa,
  nodeEntrypoints,
  ports,
} from "./contract.ts";
import {
  hardenedContainerSecurity,
  hardenedPodSpec,
  nodeUid,
  resources,
  scratchVolume,
} from "./pod-security.ts";

export interface WorkloadsArgs {
  namespace: pulumi.Input<string>;
  producer: PipelineConfig["producer"];
  streamJob: PipelineConfig["streamJob"];
  image: pulumi.Input<string>;
  imagePullSecrets: pulumi.Input<string>[];
  serviceAccounts: Record<Component, pulumi.Input<string>>;
  kafka: {
    bootstrapServers: pulumi.Input<string>;
    saslMechanism: SaslMechanism;
    tls: boolean;
    /** The volume with the brokers' CA (`kafkaCa.file`), mounted at `kafkaCa.mountPath`. */
    caVolume: k8s.types.input.core.v1.Volume | undefined;
    producerSecret: pulumi.Input<string>;
    streamJobSecret: pulumi.Input<string>;
  };
  spark: {
    connectUrl: pulumi.Input<string>;
    tokenSecret: pulumi.Input<string>;
    lakePath: string;
    checkpointPath: string;
    /** The stream job's shuffle (and state-store) partitions: the cluster's executor cores. */
    shufflePartitions: number;
  };
}

type EnvVar = k8s.types.input.core.v1.EnvVar;

/** The stack's `realTimeDeadLetters`: the dead letters a query of their own, in real-time mode. */
const realTimeDeadLetterEnv: EnvVar[] = [
  { name: env.streamJobTopology, value: "combined" },
  { name: env.streamJobDeadLetterTrigger, value: realTimeDeadLetterTrigger },
];

function fromSecret(name: string, secret: pulumi.Input<string>, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

function kafkaClientEnv(args: WorkloadsArgs, secret: pulumi.Input<string>): EnvVar[] {
  return [
    { name: env.kafkaBrokers, value: args.kafka.bootstrapServers },
    { name: env.kafkaSaslMechanism, value: args.kafka.saslMechanism },
    fromSecret(env.kafkaUsername, secret, "username"),
    fromSecret(env.kafkaPassword, secret, "password"),
    { name: env.kafkaTls, value: String(args.kafka.tls) },
    ...(args.kafka.caVolume
      ? [{ name: env.kafkaCaFile, value: `${kafkaCa.mountPath}/${kafkaCa.file}` }]
      : []),
  ];
}

/**
 * The pipeline's own processes: the log producer and the stream job (the supervisor that sends
 * the streaming plans to Spark Connect and exports their progress). Both run from the Node image.
 */
export class Workloads extends pulumi.ComponentResource {
  constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:Workloads", name, {}, opts);

    this.deployment(name, args, {
      component: components.producer,
      replicas: args.producer.replicas,
      command: [...nodeEntrypoints.producer],
      port: { name: "metrics", port: ports.producerMetrics },
      probes: { liveness: httpPaths.health, readiness: httpPaths.health },
      resources: resources("250m", "256Mi", "1"),
      env: [
        ...kafkaClientEnv(args, args.kafka.producerSecret),
        { name: env.kafkaTopic, value: topics.logs },
        { name: env.producerRate, value: String(args.producer.rate) },
        { name: env.producerProfile, value: args.producer.profile },
      ],
    });

    this.deployment(name, args, {
      component: components.streamJob,
      // One supervisor at a time: two would start every query twice.
      replicas: 1,
      command: [...nodeEntrypoints.streamJob],
      port: { name: "http", port: ports.streamJobHttp },
      probes: { liveness: httpPaths.health, readiness: httpPaths.ready },
      resources: resources("100m", "256Mi", "500m"),
      env: [
        ...kafkaClientEnv(args, args.kafka.streamJobSecret),
        { name: env.kafkaTopic, value: topics.logs },
        { name: env.kafkaMetricsTopic, value: topics.metrics },
        { name: env.kafkaAlertsTopic, value: topics.alerts },
        { name: env.kafkaDeadLetterTopic, value: topics.deadLetters },
        // The stream job appends `;token=…` from SPARK_CONNECT_TOKEN to the URL.
        { name: env.sparkConnectUrl, value: pulumi.interpolate`${args.spark.connectUrl}/` },
        fromSecret(env.sparkConnectToken, args.spark.tokenSecret, "token"),
        { name: env.lakePath, value: args.spark.lakePath },
        { name: env.checkpointPath, value: args.spark.checkpointPath },
        { name: env.streamJobShufflePartitions, value: String(args.spark.shufflePartitions) },
        { name: env.streamJobLogFormat, value: args.streamJob.logFormat },
        ...(args.streamJob.realTimeDeadLetters ? realTimeDeadLetterEnv : []),
        { name: env.metricsPort, value: String(ports.streamJobHttp) },
        // Probes and Prometheus reach it on the pod's address, not only on loopback.
        { name: env.streamJobHttpHost, value: "0.0.0.0" },
      ],
    });

    this.registerOutputs({});
  }

  private deployment(
    name: string,
    args: WorkloadsArgs,
    spec: {
      component: Component;
      replicas: number;
      command: string[];
      /** The only port, and the only one its Service exposes: read-only endpoints (POST /stop answers only on loopback). */
      port: { name: string; port: number };
      probes: { liveness: string; readiness: string };
      resources: k8s.types.input.core.v1.ResourceRequirements;
      env: EnvVar[];
    },
  ): void {
    const labels = componentLabels(spec.component);
    const metadata = { name: spec.component, namespace: args.namespace, labels };
    const probe = (path: string, initialDelaySeconds: number) => ({
      httpGet: { path, port: spec.port.name },
      initialDelaySeconds,
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    });
    new k8s.apps.v1.Deployment(
      `${name}-${spec.component}`,
      {
        metadata,
        spec: {
          replicas: spec.replicas,
          strategy:
            spec.component === components.streamJob ? { type: "Recreate" } : { type: "RollingUpdate" },
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: hardenedPodSpec({
              uid: nodeUid,
              serviceAccountName: args.serviceAccounts[spec.component],
              imagePullSecrets: args.imagePullSecrets,
              terminationGracePeriodSeconds: 30,
              volumes: [scratchVolume("tmp"), ...(args.kafka.caVolume ? [args.kafka.caVolume] : [])],
              containers: [
                {
                  name: spec.component,
                  image: args.image,
                  command: spec.command,
                  workingDir: "/app",
                  env: [{ name: "NODE_ENV", value: "production" }, ...spec.env],
                  ports: [{ name: spec.port.name, containerPort: spec.port.port, protocol: "TCP" }],
                  resources: spec.resources,
                  readinessProbe: probe(spec.probes.readiness, 5),
                  livenessProbe: probe(spec.probes.liveness, 30),
                  securityContext: hardenedContainerSecurity(nodeUid),
                  // tsx keeps its transform cache under the temp directory.
                  volumeMounts: [
                    { name: "tmp", mountPath: "/tmp" },
                    ...(args.kafka.caVolume
                      ? [{ name: args.kafka.caVolume.name, mountPath: kafkaCa.mountPath, readOnly: true }]
                      : []),
                  ],
                },
              ],
            }),
          },
        },
      },
      { parent: this },
    );
    new k8s.core.v1.Service(
      `${name}-${spec.component}-service`,
      {
        metadata,
        spec: {
          type: "ClusterIP",
          selector: labels,
          // Prometheus keeps scraping a job that is not ready: its metrics say why.
          publishNotReadyAddresses: true,
          ports: [
            { name: spec.port.name, port: spec.port.port, targetPort: spec.port.name, protocol: "TCP" },
          ],
        },
      },
      { parent: this },
    );
  }
}
