import { randomUUID } from "node:crypto";
import { create } from "@bufbuild/protobuf";
import type { SparkConnectClient } from "./client.ts";
import { type Connection, RpcFailure } from "./connection.ts";
import {
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  type Plan,
  ReattachExecuteRequestSchema,
  ReleaseExecuteRequestSchema,
  SparkConnectService,
} from "./gen/spark/connect/base_pb.ts";
import { backoffMs, isTransient, sleep } from "./retry.ts";

/**
 * Runs a plan as a reattachable execution. When the response stream ends without ResultComplete
 * (the server cuts streams after a time or size limit) or drops on a transient error, it reattaches
 * from the last response seen. Consumed responses are released so the server can free them; an
 * execution left early is interrupted and released.
 */
export async function* executeReattachable(
  client: SparkConnectClient,
  connection: Connection,
  plan: Plan,
  tags: readonly string[],
): AsyncGenerator<ExecutePlanResponse, void, undefined> {
  const operationId = randomUUID();
  const releaser = new ResponseReleaser(client, connection, operationId);
  let lastResponseId: string | undefined;
  let started = false;
  let complete = false;
  let failedAttempts = 0;
  try {
    while (!complete) {
      const stream = started
        ? connection.serverStream(
            SparkConnectService.method.reattachExecute,
            create(ReattachExecuteRequestSchema, { ...client.envelope(), operationId, lastResponseId }),
          )
        : connection.serverStream(
            SparkConnectService.method.executePlan,
            create(ExecutePlanRequestSchema, {
              ...client.envelope(),
              operationId,
              plan,
              tags: [...tags],
              requestOptions: [{ requestOption: { case: "reattachOptions", value: { reattachable: true } } }],
            }),
          );
      try {
        for await (const response of stream) {
          started = true;
          failedAttempts = 0;
          client.observeServerSession(response.serverSideSessionId);
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
        if (!isTransient(error) || failedAttempts >= client.retryPolicy.maxRetries) {
          throw await client.toError(error);
        }
        await sleep(backoffMs(client.retryPolicy, failedAttempts));
        failedAttempts++;
      }
    }
  } finally {
    releaser.finish(complete, started);
  }
}

/** A retried ExecutePlan whose first attempt did reach the server: reattach instead. */
function isOperationAlreadyStarted(error: unknown): boolean {
  return error instanceof RpcFailure && error.message.includes("INVALID_HANDLE.OPERATION_ALREADY_EXISTS");
}

/** Sends ReleaseExecute in the background, one at a time, always for the newest consumed response. */
class ResponseReleaser {
  private inFlight: Promise<void> | undefined;
  private pendingUntil: string | undefined;

  constructor(
    private readonly client: SparkConnectClient,
    private readonly connection: Connection,
    private readonly operationId: string,
  ) {}

  releaseUntil(responseId: string): void {
    this.pendingUntil = responseId;
    if (this.inFlight === undefined) this.inFlight = this.drain();
  }

  /** Releases the whole execution; interrupts it first when it did not run to completion. */
  finish(complete: boolean, started: boolean): void {
    if (!started || this.client.isClosed) return;
    const release = async () => {
      if (!complete) await this.client.interrupt({ operationId: this.operationId }).catch(() => undefined);
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

  private async send(
    release: { case: "releaseAll"; value: object } | { case: "releaseUntil"; value: { responseId: string } },
  ): Promise<void> {
    if (this.client.isClosed) return;
    const request = create(ReleaseExecuteRequestSchema, {
      ...this.client.envelope(),
      operationId: this.operationId,
      release,
    });
    await this.connection.unary(SparkConnectService.method.releaseExecute, request).catch(() => undefined);
  }
}
