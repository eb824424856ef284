import {
  canonicalRowsOfClient,
  canonicalRowsOfPySpark,
  canonicalType,
  dataTypeOfSparkJson,
} from "./canonical.ts";
import type { Program } from "./program.ts";
import type { ClientResult } from "./run-client.ts";
import type { PySparkResult } from "./run-pyspark.ts";

/** What a client gave for a program, in the form compared: a schema and rows, or an error class. */
export type Outcome = { schema: string; rows: unknown[][] } | { errorClass: string | null; message: string };

function sortedUnlessOrdered(rows: unknown[][], program: Program): unknown[][] {
  if (program.ordered) return rows;
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

export function outcomeOfClient(result: ClientResult, program: Program): Outcome {
  if ("error" in result) return { errorClass: result.error.class, message: result.error.message };
  return {
    schema: canonicalType(result.schema),
    rows: sortedUnlessOrdered(canonicalRowsOfClient(result.rows, result.schema), program),
  };
}

export function outcomeOfPySpark(result: PySparkResult, program: Program): Outcome {
  if ("error" in result) return { errorClass: result.error.class, message: result.error.message };
  const schema = dataTypeOfSparkJson(result.schema);
  if (schema.kind !== "struct") throw new Error(`PySpark gave a ${schema.kind} schema for ${program.name}`);
  return {
    schema: canonicalType(schema),
    rows: sortedUnlessOrdered(canonicalRowsOfPySpark(result.rows, schema), program),
  };
}
