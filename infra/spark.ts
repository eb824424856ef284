import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { s3aSparkConf } from "../workloads/pinned-jars/s3a.ts";
import { sparkJvmConf } from "../workloads/pinned-jars/spark-jvm.ts";
import {
  fairSchedulerAllocationFileName,
  fairSchedulerAllocationXml,
  sparkSchedulerConf,
} from "../workloads/pinned-jars/spark-scheduler.ts";
import { type PipelineConfig, type S3LakeSettings, sparkHeapFor } from "./config.ts";
import { nameByContents } from "./content-name.ts";
import {
  type Component,
  componentLabels,
  components,
  httpPaths,
  kafkaCa,
  partOf,
  ports,
  sparkDataMount,
} from "./contract.ts";
import {
  hardenedContainerSecurity,
  hardenedPodSpec,
  resources,
  scratchVolume,
  sparkUid,
} from "./pod-security.ts";

export interface SparkArgs {
  settings: PipelineConfig["spark"];
  namespace: pulumi.Input<string>;
  /** The spark-driver image: the pinned apache/spark release plus the Kafka connector jars. */
  image: pulumi.Input<string>;
  serviceAccounts: Record<Component, pulumi.Input<string>>;
  imagePullSecrets: pulumi.Input<string>[];
  /**
   * The volume with the Kafka brokers' CA: the driver and the executors (on the workers) run the
   * Kafka source and sinks, so both mount it where the stream job's options point.
   */
  kafkaCaVolume: k8s.types.input.core.v1.Volume | undefined;
}

type Container = k8s.types.input.core.v1.Container;

/** What the master, the workers and the driver share. */
interface SparkParts {
  config: k8s.core.v1.ConfigMap;
  dataClaim: k8s.core.v1.PersistentVolumeClaim | undefined;
  /** The Secret with the shared secret every Spark component authenticates with. */
  authSecret: k8s.core.v1.Secret;
  args: SparkArgs;
}

const sparkHome = "/opt/spark";
/** Heap of the master and worker daemons (Spark's default is 1 GiB, more than they need). */
const masterDaemonMi = 512;
const workerDaemonMi = 256;
/**
 * Where the shared secret goes. The master and worker daemons read it from `_SPARK_AUTH_SECRET`
 * (Spark's own variable, which a worker also hands to its executors); the driver of a
 * `spark://` master insists on `spark.authenticate.secret` in its conf, so it reads a properties
 * file mounted from the Secret (`--extra-properties-file`): never on a command line.
 */
const authSecret = {
  envVar: "_SPARK_AUTH_SECRET",
  key: "secret",
  propertiesKey: "secret.conf",
  mountPath: "/opt/spark/secret",
} as const;
const masterRecoveryMount = "/recovery";
/** The master's recovery state is a few small files per application and worker. */
const masterRecoverySize = "256Mi";
const names = {
  config: "spark-config",
  data: "spark-data",
  token: "spark-connect-token",
  auth: "spark-auth",
  masterRecovery: "spark-master-recovery",
  master: "spark-master",
  masterHeadless: "spark-master-headless",
  worker: "spark-worker",
  workerHeadless: "spark-worker-headless",
  connect: "spark-connect",
  connectHeadless: "spark-connect-headless",
} as const;

function tcp(name: string, port: number): k8s.types.input.core.v1.ServicePort {
  return { name, port, targetPort: port, protocol: "TCP" };
}

function httpProbe(port: number, path = "/", initialDelaySeconds = 20) {
  return {
    httpGet: { path, port },
    initialDelaySeconds,
    periodSeconds: 15,
    timeoutSeconds: 5,
    failureThreshold: 4,
  };
}

function tcpProbe(port: number, initialDelaySeconds = 20) {
  return {
    tcpSocket: { port },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 6,
  };
}

function s3Conf(s3: S3LakeSettings): Record<string, string> {
  const credentials = s3.credentials === "secret" ? "environment" : "workload identity";
  return s3aSparkConf({ ...s3, credentials });
}

/**
 * Spark standalone on Kubernetes: a master, workers (optionally autoscaled), and the Spark
 * Connect server as the driver (`--master spark://…:7077`), which the stream job sends its plans
 * to. All three run the spark-driver image, so executors have the Kafka connector too.
 */
export class Spark extends pulumi.ComponentResource {
  readonly masterUrl: pulumi.Output<string>;
  /** `sc://host:15002`, without the token. */
  readonly connectUrl: pulumi.Output<string>;
  readonly uiUrl: pulumi.Output<string>;
  readonly driverUiUrl: pulumi.Output<string>;
  readonly tokenSecretName: pulumi.Output<string>;
  readonly token: pulumi.Output<string>;
  readonly lakePath: string;
  readonly checkpointPath: string;

  private readonly namespace: pulumi.Input<string>;
  /** The lake store's credentials from its Secret, for the driver and the workers (executors inherit the worker's). */
  private readonly s3CredentialsEnv: k8s.types.input.core.v1.EnvVar[];

  constructor(name: string, args: SparkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:Spark", name, {}, opts);
    this.namespace = args.namespace;
    const ns = args.namespace;
    const fqdn = (service: string) => pulumi.interpolate`${service}.${ns}.svc.cluster.local`;
    this.masterUrl = pulumi.interpolate`spark://${fqdn(names.master)}:${ports.sparkMaster}`;
    this.connectUrl = pulumi.interpolate`sc://${fqdn(names.connect)}:${ports.sparkConnect}`;
    this.uiUrl = pulumi.interpolate`http://${fqdn(names.master)}:${ports.sparkMasterUi}`;
    this.driverUiUrl = pulumi.interpolate`http://${fqdn(names.connect)}:${ports.sparkDriverUi}`;

    const { data } = args.settings;
    const s3 = data.kind === "objectStore" ? data.s3 : undefined;
    this.s3CredentialsEnv =
      s3?.credentials === "secret"
        ? ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].map((key) => ({
            name: key,
            valueFrom: { secretKeyRef: { name: s3.credentialsSecret, key } },
          }))
        : [];
    this.lakePath = data.kind === "volume" ? `file://${sparkDataMount}/lake` : data.lakeUri;
    this.checkpointPath =
      data.kind === "volume" ? `file://${sparkDataMount}/checkpoints` : data.checkpointUri;

    const token = new random.RandomPassword(
      `${name}-connect-token`,
      { length: 48, special: false },
      { parent: this },
    );
    this.token = token.result;
    const tokenSecret = new k8s.core.v1.Secret(
      `${name}-connect-token`,
      {
        metadata: { name: names.token, namespace: ns, labels: componentLabels(components.sparkConnect) },
        type: "Opaque",
        stringData: { token: token.result },
      },
      { parent: this },
    );
    this.tokenSecretName = tokenSecret.metadata.name;

    const config = this.configMap(name, args.settings);
    const dataClaim = data.kind === "volume" ? this.dataClaim(name, data) : undefined;
    const common = { config, dataClaim, authSecret: this.authSecret(name), args };

    this.master(name, common);
    this.workers(name, common);
    this.driver(name, common);

    this.registerOutputs({
      masterUrl: this.masterUrl,
      connectUrl: this.connectUrl,
      uiUrl: this.uiUrl,
    });
  }

  private metadata(name: string, component: Component) {
    return { name, namespace: this.namespace, labels: componentLabels(component) };
  }

  private authSecret(name: string): k8s.core.v1.Secret {
    const secret = new random.RandomPassword(
      `${name}-auth-secret`,
      { length: 64, special: false },
      { parent: this },
    ).result;
    return new k8s.core.v1.Secret(
      `${name}-auth-secret`,
      {
        metadata: {
          name: names.auth,
          namespace: this.namespace,
          labels: { "app.kubernetes.io/part-of": partOf },
        },
        type: "Opaque",
        stringData: {
          [authSecret.key]: secret,
          [authSecret.propertiesKey]: pulumi.interpolate`spark.authenticate.secret ${secret}\n`,
        },
      },
      { parent: this },
    );
  }

  private configMap(name: string, settings: PipelineConfig["spark"]): k8s.core.v1.ConfigMap {
    const defaults: Record<string, string | number | boolean> = {
      // Every RPC between master, workers, driver and executors proves the shared secret and is
      // encrypted (AES, keys agreed per connection); the secret itself is not in this file.
      "spark.authenticate": true,
      "spark.network.crypto.enabled": true,
      // A restarted master reads back its workers and applications instead of forgetting them.
      "spark.deploy.recoveryMode": "FILESYSTEM",
      "spark.deploy.recoveryDirectory": masterRecoveryMount,
      // Executor stdout/stderr roll over, so a long-running executor cannot fill its scratch volume.
      "spark.executor.logs.rolling.strategy": "size",
      "spark.executor.logs.rolling.maxSize": 16 * 1024 * 1024,
      "spark.executor.logs.rolling.maxRetainedFiles": 4,
      "spark.executor.logs.rolling.enableCompression": true,
      "spark.ui.prometheus.enabled": true,
      "spark.metrics.appStatusSource.enabled": true,
      "spark.sql.streaming.metricsEnabled": true,
      "spark.blockManager.port": ports.sparkBlockManager,
      "spark.port.maxRetries": ports.sparkBlockManagerLast - ports.sparkBlockManager,
      // One executor per worker, with every slot the worker offers.
      "spark.executor.cores": settings.workerTaskSlots,
      "spark.executor.memory": sparkHeapFor(settings.workerMemory, workerDaemonMi),
      "spark.sql.session.timeZone": "UTC",
      // The queries share the slots FAIR, as on the local server; the file sits beside this one.
      ...sparkSchedulerConf(`file://${sparkHome}/conf/${fairSchedulerAllocationFileName}`),
      // The driver and the executors run the generated code: the same JVM options as the local server.
      ...sparkJvmConf(),
      "spark.sql.streaming.checkpointLocation": this.checkpointPath,
      "spark.sql.warehouse.dir": "/tmp/spark-warehouse",
      "spark.worker.cleanup.enabled": true,
      ...(settings.data.kind === "objectStore" && settings.data.s3 ? s3Conf(settings.data.s3) : {}),
    };
    const metrics: Record<string, string> = {
      "*.sink.prometheusServlet.class": "org.apache.spark.metrics.sink.PrometheusServlet",
      "*.sink.prometheusServlet.path": httpPaths.sparkMetrics,
      "master.sink.prometheusServlet.path": httpPaths.sparkMasterMetrics,
      "applications.sink.prometheusServlet.path": httpPaths.sparkApplicationsMetrics,
    };
    const lines = (entries: Record<string, unknown>, separator: string) =>
      `${Object.entries(entries)
        .map(([key, value]) => `${key}${separator}${value}`)
        .join("\n")}\n`;
    const data = {
      "spark-defaults.conf": lines(defaults, " "),
      "metrics.properties": lines(metrics, "="),
      [fairSchedulerAllocationFileName]: fairSchedulerAllocationXml,
    };
    return new k8s.core.v1.ConfigMap(
      `${name}-config`,
      {
        metadata: {
          name: nameByContents(names.config, data),
          namespace: this.namespace,
          labels: { "app.kubernetes.io/part-of": partOf },
        },
        data,
      },
      { parent: this },
    );
  }

  private dataClaim(
    name: string,
    data: Extract<PipelineConfig["spark"]["data"], { kind: "volume" }>,
  ): k8s.core.v1.PersistentVolumeClaim {
    return new k8s.core.v1.PersistentVolumeClaim(
      `${name}-data`,
      {
        metadata: {
          name: names.data,
          namespace: this.namespace,
          labels: { "app.kubernetes.io/part-of": partOf },
        },
        spec: {
          accessModes: [data.accessMode],
          resources: { requests: { storage: data.size } },
          ...(data.storageClass !== "" && { storageClassName: data.storageClass }),
        },
      },
      // The lake and the checkpoints outlive the stack: `pulumi destroy` leaves the claim, and
      // ClusterBase leaves the namespace around it (deleting a namespace deletes its claims).
      { parent: this, retainOnDelete: true },
    );
  }

  private volumes(common: SparkParts, withData: boolean) {
    const volumes: k8s.types.input.core.v1.Volume[] = [
      { name: "conf", configMap: { name: common.config.metadata.name } },
      scratchVolume("tmp", "1Gi"),
    ];
    const mounts: k8s.types.input.core.v1.VolumeMount[] = [
      { name: "conf", mountPath: `${sparkHome}/conf`, readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
    ];
    if (withData && common.dataClaim) {
      volumes.push({ name: "data", persistentVolumeClaim: { claimName: common.dataClaim.metadata.name } });
      mounts.push({ name: "data", mountPath: sparkDataMount });
    }
    // Those with data (the driver, the workers' executors) are the ones that read and write Kafka.
    const kafkaCaVolume = common.args.kafkaCaVolume;
    if (withData && kafkaCaVolume) {
      volumes.push(kafkaCaVolume);
      mounts.push({ name: kafkaCaVolume.name, mountPath: kafkaCa.mountPath, readOnly: true });
    }
    return { volumes, mounts };
  }

  private headlessService(
    name: string,
    serviceName: string,
    component: Component,
    servicePorts: k8s.types.input.core.v1.ServicePort[],
  ) {
    return new k8s.core.v1.Service(
      `${name}-${serviceName}`,
      {
        metadata: this.metadata(serviceName, component),
        spec: {
          clusterIP: "None",
          // Peers resolve each other while starting, before readiness.
          publishNotReadyAddresses: true,
          selector: componentLabels(component),
          ports: servicePorts,
        },
      },
      { parent: this },
    );
  }

  private clientService(
    name: string,
    serviceName: string,
    component: Component,
    servicePorts: k8s.types.input.core.v1.ServicePort[],
  ) {
    return new k8s.core.v1.Service(
      `${name}-${serviceName}`,
      {
        metadata: this.metadata(serviceName, component),
        spec: { type: "ClusterIP", selector: componentLabels(component), ports: servicePorts },
      },
      { parent: this },
    );
  }

  private statefulSet(
    name: string,
    component: Component,
    serviceName: string,
    replicas: number,
    container: Container,
    volumes: k8s.types.input.core.v1.Volume[],
    args: SparkArgs,
    extra: { annotations?: Record<string, string>; options?: pulumi.CustomResourceOptions } = {},
  ): k8s.apps.v1.StatefulSet {
    return new k8s.apps.v1.StatefulSet(
      `${name}-${component}`,
      {
        metadata: {
          ...this.metadata(component, component),
          ...(extra.annotations && { annotations: extra.annotations }),
        },
        spec: {
          serviceName,
          replicas,
          podManagementPolicy: "Parallel",
          selector: { matchLabels: componentLabels(component) },
          template: {
            metadata: { labels: componentLabels(component) },
            spec: hardenedPodSpec({
              uid: sparkUid,
              serviceAccountName: args.serviceAccounts[component],
              containers: [container],
              volumes,
              imagePullSecrets: args.imagePullSecrets,
            }),
          },
        },
      },
      { ...extra.options, parent: this },
    );
  }

  private sparkContainer(
    name: string,
    image: pulumi.Input<string>,
    command: pulumi.Input<string>[],
    extra: Partial<Container>,
    env: k8s.types.input.core.v1.EnvVar[],
  ): Container {
    return {
      name,
      image,
      command,
      env: [
        { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "SPARK_LOCAL_DIRS", value: "/tmp/spark-local" },
        ...env,
      ],
      securityContext: hardenedContainerSecurity(sparkUid),
      ...extra,
    };
  }

  private master(name: string, common: SparkParts) {
    const { args } = common;
    const component = components.sparkMaster;
    const servicePorts = [tcp("spark", ports.sparkMaster), tcp("http", ports.sparkMasterUi)];
    this.headlessService(name, names.masterHeadless, component, servicePorts);
    this.clientService(name, names.master, component, servicePorts);
    const { volumes, mounts } = this.volumes(common, false);
    const recovery = this.masterRecoveryClaim(name, args.settings.data);
    volumes.push({ name: "recovery", persistentVolumeClaim: { claimName: recovery.metadata.name } });
    mounts.push({ name: "recovery", mountPath: masterRecoveryMount });
    const host = pulumi.interpolate`$(POD_NAME).${names.masterHeadless}.${this.namespace}.svc.cluster.local`;
    const container = this.sparkContainer(
      "master",
      args.image,
      [
        `${sparkHome}/bin/spark-class`,
        "org.apache.spark.deploy.master.Master",
        "--host",
        host,
        "--port",
        String(ports.sparkMaster),
        "--webui-port",
        String(ports.sparkMasterUi),
      ],
      {
        ports: [
          { name: "spark", containerPort: ports.sparkMaster, protocol: "TCP" },
          { name: "http", containerPort: ports.sparkMasterUi, protocol: "TCP" },
        ],
        resources: resources("250m", "1Gi", "1"),
        readinessProbe: tcpProbe(ports.sparkMaster, 10),
        livenessProbe: httpProbe(ports.sparkMasterUi, "/", 30),
        volumeMounts: mounts,
      },
      [{ name: "SPARK_DAEMON_MEMORY", value: `${masterDaemonMi}m` }, authSecretEnv(common.authSecret)],
    );
    this.statefulSet(name, component, names.masterHeadless, 1, container, volumes, args);
    // The driver's executors live only as long as the master that granted them: evict it on purpose.
    this.disruptionBudget(name, component, { minAvailable: 1 });
  }

  private masterRecoveryClaim(name: string, data: PipelineConfig["spark"]["data"]) {
    const storageClass = data.kind === "volume" ? data.storageClass : "";
    return new k8s.core.v1.PersistentVolumeClaim(
      `${name}-master-recovery`,
      {
        metadata: this.metadata(names.masterRecovery, components.sparkMaster),
        spec: {
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: masterRecoverySize } },
          ...(storageClass !== "" && { storageClassName: storageClass }),
        },
      },
      { parent: this },
    );
  }

  private workers(name: string, common: SparkParts) {
    const { args } = common;
    const { settings } = args;
    const component = components.sparkWorker;
    this.headlessService(name, names.workerHeadless, component, [
      tcp("rpc", ports.sparkRpc),
      tcp("http", ports.sparkWorkerUi),
    ]);
    const { volumes, mounts } = this.volumes(common, true);
    volumes.push(scratchVolume("work", "2Gi"));
    mounts.push({ name: "work", mountPath: `${sparkHome}/work` });
    const host = pulumi.interpolate`$(POD_NAME).${names.workerHeadless}.${this.namespace}.svc.cluster.local`;
    const container = this.sparkContainer(
      "worker",
      args.image,
      [
        `${sparkHome}/bin/spark-class`,
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        host,
        "--port",
        String(ports.sparkRpc),
        "--webui-port",
        String(ports.sparkWorkerUi),
        // Task slots, not the container's CPU (see PipelineConfig's workerTaskSlots).
        "--cores",
        String(settings.workerTaskSlots),
        "--memory",
        sparkHeapFor(settings.workerMemory, workerDaemonMi),
        "--work-dir",
        `${sparkHome}/work`,
        this.masterUrl,
      ],
      {
        ports: [
          { name: "rpc", containerPort: ports.sparkRpc, protocol: "TCP" },
          { name: "http", containerPort: ports.sparkWorkerUi, protocol: "TCP" },
        ],
        resources: resources(String(settings.workerCores), settings.workerMemory),
        readinessProbe: httpProbe(ports.sparkWorkerUi, "/", 10),
        livenessProbe: httpProbe(ports.sparkWorkerUi, "/", 30),
        volumeMounts: mounts,
      },
      [
        { name: "SPARK_DAEMON_MEMORY", value: `${workerDaemonMi}m` },
        authSecretEnv(common.authSecret),
        ...this.s3CredentialsEnv,
      ],
    );
    const autoscaled = settings.workersMax > 0;
    // The workers always declare `replicas`: removing it from an applied object resets it to 1,
    // which deleted running workers when a stack switched to the autoscaler. With the
    // autoscaler, changes to it are ignored: the program keeps the live count until the
    // autoscaler writes it, and from then on leaves the field to it. Forcing the apply takes
    // the field back when a stack switches to a fixed count (else the autoscaler's ownership
    // is a conflict).
    const workers = this.statefulSet(
      name,
      component,
      names.workerHeadless,
      settings.workers,
      container,
      volumes,
      args,
      {
        annotations: { "pulumi.com/patchForce": "true" },
        options: autoscaled ? { ignoreChanges: ["spec.replicas"] } : {},
      },
    );
    if (autoscaled) {
      new k8s.autoscaling.v2.HorizontalPodAutoscaler(
        `${name}-worker-autoscaler`,
        {
          metadata: this.metadata(names.worker, component),
          spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: workers.metadata.name },
            minReplicas: settings.workers,
            maxReplicas: settings.workersMax,
            metrics: [
              {
                type: "Resource",
                resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 75 } },
              },
            ],
          },
        },
        { parent: this },
      );
    }
    this.disruptionBudget(name, component, { maxUnavailable: 1 });
  }

  private driver(name: string, common: SparkParts) {
    const { args } = common;
    const { settings } = args;
    const component = components.sparkConnect;
    this.headlessService(name, names.connectHeadless, component, [
      tcp("driver-rpc", ports.sparkRpc),
      tcp("block-manager", ports.sparkBlockManager),
      tcp("http", ports.sparkDriverUi),
    ]);
    this.clientService(name, names.connect, component, [
      tcp("grpc", ports.sparkConnect),
      tcp("http", ports.sparkDriverUi),
    ]);
    const { volumes, mounts } = this.volumes(common, true);
    volumes.push({
      name: "auth",
      secret: {
        secretName: common.authSecret.metadata.name,
        items: [{ key: authSecret.propertiesKey, path: authSecret.propertiesKey }],
      },
    });
    mounts.push({ name: "auth", mountPath: authSecret.mountPath, readOnly: true });
    const driverHost = pulumi.interpolate`${component}-0.${names.connectHeadless}.${this.namespace}.svc.cluster.local`;
    const conf = (key: string, value: pulumi.Input<string>) => [
      "--conf",
      pulumi.interpolate`${key}=${value}`,
    ];
    const container = this.sparkContainer(
      "spark-connect",
      args.image,
      [
        `${sparkHome}/bin/spark-submit`,
        "--class",
        "org.apache.spark.sql.connect.service.SparkConnectServer",
        "--name",
        "spark-connect",
        "--master",
        this.masterUrl,
        // After spark-defaults.conf: only spark.authenticate.secret, read from the mounted Secret.
        "--extra-properties-file",
        `${authSecret.mountPath}/${authSecret.propertiesKey}`,
        ...conf("spark.driver.host", driverHost),
        ...conf("spark.driver.bindAddress", "0.0.0.0"),
        ...conf("spark.driver.port", String(ports.sparkRpc)),
        ...conf("spark.driver.memory", sparkHeapFor(settings.driverMemory)),
        ...conf("spark.driver.cores", String(settings.driverCores)),
        ...conf("spark.ui.port", String(ports.sparkDriverUi)),
        ...conf("spark.connect.grpc.binding.port", String(ports.sparkConnect)),
      ],
      {
        ports: [
          { name: "grpc", containerPort: ports.sparkConnect, protocol: "TCP" },
          { name: "driver-rpc", containerPort: ports.sparkRpc, protocol: "TCP" },
          { name: "block-manager", containerPort: ports.sparkBlockManager, protocol: "TCP" },
          { name: "http", containerPort: ports.sparkDriverUi, protocol: "TCP" },
        ],
        resources: resources(String(settings.driverCores), settings.driverMemory),
        readinessProbe: tcpProbe(ports.sparkConnect, 20),
        livenessProbe: httpProbe(ports.sparkDriverUi, "/", 60),
        volumeMounts: mounts,
      },
      [
        {
          name: "SPARK_CONNECT_AUTHENTICATE_TOKEN",
          valueFrom: { secretKeyRef: { name: this.tokenSecretName, key: "token" } },
        },
        ...this.s3CredentialsEnv,
      ],
    );
    this.statefulSet(name, component, names.connectHeadless, 1, container, volumes, args);
    // Restarting the driver restarts every streaming query: evict it only on purpose.
    this.disruptionBudget(name, component, { minAvailable: 1 });
  }

  private disruptionBudget(
    name: string,
    component: Component,
    budget: { maxUnavailable?: number; minAvailable?: number },
  ) {
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-${component}-pdb`,
      {
        metadata: this.metadata(component, component),
        spec: { ...budget, selector: { matchLabels: componentLabels(component) } },
      },
      { parent: this },
    );
  }
}

function authSecretEnv(secret: k8s.core.v1.Secret): k8s.types.input.core.v1.EnvVar {
  return {
    name: authSecret.envVar,
    valueFrom: { secretKeyRef: { name: secret.metadata.name, key: authSecret.key } },
  };
}
