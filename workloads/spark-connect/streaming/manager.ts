import type { MessageInitShape } from "@bufbuild/protobuf";
import type {
  StreamingQueryManagerCommandResult,
  StreamingQueryManagerCommandSchema,
} from "../gen/spark/connect/commands_pb.ts";
import type { SparkSession } from "../session.ts";
import { awaitInSlices } from "./await-termination.ts";
import { StreamingQuery } from "./query.ts";

type ManagerCommand = MessageInitShape<typeof StreamingQueryManagerCommandSchema>["command"];

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
    return awaitInSlices(timeoutMs, async (sliceMs) => {
      const { resultType } = await this.command({
        case: "awaitAnyTermination",
        value: { timeoutMs: sliceMs },
      });
      return resultType.case === "awaitAnyTermination" && resultType.value.terminated;
    });
  }

  /** Forgets terminated queries so awaitAnyTermination waits for a new one. */
  async resetTerminated(): Promise<void> {
    await this.command({ case: "resetTerminated", value: true });
  }

  private command(command: ManagerCommand): Promise<StreamingQueryManagerCommandResult> {
    return this.session.client.command(
      { case: "streamingQueryManagerCommand", value: { command } },
      "streamingQueryManagerCommandResult",
    );
  }
}
