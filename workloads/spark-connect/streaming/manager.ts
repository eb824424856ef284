import type { MessageInitShape } from "@bufbuild/protobuf";
import { SparkConnectClientError } from "../errors.ts";
import type {
  StreamingQueryManagerCommandResult,
  StreamingQueryManagerCommandSchema,
} from "../gen/spark/connect/commands_pb.ts";
import { commandPlan } from "../plan.ts";
import type { SparkSession } from "../session.ts";
import { StreamingQuery } from "./query.ts";

type ManagerCommand = MessageInitShape<typeof StreamingQueryManagerCommandSchema>["command"];

const waitSliceMs = 10_000;

/** `spark.streams`: the session's streaming queries. */
export class StreamingQueryManager {
  constructor(private readonly session: SparkSession) {}

  /** The queries running now in this session. */
  async active(): Promise<StreamingQuery[]> {
    const result = await this.command({ case: "active", value: true });
    if (result.resultType.case !== "active") return [];
    return result.resultType.value.activeQueries.map(
      (q) => new StreamingQuery(this.session, q.id?.id ?? "", q.id?.runId ?? "", q.name),
    );
  }

  /** The active query with this id, or undefined. */
  async get(id: string): Promise<StreamingQuery | undefined> {
    const result = await this.command({ case: "getQuery", value: id });
    if (result.resultType.case !== "query") return undefined;
    const q = result.resultType.value;
    return new StreamingQuery(this.session, q.id?.id ?? "", q.id?.runId ?? "", q.name);
  }

  /**
   * Waits until any query of the session ends (since the last `resetTerminated`): true when one did,
   * false when `timeoutMs` passed first; rejects with the failed query's StreamingQueryException.
   */
  async awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    for (;;) {
      const slice = Math.max(0, Math.min(waitSliceMs, deadline - Date.now()));
      const result = await this.command({
        case: "awaitAnyTermination",
        value: { timeoutMs: BigInt(Math.round(slice)) },
      });
      if (result.resultType.case === "awaitAnyTermination" && result.resultType.value.terminated) return true;
      if (Date.now() >= deadline) return false;
    }
  }

  /** Forgets terminated queries so awaitAnyTermination waits for a new one. */
  async resetTerminated(): Promise<void> {
    await this.command({ case: "resetTerminated", value: true });
  }

  private async command(command: ManagerCommand): Promise<StreamingQueryManagerCommandResult> {
    const responses = await this.session.client.executeAll(
      commandPlan({ commandType: { case: "streamingQueryManagerCommand", value: { command } } }),
    );
    for (const response of responses) {
      if (response.responseType.case === "streamingQueryManagerCommandResult")
        return response.responseType.value;
    }
    throw new SparkConnectClientError(`The server sent no result for streams command ${command?.case}`);
  }
}
