import { readFileSync } from "node:fs";
import { basename, isAbsolute } from "node:path";
import { crc32 } from "node:zlib";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { SparkConnectClient } from "./client.ts";
import { SparkConnectClientError } from "./errors.ts";
import type { AddArtifactsRequestSchema } from "./gen/spark/connect/base_pb.ts";

type Payload = MessageInitShape<typeof AddArtifactsRequestSchema>["payload"];

/** PySpark's chunk size: artifacts above it go in several messages. */
const chunkBytes = 32 * 1024;

export type ArtifactKind = "jar" | "file" | "archive" | "pyfile";

/** Where the server keeps an artifact of each kind (the name's prefix), as PySpark names them. */
const prefixes: Record<ArtifactKind, string> = {
  jar: "jars/",
  file: "files/",
  archive: "archives/",
  pyfile: "pyfiles/",
};

const chunkOf = (data: Uint8Array) => ({ data, crc: BigInt(crc32(data)) });

function payloadsOf(name: string, data: Uint8Array): Payload[] {
  if (data.length <= chunkBytes)
    return [{ case: "batch", value: { artifacts: [{ name, data: chunkOf(data) }] } }];
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += chunkBytes) chunks.push(data.subarray(at, at + chunkBytes));
  const [first, ...rest] = chunks as [Uint8Array, ...Uint8Array[]];
  return [
    {
      case: "beginChunk",
      value: {
        name,
        totalBytes: BigInt(data.length),
        numChunks: BigInt(chunks.length),
        initialChunk: chunkOf(first),
      },
    },
    ...rest.map((chunk): Payload => ({ case: "chunk", value: chunkOf(chunk) })),
  ];
}

/** The name prefix that asks the server to copy an artifact to its file system, at the path that follows. */
const forwardToFsPrefix = "forward_to_fs";

function readLocal(what: string, path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SparkConnectClientError(`${what}: cannot read "${path}": ${(error as Error).message}`);
  }
}

async function upload(
  client: SparkConnectClient,
  what: string,
  name: string,
  data: Uint8Array,
): Promise<void> {
  const response = await client.addArtifacts(payloadsOf(name, data));
  const failed = response.artifacts.filter((a) => !a.isCrcSuccessful).map((a) => a.name);
  if (failed.length > 0)
    throw new SparkConnectClientError(`${what}: the server got corrupted data for ${failed.join(", ")}`);
}

/**
 * Copies a local file to `destPath` on the server's default file system (HDFS, S3…), as PySpark's
 * `copyFromLocalToFs`: `destPath` is an absolute path without a scheme. The server refuses it
 * unless allowed (`spark.connect.copyFromLocalToFs.allowDestLocal` for a local destination).
 */
export async function copyFromLocalToFs(
  client: SparkConnectClient,
  localPath: string,
  destPath: string,
): Promise<void> {
  const what = "copyFromLocalToFs";
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(destPath))
    throw new SparkConnectClientError(
      `${what}: destPath "${destPath}" must have no scheme: it is a path on the server's default file system`,
    );
  if (!isAbsolute(destPath))
    throw new SparkConnectClientError(`${what}: destPath "${destPath}" must be an absolute path`);
  await upload(client, what, `${forwardToFsPrefix}${destPath}`, readLocal(what, localPath));
}

/**
 * Uploads local files to the session as PySpark's `addArtifacts` does: jars (by their `.jar`
 * name, or `kind: "jar"`) for the server's class path, other files under `files/` (or `archives/`
 * for `kind: "archive"`). Fails when the server reports a CRC mismatch.
 */
export async function addArtifacts(
  client: SparkConnectClient,
  paths: string[],
  kind?: ArtifactKind,
): Promise<void> {
  if (paths.length === 0) throw new SparkConnectClientError("addArtifacts needs at least one path");
  for (const path of paths) {
    const artifactKind = kind ?? (path.endsWith(".jar") ? "jar" : "file");
    const name = `${prefixes[artifactKind]}${basename(path)}`;
    await upload(client, "addArtifacts", name, readLocal("addArtifacts", path));
  }
}
