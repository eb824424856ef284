import { randomUUID } from "node:crypto";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { Connection, RpcFailure } from "./connection.ts";
import type { ConnectionOptions } from "./connection-string.ts";
import { SparkConnectClientError, SparkConnectError, SparkConnectGrpcError } from "./errors.ts";
import { executeReattachable } from "./execution.ts";
import {
  AddArtifactsRequestSchema,
  type AddArtifactsResponse,
  AnalyzePlanRequestSchema,
  type AnalyzePlanResponse,
  CloneSessionRequestSchema,
  type ConfigRequest_OperationSchema,
  ConfigRequestSchema,
  type ConfigResponse,
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  FetchErrorDetailsRequestSchema,
  InterruptRequest_InterruptType,
  InterruptRequestSchema,
  type Plan,
  ReleaseSessionRequestSchema,
  SparkConnectService,
  UserContextSchema,
} from "./gen/spark/connect/base_pb.ts";
import { type CommandInit, commandPlan } from "./plan.ts";
import { defaultRetryPolicy, type RetryPolicy, withRetries } from "./retry.ts";
import { exceptionFromErrorDetails, exceptionFromErrorInfo } from "./server-errors.ts";

export const clientVersion = "0.1.0";

export interface ClientSettings {
  retryPolicy?: RetryPolicy;
}

export type AnalyzeRequest = NonNullable<MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"]>;
type AnalyzeCase = NonNullable<AnalyzeRequest["case"]>;
/** The answer AnalyzePlan gives to a request of case `C` (the same case name). */
type AnalyzeResult<C extends AnalyzeCase> = Extract<AnalyzePlanResponse["result"], { case: C }>["value"];
type CommandType = NonNullable<CommandInit["commandType"]>;
type ResponseType = ExecutePlanResponse["responseType"];
type ResultCase = NonNullable<ResponseType["case"]>;
type CommandResult<R extends ResultCase> = Extract<ResponseType, { case: R }>["value"];
type ConfigOperation = MessageInitShape<typeof ConfigRequest_OperationSchema>["opType"];

/** One Spark Connect session on the wire: request envelopes, retries, reattachable execution, typed errors. */
export class SparkConnectClient {
  readonly sessionId: string;
  private readonly clientType: string;
  private readonly retryPolicy: RetryPolicy;
  private readonly connection: Connection;
  private readonly userContext;
  /** The server's id for our session, echoed back so the server can tell when it lost the session. */
  private serverSideSessionId: string | undefined;
  private closed = false;
  private readonly tags = new Set<string>();
  private readonly responseListeners = new Set<(response: ExecutePlanResponse) => void>();

  constructor(
    private readonly options: ConnectionOptions,
    private readonly settings: ClientSettings = {},
  ) {
    this.sessionId = options.sessionId ?? randomUUID();
    this.clientType = [
      options.userAgent ?? "spark-connect-ts",
      `spark-connect-ts/${clientVersion}`,
      `node/${process.version}`,
      `os/${process.platform}`,
    ].join(" ");
    this.retryPolicy = settings.retryPolicy ?? defaultRetryPolicy;
    this.connection = new Connection(options, this.clientType);
    this.userContext = create(UserContextSchema, { userId: options.userId ?? process.env.USER ?? "" });
  }

  /** The envelope fields every request carries. */
  private envelope() {
    this.ensureOpen();
    return {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: this.clientType,
      clientObservedServerSideSessionId: this.serverSideSessionId,
    };
  }

  private observeServerSession(serverSideSessionId: string): void {
    if (serverSideSessionId) this.serverSideSessionId = serverSideSessionId;
  }

  /** Analyzes a plan and returns the answer of the kind asked for (a schema for `schema`…). */
  async analyze<C extends AnalyzeCase>(analyze: AnalyzeRequest & { case: C }): Promise<AnalyzeResult<C>> {
    const request = create(AnalyzePlanRequestSchema, { ...this.envelope(), analyze });
    const response = await this.call(() =>
      this.connection.unary(SparkConnectService.method.analyzePlan, request),
    );
    this.observeServerSession(response.serverSideSessionId);
    if (response.result.case !== analyze.case) {
      throw new SparkConnectClientError(
        `Expected a "${analyze.case}" answer from the server, got "${response.result.case}"`,
      );
    }
    return response.result.value as AnalyzeResult<C>;
  }

  async config(operation: ConfigOperation): Promise<ConfigResponse> {
    const request = create(ConfigRequestSchema, { ...this.envelope(), operation: { opType: operation } });
    const response = await this.call(() => this.connection.unary(SparkConnectService.method.config, request));
    this.observeServerSession(response.serverSideSessionId);
    return response;
  }

  /** Runs a plan; responses arrive as the consumer reads them, across reattachments. */
  async *execute(plan: Plan): AsyncGenerator<ExecutePlanResponse, void, undefined> {
    const request = create(ExecutePlanRequestSchema, { ...this.envelope(), plan, tags: [...this.tags] });
    try {
      for await (const response of executeReattachable(request, this.connection, this.retryPolicy)) {
        this.observeServerSession(response.serverSideSessionId);
        for (const listener of this.responseListeners) listener(response);
        yield response;
      }
    } catch (error) {
      throw await this.toError(error);
    }
  }

  /** Runs a command that answers with its completion only (writes, views…). */
  command(command: CommandType): Promise<void>;
  /** Runs a command and returns its result of the kind `resultCase`. */
  command<R extends ResultCase>(command: CommandType, resultCase: R): Promise<CommandResult<R>>;
  async command(command: CommandType, resultCase?: ResultCase): Promise<unknown> {
    let result: unknown;
    for await (const { responseType } of this.execute(commandPlan({ commandType: command }))) {
      if (responseType.case === resultCase) result = responseType.value;
    }
    if (resultCase !== undefined && result === undefined) {
      throw new SparkConnectClientError(`The server sent no ${resultCase} for the ${command.case} command`);
    }
    return result;
  }

  /**
   * Calls `listener` with every execution response of this client (progress, observed metrics…)
   * before the consumer sees it; returns the function that removes it.
   */
  onResponse(listener: (response: ExecutePlanResponse) => void): () => void {
    this.responseListeners.add(listener);
    return () => this.responseListeners.delete(listener);
  }

  /** Uploads artifacts (jars, files…) to the session; the server checks each chunk's CRC. */
  async addArtifacts(
    payloads: MessageInitShape<typeof AddArtifactsRequestSchema>["payload"][],
  ): Promise<AddArtifactsResponse> {
    const requests = payloads.map((payload) =>
      create(AddArtifactsRequestSchema, { ...this.envelope(), payload }),
    );
    const response = await this.call(() =>
      this.connection.clientStream(SparkConnectService.method.addArtifacts, requests),
    );
    this.observeServerSession(response.serverSideSessionId);
    return response;
  }

  /**
   * Copies this session on the server (configs, temporary views, functions, current catalog) into
   * a new independent session, `newSessionId` or one the server picks, and returns a client of it.
   */
  async cloneSession(newSessionId?: string): Promise<SparkConnectClient> {
    const request = create(CloneSessionRequestSchema, { ...this.envelope(), newSessionId });
    const response = await this.call(() =>
      this.connection.unary(SparkConnectService.method.cloneSession, request),
    );
    return new SparkConnectClient({ ...this.options, sessionId: response.newSessionId }, this.settings);
  }

  /** Whether `close()` was called: later calls fail. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Operation tags: every execution started while a tag is set carries it. */
  addTag(tag: string): void {
    if (tag === "" || tag.includes(",")) {
      throw new SparkConnectClientError(`An operation tag must be non-empty and without ",", got "${tag}"`);
    }
    this.tags.add(tag);
  }
  removeTag(tag: string): void {
    this.tags.delete(tag);
  }
  getTags(): string[] {
    return [...this.tags];
  }
  clearTags(): void {
    this.tags.clear();
  }

  /** Interrupts all, tagged, or one operation of this session; returns the interrupted operation ids. */
  async interrupt(target: { all: true } | { tag: string } | { operationId: string }): Promise<string[]> {
    const request = create(InterruptRequestSchema, {
      ...this.envelope(),
      ...("all" in target
        ? { interruptType: InterruptRequest_InterruptType.ALL }
        : "tag" in target
          ? {
              interruptType: InterruptRequest_InterruptType.TAG,
              interrupt: { case: "operationTag", value: target.tag },
            }
          : {
              interruptType: InterruptRequest_InterruptType.OPERATION_ID,
              interrupt: { case: "operationId", value: target.operationId },
            }),
    });
    const response = await this.call(() =>
      this.connection.unary(SparkConnectService.method.interrupt, request),
    );
    return response.interruptedIds;
  }

  /**
   * Releases the server session and closes the channel; later calls fail with a clear error.
   * Best effort: the server drops idle sessions by itself, so a failed release does not fail stop().
   */
  async close(): Promise<void> {
    if (this.closed) return;
    const request = create(ReleaseSessionRequestSchema, {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: this.clientType,
    });
    await this.connection
      .unary(SparkConnectService.method.releaseSession, request, { timeoutMs: 10_000 })
      .catch(() => undefined);
    this.closed = true;
    this.connection.close();
  }

  /** A unary call with retries of transient failures, failing with a typed error. */
  private async call<T>(rpc: () => Promise<T>): Promise<T> {
    try {
      return await withRetries(this.retryPolicy, rpc);
    } catch (error) {
      throw await this.toError(error);
    }
  }

  /** Turns a gRPC failure into the typed error a user sees, asking the server for the full details. */
  private async toError(error: unknown): Promise<Error> {
    if (error instanceof SparkConnectError || !(error instanceof RpcFailure)) return error as Error;
    const info = error.errorInfo;
    if (info === undefined) {
      return new SparkConnectGrpcError(
        `${error.codeName}: ${error.message}${hintFor(error.code)}`,
        error.codeName,
      );
    }
    const errorId = info.metadata.errorId;
    if (errorId) {
      try {
        const request = create(FetchErrorDetailsRequestSchema, { ...this.envelope(), errorId });
        const details = await this.connection.unary(SparkConnectService.method.fetchErrorDetails, request, {
          timeoutMs: 10_000,
        });
        const exception = exceptionFromErrorDetails(details);
        if (exception) return exception;
      } catch {
        // The trailer alone still makes a typed error below.
      }
    }
    return exceptionFromErrorInfo(error.message, info);
  }

  private ensureOpen(): void {
    if (this.closed) {
      throw new SparkConnectClientError(
        "This SparkSession was stopped; create a new one with SparkSession.builder()",
      );
    }
  }
}

function hintFor(code: grpc.status): string {
  switch (code) {
    case grpc.status.UNAVAILABLE:
      return " (is the Spark Connect server running at that host:port?)";
    case grpc.status.UNAUTHENTICATED:
    case grpc.status.PERMISSION_DENIED:
      return " (check the token=… parameter of the sc:// URL)";
    default:
      return "";
  }
}
