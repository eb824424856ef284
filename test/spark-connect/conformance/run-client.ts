import {
  type Row,
  SparkException,
  type SparkSession,
  type StructType,
} from "../../../workloads/spark-connect/index.ts";
import { fixtures } from "./fixtures.ts";
import type { Program } from "./program.ts";

export type ClientResult =
  | { schema: StructType; rows: Row[] }
  | { error: { class: string | null; type: string; message: string } };

/** Runs every program with this client, one after another in one session, and returns the results by name. */
export async function runWithClient(
  spark: SparkSession,
  programs: Program[],
): Promise<Record<string, ClientResult>> {
  for (const statement of fixtures) await spark.sql(statement);
  const results: Record<string, ClientResult> = {};
  for (const program of programs) {
    try {
      const df = await program.ts(spark);
      const schema = await df.schema();
      results[program.name] = { schema, rows: await df.collect() };
    } catch (error) {
      const e = error as Error;
      results[program.name] = {
        error: {
          class: e instanceof SparkException ? (e.errorClass ?? null) : null,
          type: e.name,
          message: e.message.split("\n")[0] ?? "",
        },
      };
    }
  }
  return results;
}
