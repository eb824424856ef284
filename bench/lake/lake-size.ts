import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/** The Parquet data files under a lake folder (not its `_spark_metadata` log): how many, how big. */
export interface LakeSize {
  files: number;
  bytes: number;
}

/** A lake in a local folder. */
export function folderLakeSize(root: string): LakeSize {
  const size: LakeSize = { files: 0, bytes: 0 };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".parquet")) {
        size.files += 1;
        size.bytes += statSync(path).size;
      }
    }
  };
  walk(root);
  return size;
}

/** A lake under `s3a://bucket/prefix`, listed page by page. */
export async function objectStoreLakeSize(client: S3Client, uri: string): Promise<LakeSize> {
  const { host: bucket, pathname } = new URL(uri);
  const size: LakeSize = { files: 0, bytes: 0 };
  let continuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: `${pathname.slice(1)}/`,
        ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      if (!object.Key?.endsWith(".parquet")) continue;
      size.files += 1;
      size.bytes += object.Size ?? 0;
    }
    continuationToken = page.NextContinuationToken;
  } while (continuationToken);
  return size;
}
