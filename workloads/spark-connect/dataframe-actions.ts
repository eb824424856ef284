import type { RecordBatch, Table } from "apache-arrow";
import { callFunction, lit } from "./column.ts";
import type { DataFrame, ExplainMode } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import { AnalyzePlanRequest_Explain_ExplainMode as ProtoExplainMode } from "./gen/spark/connect/base_pb.ts";
import { commandPlan, relationPlan } from "./plan.ts";
import { arrowTable, recordBatches } from "./results.ts";
import { type Row, type RowOptions, rowsOfBatch } from "./rows.ts";
import { type StructType, simpleString } from "./types.ts";
import { structFromProto } from "./types-proto.ts";

export async function collect(df: DataFrame, options?: RowOptions): Promise<Row[]> {
  const table = await toArrow(df);
  return table.batches.flatMap((batch) => rowsOfBatch(batch, options));
}

export function toArrow(df: DataFrame): Promise<Table> {
  return arrowTable(df.session.client, relationPlan(df.relation));
}

export function toBatches(df: DataFrame): AsyncGenerator<RecordBatch> {
  return recordBatches(df.session.client, relationPlan(df.relation));
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
  const response = await df.session.client.analyze({
    case: "schema",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "schema") throw unexpected("schema", response.result.case);
  return structFromProto(response.result.value.schema);
}

export async function dtypes(df: DataFrame): Promise<[string, string][]> {
  const struct = await schema(df);
  return struct.fields.map((f) => [f.name, simpleString(f.dataType)]);
}

export async function treeString(df: DataFrame): Promise<string> {
  const response = await df.session.client.analyze({
    case: "treeString",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "treeString") throw unexpected("tree string", response.result.case);
  return response.result.value.treeString;
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
  if (response.result.case !== "explain") throw unexpected("explain", response.result.case);
  return response.result.value.explainString;
}

export async function isStreaming(df: DataFrame): Promise<boolean> {
  const response = await df.session.client.analyze({
    case: "isStreaming",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "isStreaming") throw unexpected("isStreaming", response.result.case);
  return response.result.value.isStreaming;
}

export async function isLocal(df: DataFrame): Promise<boolean> {
  const response = await df.session.client.analyze({
    case: "isLocal",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "isLocal") throw unexpected("isLocal", response.result.case);
  return response.result.value.isLocal;
}

export async function inputFiles(df: DataFrame): Promise<string[]> {
  const response = await df.session.client.analyze({
    case: "inputFiles",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "inputFiles") throw unexpected("inputFiles", response.result.case);
  return response.result.value.files;
}

export async function createView(
  df: DataFrame,
  name: string,
  isGlobal: boolean,
  replace: boolean,
): Promise<void> {
  await df.session.client.executeAll(
    commandPlan({
      commandType: { case: "createDataframeView", value: { input: df.relation, name, isGlobal, replace } },
    }),
  );
}

export async function sameSemantics(df: DataFrame, other: DataFrame): Promise<boolean> {
  const response = await df.session.client.analyze({
    case: "sameSemantics",
    value: { targetPlan: relationPlan(df.relation), otherPlan: relationPlan(other.relation) },
  });
  if (response.result.case !== "sameSemantics") throw unexpected("sameSemantics", response.result.case);
  return response.result.value.result;
}

export async function semanticHash(df: DataFrame): Promise<number> {
  const response = await df.session.client.analyze({
    case: "semanticHash",
    value: { plan: relationPlan(df.relation) },
  });
  if (response.result.case !== "semanticHash") throw unexpected("semanticHash", response.result.case);
  return response.result.value.result;
}

function unexpected(what: string, got: string | undefined): SparkConnectClientError {
  return new SparkConnectClientError(`Expected a ${what} answer from the server, got "${got}"`);
}
