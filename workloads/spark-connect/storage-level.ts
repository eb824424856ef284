import type { MessageInitShape } from "@bufbuild/protobuf";
import type { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import type { StorageLevelSchema } from "./gen/spark/connect/common_pb.ts";

/** How a cached DataFrame is kept, as PySpark's `StorageLevel`. */
export interface StorageLevel {
  useDisk: boolean;
  useMemory: boolean;
  useOffHeap: boolean;
  deserialized: boolean;
  replication: number;
}

const level = (
  useDisk: boolean,
  useMemory: boolean,
  useOffHeap: boolean,
  deserialized: boolean,
  replication = 1,
) => Object.freeze({ useDisk, useMemory, useOffHeap, deserialized, replication });

/** PySpark's predefined storage levels. */
export const StorageLevel = {
  NONE: level(false, false, false, false),
  DISK_ONLY: level(true, false, false, false),
  DISK_ONLY_2: level(true, false, false, false, 2),
  DISK_ONLY_3: level(true, false, false, false, 3),
  MEMORY_ONLY: level(false, true, false, false),
  MEMORY_ONLY_2: level(false, true, false, false, 2),
  MEMORY_AND_DISK: level(true, true, false, false),
  MEMORY_AND_DISK_2: level(true, true, false, false, 2),
  OFF_HEAP: level(true, true, true, false),
  MEMORY_AND_DISK_DESER: level(true, true, false, true),
} as const;

/** Whether two storage levels are the same, field by field (as PySpark compares them). */
export function sameStorageLevel(a: StorageLevel, b: StorageLevel): boolean {
  return (
    a.useDisk === b.useDisk &&
    a.useMemory === b.useMemory &&
    a.useOffHeap === b.useOffHeap &&
    a.deserialized === b.deserialized &&
    a.replication === b.replication
  );
}

export type StorageLevelInit = MessageInitShape<typeof StorageLevelSchema>;

/** Marks the plan to be cached by the server at `storageLevel` (a server call; caching happens on the next action). */
export async function persist(df: DataFrame, storageLevel: StorageLevel): Promise<void> {
  await df.session.client.analyze({
    case: "persist",
    value: { relation: df.relation, storageLevel: storageLevel as StorageLevelInit },
  });
}

export async function unpersist(df: DataFrame, blocking: boolean): Promise<void> {
  await df.session.client.analyze({ case: "unpersist", value: { relation: df.relation, blocking } });
}

export async function storageLevelOf(df: DataFrame): Promise<StorageLevel> {
  const { storageLevel } = await df.session.client.analyze({
    case: "getStorageLevel",
    value: { relation: df.relation },
  });
  if (!storageLevel) throw new SparkConnectClientError("The server sent an empty storage level");
  const { useDisk, useMemory, useOffHeap, deserialized, replication } = storageLevel;
  return { useDisk, useMemory, useOffHeap, deserialized, replication };
}
