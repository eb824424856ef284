import { type RecordBatch, Table } from "apache-arrow";
import { batchesOfIpc, emptyTable } from "./arrow.ts";
import type { SparkConnectClient } from "./client.ts";
import type { ExecutePlanResponse, Plan } from "./gen/spark/connect/base_pb.ts";
import type { StructType } from "./types.ts";
import { structFromProto } from "./types-proto.ts";

/** Sees every response of an execution (metrics, observed metrics) as it arrives. */
export type ResponseObserver = (response: ExecutePlanResponse) => void;

/** The result's record batches as they arrive; nothing is kept once a batch is handed over. */
export async function* recordBatches(
  client: SparkConnectClient,
  plan: Plan,
  observe: ResponseObserver = () => {},
): AsyncGenerator<RecordBatch> {
  for await (const response of client.execute(plan)) {
    observe(response);
    if (response.responseType.case === "arrowBatch") yield* batchesOfIpc(response.responseType.value.data);
  }
}

/** The whole result as one Arrow table (typed by the server's schema even when it has no rows). */
export async function arrowTable(
  client: SparkConnectClient,
  plan: Plan,
  observe: ResponseObserver = () => {},
): Promise<Table> {
  const batches: RecordBatch[] = [];
  let schema: StructType | undefined;
  for await (const response of client.execute(plan)) {
    observe(response);
    if (response.schema !== undefined && schema === undefined) schema = structFromProto(response.schema);
    if (response.responseType.case === "arrowBatch")
      batches.push(...batchesOfIpc(response.responseType.value.data));
  }
  if (batches.length === 0) return schema === undefined ? new Table() : emptyTable(schema);
  return new Table(batches);
}
