import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as dockerBuild from "@pulumi/docker-build";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { JvmVersions } from "../workloads/pinned-jars/manifest.ts";
import type { PipelineConfig } from "./config.ts";

/** What goes into each image: its Dockerfile and the project paths its build copies. */
export const imageSources = {
  producer: {
    repository: "node-workloads",
    dockerfile: "images/producer/Dockerfile",
    inputs: ["images/producer", "package.json", "package-lock.json", "workloads", "tsconfig.json"],
  },
  sparkDriver: {
    repository: "spark",
    dockerfile: "images/spark-driver/Dockerfile",
    inputs: ["images/spark-driver", "workloads/pinned-jars"],
  },
} as const;

/**
 * The digest of the official `apache/spark:<version>` image (its multi-platform index) for each
 * Spark version the manifest may pin: the Spark image builds on the tag and this digest, since a
 * tag can be moved to other contents. When the manifest's Spark version changes, add its digest
 * from `docker buildx imagetools inspect apache/spark:<version>`.
 */
export const officialSparkImageDigests: Readonly<Record<string, string>> = {
  "4.2.0": "sha256:fc64959c04bd87b0ac686be9aaa9008b69cdb1afc695400528279c8b01f43d89",
};

/** The Spark image's build arguments: the manifest's versions and the base image's digest. */
export function sparkImageBuildArgs(versions: JvmVersions): Record<string, string> {
  const digest = officialSparkImageDigests[versions.spark];
  if (!digest)
    throw new Error(
      `infra/images.ts has no digest of apache/spark:${versions.spark} (the manifest's spark.version): add it to officialSparkImageDigests, from \`docker buildx imagetools inspect apache/spark:${versions.spark}\``,
    );
  return {
    SPARK_VERSION: versions.spark,
    SPARK_IMAGE_DIGEST: digest,
    SCALA_BINARY_VERSION: versions.scalaBinary,
  };
}

const ignoredDirectories = new Set(["node_modules", "gen", ".runtime", ".git"]);

function filesUnder(root: string, path: string): string[] {
  const absolute = join(root, path);
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => !(entry.isDirectory() && ignoredDirectories.has(entry.name)))
    .flatMap((entry) => filesUnder(root, relative(root, join(absolute, entry.name))));
}

/** A tag that changes exactly when what goes into the image changes. */
export function contentTag(root: string, inputs: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((path) => filesUnder(root, path)).sort()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(root, file)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export interface ImagesArgs {
  settings: PipelineConfig["images"];
  /** The project root: the build context of both images. */
  projectRoot: string;
  jvmVersions: JvmVersions;
  namespace: pulumi.Input<string>;
  registryPassword: pulumi.Output<string>;
}

/**
 * The two images the cluster runs: the Node workloads (producer and stream job) and the Spark
 * image (the official apache/spark release the project pins, plus the Kafka connector jars
 * resolved from the same Maven manifest as the local runtime). Built and pushed with
 * docker-build, never during `pulumi preview`; or taken prebuilt from config.
 */
export class Images extends pulumi.ComponentResource {
  readonly producerImage: pulumi.Output<string>;
  readonly sparkImage: pulumi.Output<string>;
  /** Names of the Secrets pods pull with; empty for public or pre-authorised registries. */
  readonly imagePullSecrets: pulumi.Output<string>[];

  constructor(name: string, args: ImagesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("log-pipeline:infra:Images", name, {}, opts);
    const { settings } = args;
    const credentials =
      settings.registryUsername !== ""
        ? {
            address: settings.registry.split("/")[0] ?? settings.registry,
            username: settings.registryUsername,
            password: args.registryPassword,
          }
        : undefined;

    if (settings.build) {
      const build = (key: keyof typeof imageSources, buildArgs: Record<string, string>) => {
        const source = imageSources[key];
        const repository = `${settings.registry}/${source.repository}`;
        const image = new dockerBuild.Image(
          `${name}-${key}`,
          {
            context: { location: args.projectRoot },
            dockerfile: { location: join(args.projectRoot, source.dockerfile) },
            tags: [`${repository}:${contentTag(args.projectRoot, source.inputs)}`],
            buildArgs,
            buildOnPreview: false,
            push: settings.push,
            ...(credentials && { registries: [credentials] }),
            ...(settings.push && {
              cacheFrom: [{ registry: { ref: `${repository}:buildcache` } }],
              cacheTo: [{ registry: { ref: `${repository}:buildcache`, mode: dockerBuild.CacheMode.Max } }],
            }),
          },
          { parent: this },
        );
        return image.ref;
      };
      this.producerImage = build("producer", {});
      this.sparkImage = build("sparkDriver", sparkImageBuildArgs(args.jvmVersions));
    } else {
      this.producerImage = pulumi.output(settings.producerImage);
      this.sparkImage = pulumi.output(settings.sparkImage);
    }

    this.imagePullSecrets = [];
    if (credentials) {
      const dockerConfig = pulumi
        .all([credentials.address, credentials.username, credentials.password])
        .apply(([address, username, password]) =>
          JSON.stringify({
            auths: {
              [address]: { auth: Buffer.from(`${username}:${password}`).toString("base64") },
            },
          }),
        );
      const pullSecret = new k8s.core.v1.Secret(
        `${name}-pull-secret`,
        {
          metadata: { name: "registry-credentials", namespace: args.namespace },
          type: "kubernetes.io/dockerconfigjson",
          stringData: { ".dockerconfigjson": pulumi.secret(dockerConfig) },
        },
        { parent: this },
      );
      this.imagePullSecrets.push(pullSecret.metadata.name);
    }

    this.registerOutputs({ producerImage: this.producerImage, sparkImage: this.sparkImage });
  }
}
