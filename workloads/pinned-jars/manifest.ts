import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding the JVM manifest (`pom.xml`) and Maven's settings for it. */
export const jvmManifestDir = dirname(fileURLToPath(import.meta.url));

export interface JvmVersions {
  kafka: string;
  spark: string;
  scalaBinary: string;
}

function property(pom: string, name: string): string {
  const match = new RegExp(`<${name.replaceAll(".", "\\.")}>([^<]+)</`).exec(pom);
  if (!match?.[1])
    throw new Error(`JVM manifest ${join(jvmManifestDir, "pom.xml")} has no <${name}> property`);
  return match[1].trim();
}

/** The pinned versions, read from the one manifest so nothing else repeats them. */
export function readJvmVersions(): JvmVersions {
  const pom = readFileSync(join(jvmManifestDir, "pom.xml"), "utf8");
  return {
    kafka: property(pom, "kafka.version"),
    spark: property(pom, "spark.version"),
    scalaBinary: property(pom, "scala.binary.version"),
  };
}
