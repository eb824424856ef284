import type { MessageInitShape } from "@bufbuild/protobuf";
import { SparkConnectClientError, StreamingQueryException } from "../errors.ts";
import type {
  StreamingQueryCommandResult,
  StreamingQueryCommandSchema,
} from "../gen/spark/connect/commands_pb.ts";
import type { SparkSession } from "../session.ts";
import { awaitInSlices } from "./await-termination.ts";
import { parseProgress, type StreamingQueryProgress } from "./progress.ts";

export interface StreamingQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
  isActive: boolean;
}

type QueryCommand = MessageInitShape<typeof StreamingQueryCommandSchema>["command"];

/** A running (or finished) streaming query on the server. */
export class StreamingQuery {
  constructor(
    private readonly session: SparkSession,
    /** Stable across restarts from the same checkpoint. */
    readonly id: string,
    /** Unique to this run. */
    readonly runId: string,
    readonly name: string | undefined,
  ) {}

  async status(): Promise<StreamingQueryStatus> {
    const result = await this.command({ case: "status", value: true });
    if (result.resultType.case !== "status")
      throw new SparkConnectClientError(`Expected a query status, got ${result.resultType.case}`);
    const s = result.resultType.value;
    return {
      message: s.statusMessage,
      isDataAvailable: s.isDataAvailable,
      isTriggerActive: s.isTriggerActive,
      isActive: s.isActive,
    };
  }

  async isActive(): Promise<boolean> {
    return (await this.status()).isActive;
  }

  /** The last micro-batch's progress, or undefined before the first batch completes. */
  async lastProgress(): Promise<StreamingQueryProgress | undefined> {
    return (await this.progress({ case: "lastProgress", value: true }))[0];
  }

  /** The progress of the recent micro-batches (as many as `spark.sql.streaming.numRecentProgressUpdates`). */
  recentProgress(): Promise<StreamingQueryProgress[]> {
    return this.progress({ case: "recentProgress", value: true });
  }

  /**
   * Waits until the query ends: resolves true when it stopped, false when `timeoutMs` passed first,
   * and rejects with a StreamingQueryException when it failed. Waits in short server calls, so an
   * unbounded wait survives the server's stream time limits.
   */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    return awaitInSlices(timeoutMs, async (sliceMs) => {
      const { resultType } = await this.command({ case: "awaitTermination", value: { timeoutMs: sliceMs } });
      return resultType.case === "awaitTermination" && resultType.value.terminated;
    });
  }

  /** Blocks until every input available now has been processed and committed (for tests). */
  async processAllAvailable(): Promise<void> {
    await this.command({ case: "processAllAvailable", value: true });
  }

  async stop(): Promise<void> {
    await this.command({ case: "stop", value: true });
  }

  /** The error that ended the query, or undefined while it runs or when it stopped cleanly. */
  async exception(): Promise<StreamingQueryException | undefined> {
    const result = await this.command({ case: "exception", value: true });
    if (result.resultType.case !== "exception") return undefined;
    const e = result.resultType.value;
    if (e.exceptionMessage === undefined) return undefined;
    return new StreamingQueryException(e.exceptionMessage, {
      errorClass: e.errorClass,
      sqlState: undefined,
      messageParameters: {},
      classes: ["org.apache.spark.sql.streaming.StreamingQueryException"],
      serverStackTrace: [],
    });
  }

  /** The query's physical plan (with the logical plans when `extended`). */
  async explainString(extended = false): Promise<string> {
    const result = await this.command({ case: "explain", value: { extended } });
    return result.resultType.case === "explain" ? result.resultType.value.result : "";
  }

  async explain(extended = false): Promise<void> {
    process.stdout.write(`${await this.explainString(extended)}\n`);
  }

  private async progress(command: QueryCommand): Promise<StreamingQueryProgress[]> {
    const result = await this.command(command);
    if (result.resultType.case !== "recentProgress") return [];
    return result.resultType.value.recentProgressJson.map(parseProgress);
  }

  private command(command: QueryCommand): Promise<StreamingQueryCommandResult> {
    return this.session.client.command(
      { case: "streamingQueryCommand", value: { queryId: { id: this.id, runId: this.runId }, command } },
      "streamingQueryCommandResult",
    );
  }
}
