import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { jvmManifestDir } from "./manifest.ts";
import { locateMaven, type MavenRunProgress, projectCacheDir, runMaven } from "./maven.ts";
import { mavenLocalRepository } from "./maven-artifact.ts";

/** The classpath of each JVM the local runtime starts, as jar paths. */
export interface JvmClasspaths {
  kafka: string[];
  spark: string[];
  /** The local object store (S3Proxy) for a lake on S3. */
  s3proxy: string[];
}

export type ResolveProgress = (event: { phase: "downloading" | "done"; line: string }) => void;

const manifestFiles = [
  "pom.xml",
  "settings.xml",
  join("kafka", "pom.xml"),
  join("spark", "pom.xml"),
  join("s3proxy", "pom.xml"),
];

/** A folder per version of the manifest: editing a pom resolves again, nothing else does. */
function manifestCacheDir(): string {
  const hash = createHash("sha256");
  for (const file of manifestFiles) hash.update(readFileSync(join(jvmManifestDir, file)));
  return join(projectCacheDir(), "jvm", hash.digest("hex").slice(0, 16));
}

function readResolved(dir: string): JvmClasspaths | undefined {
  const read = (module: string) => {
    const file = join(dir, `${module}.classpath`);
    if (!existsSync(file)) return undefined;
    const jars = readFileSync(file, "utf8").trim().split(":").filter(Boolean);
    return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? jars : undefined;
  };
  const kafka = read("kafka");
  const spark = read("spark");
  const s3proxy = read("s3proxy");
  return kafka && spark && s3proxy ? { kafka, spark, s3proxy } : undefined;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Resolves the pinned Kafka, Spark and S3Proxy jars from Maven Central (once: a second call finds the
 * cached classpaths and does no network work) and returns their classpaths.
 */
export async function resolveJvmClasspaths(onProgress: ResolveProgress = () => {}): Promise<JvmClasspaths> {
  const dir = manifestCacheDir();
  const cached = readResolved(dir);
  if (cached) return cached;

  const mvn = await locateMaven(projectCacheDir(), (line) => onProgress({ phase: "downloading", line }));
  onProgress({
    phase: "downloading",
    line: "resolving the JVM runtime (Kafka, Spark, S3Proxy) from Maven Central",
  });
  let last: MavenRunProgress = { downloadedArtifacts: 0, downloadedBytes: 0 };
  await runMaven(
    mvn,
    [
      "-gs",
      join(jvmManifestDir, "settings.xml"),
      "-f",
      join(jvmManifestDir, "pom.xml"),
      "dependency:build-classpath",
      `-Dclasspath.dir=${dir}`,
      // One local repository for Maven and for the jars fetched without it.
      `-Dmaven.repo.local=${mavenLocalRepository}`,
    ],
    (progress, artifact) => {
      last = progress;
      onProgress({
        phase: "downloading",
        line: `downloaded ${progress.downloadedArtifacts} files, ${formatMegabytes(progress.downloadedBytes)}: ${artifact}`,
      });
    },
  );
  const resolved = readResolved(dir);
  if (!resolved) throw new Error(`Maven finished but left no complete classpath in ${dir}`);
  onProgress({
    phase: "done",
    line: `JVM runtime ready: ${resolved.kafka.length} Kafka jars, ${resolved.spark.length} Spark jars, ${resolved.s3proxy.length} S3Proxy jars (downloaded ${last.downloadedArtifacts} files, ${formatMegabytes(last.downloadedBytes)})`,
  });
  return resolved;
}
