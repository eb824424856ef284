import { randomUUID } from "node:crypto";
import { clone, create, type MessageInitShape } from "@bufbuild/protobuf";
import { type Connection, RpcFailure } from "./connection.ts";
import {
  type ExecutePlanRequest,
  ExecutePlanRequest_RequestOptionSchema,
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  InterruptRequest_InterruptType,
  InterruptRequestSchema,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
  SparkConnectService,
} from "./gen/spark/connect/base_pb.ts";
import { backoffMs, isTransient, type RetryPolicy, sleep } from "./retry.ts";

type ReleaseInit = MessageInitShape<typeof ReleaseExecuteRequestSchema>["release"];

/** What an execution needs of the channel: the Spark Connect calls, by method descriptor. */
export type ExecutionConnection = Pick<Connection, "serverStream" | "unary">;

/**
 * Runs an ExecutePlan request as a reattachable execution. When the response stream ends without
 * ResultComplete (the server cuts streams after a time or size limit) or drops on a transient
 * error, it reattaches from the last response it delivered, up to the policy's retries in a row.
 * Consumed responses are released so the server can free them; an execution left early is
 * interrupted and released. Failures leave as the connection raised them: typing them is the
 * caller's job.
 */
export async function* executeReattachable(
  request: ExecutePlanRequest,
  connection: ExecutionConnection,
  retryPolicy: RetryPolicy,
): AsyncGenerator<ExecutePlanResponse, void, undefined> {
  const operationId = request.operationId || randomUUID();
  const initial = reattachableCopyOf(request, operationId);
  const operation = new OperationHandle(initial, operationId);
  const releaser = new ResponseReleaser(connection, operation);
  let lastResponseId: string | undefined;
  let started = false;
  let complete = false;
  let failedAttempts = 0;
  try {
    while (!complete) {
      const stream = started
        ? connection.serverStream(
            SparkConnectService.method.reattachExecute,
            create(ReattachExecuteRequestSchema, { ...operation.fields(), lastResponseId }),
          )
        : connection.serverStream(SparkConnectService.method.executePlan, initial);
      try {
        for await (const response of stream) {
          started = true;
          failedAttempts = 0;
          operation.observe(response);
          lastResponseId = response.responseId;
          // The completion is passed on too: progress handlers mark an operation done on it.
          complete = response.responseType.case === "resultComplete";
          yield response;
          if (!complete) releaser.releaseUntil(response.responseId);
        }
      } catch (error) {
        if (!started && isOperationAlreadyStarted(error)) {
          started = true;
          continue;
        }
        if (!isTransient(error) || failedAttempts >= retryPolicy.maxRetries) throw error;
        await sleep(backoffMs(retryPolicy, failedAttempts));
        failedAttempts++;
      }
    }
  } finally {
    if (started) releaser.finish(complete);
  }
}

/** The request with the operation id and the reattachable option set. */
function reattachableCopyOf(request: ExecutePlanRequest, operationId: string): ExecutePlanRequest {
  const copy = clone(ExecutePlanRequestSchema, request);
  copy.operationId = operationId;
  const reattachable = copy.requestOptions.some((o) => o.requestOption.case === "reattachOptions");
  if (!reattachable) {
    copy.requestOptions.push(
      create(ExecutePlanRequest_RequestOptionSchema, {
        requestOption: { case: "reattachOptions", value: { reattachable: true } },
      }),
    );
  }
  return copy;
}

/** A retried ExecutePlan whose first attempt did reach the server: reattach instead. */
function isOperationAlreadyStarted(error: unknown): boolean {
  return error instanceof RpcFailure && error.message.includes("INVALID_HANDLE.OPERATION_ALREADY_EXISTS");
}

/** The fields that name one operation of one session in the follow-up requests (reattach, release, interrupt). */
class OperationHandle {
  /** The server's id for the session, echoed back so the server can tell when it lost the session. */
  private serverSideSessionId: string | undefined;

  constructor(
    private readonly request: ExecutePlanRequest,
    private readonly operationId: string,
  ) {
    this.serverSideSessionId = request.clientObservedServerSideSessionId;
  }

  observe(response: ExecutePlanResponse): void {
    if (response.serverSideSessionId) this.serverSideSessionId = response.serverSideSessionId;
  }

  fields() {
    return {
      sessionId: this.request.sessionId,
      userContext: this.request.userContext,
      clientType: this.request.clientType,
      clientObservedServerSideSessionId: this.serverSideSessionId,
      operationId: this.operationId,
    };
  }
}

/** Sends ReleaseExecute in the background, one at a time, always for the newest consumed response. */
class ResponseReleaser {
  private inFlight: Promise<void> | undefined;
  private pendingUntil: string | undefined;

  constructor(
    private readonly connection: ExecutionConnection,
    private readonly operation: OperationHandle,
  ) {}

  releaseUntil(responseId: string): void {
    this.pendingUntil = responseId;
    if (this.inFlight === undefined) this.inFlight = this.drain();
  }

  /**
   * Releases the whole execution; interrupts it first when it did not run to completion.
   * Best effort: a failure (the session closed meanwhile, say) only leaves the server to drop it later.
   */
  finish(complete: boolean): void {
    const release = async () => {
      if (!complete) await this.interrupt();
      await this.inFlight;
      await this.send({ case: "releaseAll", value: {} });
    };
    release().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    while (this.pendingUntil !== undefined) {
      const responseId = this.pendingUntil;
      this.pendingUntil = undefined;
      await this.send({ case: "releaseUntil", value: { responseId } });
    }
    this.inFlight = undefined;
  }

  private async interrupt(): Promise<void> {
    const { operationId, ...session } = this.operation.fields();
    const request = create(InterruptRequestSchema, {
      ...session,
      interruptType: InterruptRequest_InterruptType.OPERATION_ID,
      interrupt: { case: "operationId", value: operationId },
    });
    await this.connection.unary(SparkConnectService.method.interrupt, request).catch(() => undefined);
  }

  private async send(release: ReleaseInit): Promise<void> {
    const request = create(ReleaseExecuteRequestSchema, { ...this.operation.fields(), release });
    await this.connection.unary(SparkConnectService.method.releaseExecute, request).catch(() => undefined);
  }
}
