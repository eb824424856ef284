import type { RecordBatch, Table } from "apache-arrow";
import type { AnalyzeRequest } from "./client.ts";
import { callFunction, lit } from "./column.ts";
import type { DataFrame, ExplainMode } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import { ExecutionInfoRecorder } from "./execution-info.ts";
import { AnalyzePlanRequest_Explain_ExplainMode as ProtoExplainMode } from "./gen/spark/connect/base_pb.ts";
import { relationPlan } from "./plan.ts";
import { arrowTable, recordBatches } from "./results.ts";
import { type Row, type RowOptions, rowsOfBatch } from "./rows.ts";
import type { StorageLevel, StorageLevelInit } from "./storage-level.ts";
import { type StructType, simpleString } from "./types.ts";
import { structFromProto } from "./types-proto.ts";

export async function collect(df: DataFrame, options?: RowOptions): Promise<Row[]> {
  const table = await toArrow(df);
  return table.batches.flatMap((batch) => rowsOfBatch(batch, options));
}

export async function toArrow(df: DataFrame): Promise<Table> {
  const recorder = new ExecutionInfoRecorder();
  const table = await arrowTable(df.session.client, relationPlan(df.relation), recorder.observe);
  df.recordExecution(recorder.info());
  return table;
}

export async function* toBatches(df: DataFrame): AsyncGenerator<RecordBatch> {
  const recorder = new ExecutionInfoRecorder();
  yield* recordBatches(df.session.client, relationPlan(df.relation), recorder.observe);
  df.recordExecution(recorder.info());
}

/**
 * Checkpoints the plan on the server (`local`: in the executors' storage; otherwise in the
 * checkpoint directory, `spark.checkpoint.dir`) and returns a DataFrame that reads the saved result.
 */
export async function checkpoint(
  df: DataFrame,
  local: boolean,
  eager: boolean,
  storageLevel?: StorageLevel,
): Promise<DataFrame> {
  const result = await df.session.client.command(
    {
      case: "checkpointCommand",
      value: {
        relation: df.relation,
        local,
        eager,
        storageLevel: storageLevel as StorageLevelInit | undefined,
      },
    },
    "checkpointCommandResult",
  );
  const relationId = result.relation?.relationId;
  if (relationId === undefined) throw new SparkConnectClientError("The server sent no checkpointed relation");
  return df.derive({ case: "cachedRemoteRelation", value: { relationId } });
}

export async function* toLocalIterator(df: DataFrame, options?: RowOptions): AsyncGenerator<Row> {
  for await (const batch of toBatches(df)) yield* rowsOfBatch(batch, options);
}

export async function count(df: DataFrame): Promise<number> {
  const [row] = await collect(df.groupBy().agg(callFunction("count", lit(1)).alias("count")), {
    int64: "number",
  });
  return Number(row?.count ?? 0);
}

export function head(df: DataFrame, n: number, options?: RowOptions): Promise<Row[]> {
  return collect(df.limit(n), options);
}

export function tail(df: DataFrame, n: number, options?: RowOptions): Promise<Row[]> {
  return collect(df.derive({ case: "tail", value: { input: df.relation, limit: n } }), options);
}

export async function showString(
  df: DataFrame,
  numRows: number,
  truncate: boolean | number,
  vertical: boolean,
): Promise<string> {
  const truncateAt = truncate === true ? 20 : truncate === false ? 0 : truncate;
  const rows = await collect(
    df.derive({ case: "showString", value: { input: df.relation, numRows, truncate: truncateAt, vertical } }),
  );
  return String(rows[0]?.show_string ?? "");
}

export async function schema(df: DataFrame): Promise<StructType> {
  const { schema } = await analyzePlan(df, "schema");
  return structFromProto(schema);
}

export async function dtypes(df: DataFrame): Promise<[string, string][]> {
  const struct = await schema(df);
  return struct.fields.map((f) => [f.name, simpleString(f.dataType)]);
}

export async function treeString(df: DataFrame): Promise<string> {
  return (await analyzePlan(df, "treeString")).treeString;
}

const explainModes: Record<ExplainMode, ProtoExplainMode> = {
  simple: ProtoExplainMode.SIMPLE,
  extended: ProtoExplainMode.EXTENDED,
  codegen: ProtoExplainMode.CODEGEN,
  cost: ProtoExplainMode.COST,
  formatted: ProtoExplainMode.FORMATTED,
};

export async function explainString(df: DataFrame, mode: ExplainMode): Promise<string> {
  const explainMode = explainModes[mode];
  if (explainMode === undefined) {
    throw new SparkConnectClientError(
      `Unknown explain mode "${mode}"; use ${Object.keys(explainModes).join(", ")}`,
    );
  }
  const response = await df.session.client.analyze({
    case: "explain",
    value: { plan: relationPlan(df.relation), explainMode },
  });
  return response.explainString;
}

export async function isStreaming(df: DataFrame): Promise<boolean> {
  return (await analyzePlan(df, "isStreaming")).isStreaming;
}

export async function isLocal(df: DataFrame): Promise<boolean> {
  return (await analyzePlan(df, "isLocal")).isLocal;
}

export async function inputFiles(df: DataFrame): Promise<string[]> {
  return (await analyzePlan(df, "inputFiles")).files;
}

export async function createView(
  df: DataFrame,
  name: string,
  isGlobal: boolean,
  replace: boolean,
): Promise<void> {
  await df.session.client.command({
    case: "createDataframeView",
    value: { input: df.relation, name, isGlobal, replace },
  });
}

export async function sameSemantics(df: DataFrame, other: DataFrame): Promise<boolean> {
  const response = await df.session.client.analyze({
    case: "sameSemantics",
    value: { targetPlan: relationPlan(df.relation), otherPlan: relationPlan(other.relation) },
  });
  return response.result;
}

export async function semanticHash(df: DataFrame): Promise<number> {
  return (await analyzePlan(df, "semanticHash")).result;
}

type PlanAnalysis = "schema" | "treeString" | "isStreaming" | "isLocal" | "inputFiles" | "semanticHash";

/** An analysis that takes the DataFrame's plan alone. */
function analyzePlan<C extends PlanAnalysis>(df: DataFrame, analysis: C) {
  const request = { case: analysis, value: { plan: relationPlan(df.relation) } };
  return df.session.client.analyze<C>(request as AnalyzeRequest & { case: C });
}
