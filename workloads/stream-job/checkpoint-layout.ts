import { AnalysisException, expr, type SparkSession } from "../spark-connect/index.ts";
import type { StreamJobConfig } from "./config.ts";
import type { QueryDefinition } from "./queries/index.ts";

/**
 * The checkpoint layout this job writes: bump it whenever a query's plan changes in a way its
 * old checkpoint cannot resume (state schema, operators, partitions). Layout 1, unmarked, had
 * four queries each reading the topic (lake, dead-letters, window-metrics, alerts).
 */
export const checkpointLayoutVersion = 2;

/** What the marker beside the checkpoints records. */
export interface CheckpointLayout {
  version: number;
  queries: string[];
}

export class CheckpointLayoutError extends Error {
  override readonly name = "CheckpointLayoutError";
}

/** The marker is read and written through Spark, so it lives wherever the checkpoints do (file://, s3a://…). */
function markerPath(config: StreamJobConfig): string {
  return `${config.checkpointPath.replace(/\/+$/, "")}/_layout`;
}

const isMissingPath = (error: unknown) =>
  error instanceof AnalysisException && error.errorClass === "PATH_NOT_FOUND";

async function readLayout(
  session: SparkSession,
  config: StreamJobConfig,
): Promise<CheckpointLayout | undefined> {
  try {
    const [row] = await session.read
      .schema("version INT, queries ARRAY<STRING>")
      .json(markerPath(config))
      .collect({ int64: "number" });
    return row ? { version: Number(row.version), queries: [...(row.queries as string[])] } : undefined;
  } catch (error) {
    if (isMissingPath(error)) return undefined;
    throw error;
  }
}

/** The query checkpoint folders under the root: each holds a `metadata` file with the query's id. */
async function checkpointFolders(session: SparkSession, config: StreamJobConfig): Promise<string[]> {
  try {
    const rows = await session.read
      .text(`${config.checkpointPath.replace(/\/+$/, "")}/*/metadata`)
      .select(expr("_metadata.file_path").alias("path"))
      .collect();
    return rows.map((row) => String(row.path).split("/").at(-2) as string).sort();
  } catch (error) {
    if (isMissingPath(error)) return [];
    throw error;
  }
}

/**
 * Makes sure the checkpoints under `checkpointPath` were written by this layout and these
 * queries, writing the marker on a first run. Checkpoints of another layout (or another
 * topology) would be resumed silently with the wrong plan or left unused, so the job refuses
 * them and says what to do.
 */
export async function verifyCheckpointLayout(
  session: SparkSession,
  config: StreamJobConfig,
  queries: readonly QueryDefinition[],
): Promise<void> {
  const expected: CheckpointLayout = {
    version: checkpointLayoutVersion,
    queries: queries.map((query) => query.name).sort(),
  };
  const found = await readLayout(session, config);
  const folders = await checkpointFolders(session, config);
  if (found && found.version === expected.version && sameNames(found.queries, expected.queries)) return;
  if (found || folders.length > 0) {
    const was = found
      ? `layout ${found.version} with queries ${found.queries.join(", ")}`
      : `an earlier, unmarked layout (query checkpoints: ${folders.join(", ")})`;
    throw new CheckpointLayoutError(
      [
        `the checkpoints under ${config.checkpointPath} (CHECKPOINT_PATH) were written by ${was};`,
        `this job runs layout ${expected.version} with queries ${expected.queries.join(", ")} (STREAM_JOB_TOPOLOGY=${config.topology}).`,
        "Resuming them would run the wrong plans. Either point CHECKPOINT_PATH at a new folder or delete the old one;",
        `the queries then start from STREAM_JOB_STARTING_OFFSETS (${config.startingOffsets}) and rewrite their sinks' keyed records.`,
      ].join("\n"),
    );
  }
  await session
    .createDataFrame([[expected.version, expected.queries]], "version INT, queries ARRAY<STRING>")
    .coalesce(1)
    .write.mode("overwrite")
    .json(markerPath(config));
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);
}
