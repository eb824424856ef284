import { inject } from "vitest";
import "../integration/provided-context.ts";

/** The stream job's exactness tests run once per place the lake can live. */
export const lakeVariants = ["file", "s3"] as const;
export type LakeVariant = (typeof lakeVariants)[number];

/**
 * Where a test's lake and checkpoints go: a folder of its run directory, or a prefix of the run's
 * object store (`s3a://…`; joined by hand, since path.join would fold its `//`).
 */
export function dataRoot(lake: LakeVariant, runDir: string, objectStoreRoot = inject("objectStoreLake")) {
  const root = lake === "s3" ? `${objectStoreRoot}/${runDir.split("/").at(-1)}` : runDir;
  return { lake: `${root}/lake`, checkpoints: `${root}/checkpoints`, events: `${root}/lake/events` };
}
