import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Maven Central, or the mirror a user names in MAVEN_CENTRAL_URL. */
export const mavenCentralUrl = (
  process.env.MAVEN_CENTRAL_URL ?? "https://repo.maven.apache.org/maven2"
).replace(/\/$/, "");

/** The local Maven repository, shared with `mvn` so nothing is downloaded twice. */
export const mavenLocalRepository =
  process.env.MAVEN_LOCAL_REPOSITORY ?? join(homedir(), ".m2", "repository");

export interface ArtifactCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
  classifier?: string;
  extension?: string;
}

export function artifactPath({
  groupId,
  artifactId,
  version,
  classifier,
  extension = "jar",
}: ArtifactCoordinates) {
  const file = `${artifactId}-${version}${classifier ? `-${classifier}` : ""}.${extension}`;
  return [...groupId.split("."), artifactId, version, file].join("/");
}

/**
 * Returns the artifact's path in the local Maven repository, downloading it from Maven Central
 * first (checked against Central's SHA-1) when it is not there yet.
 */
export async function fetchMavenArtifact(
  coordinates: ArtifactCoordinates,
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void,
): Promise<string> {
  const relative = artifactPath(coordinates);
  const target = join(mavenLocalRepository, relative);
  if (existsSync(target)) return target;

  const url = `${mavenCentralUrl}/${relative}`;
  const [response, sha1Response] = await Promise.all([fetch(url), fetch(`${url}.sha1`)]);
  if (!response.ok || !response.body) {
    throw new Error(`Maven Central returned HTTP ${response.status} for ${url}`);
  }
  const expectedSha1 = sha1Response.ok ? (await sha1Response.text()).trim().split(/\s+/)[0] : undefined;
  const total = Number(response.headers.get("content-length")) || undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    received += chunk.byteLength;
    onProgress?.(received, total);
  }
  const bytes = Buffer.concat(chunks);
  const actualSha1 = createHash("sha1").update(bytes).digest("hex");
  if (expectedSha1 && expectedSha1 !== actualSha1) {
    throw new Error(`checksum mismatch for ${url}: expected SHA-1 ${expectedSha1}, got ${actualSha1}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename, so a concurrent reader never sees half a jar.
  const partial = `${target}.${process.pid}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, target);
  return target;
}
