import { create, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { RpcFailure, type RpcMethod } from "../../workloads/spark-connect/connection.ts";
import { type ExecutionConnection, executeReattachable } from "../../workloads/spark-connect/execution.ts";
import {
  type ExecutePlanRequest,
  ExecutePlanRequestSchema,
  type ExecutePlanResponse,
  ExecutePlanResponseSchema,
  type InterruptRequest,
  type ReattachExecuteRequest,
  type ReleaseExecuteRequest,
} from "../../workloads/spark-connect/gen/spark/connect/base_pb.ts";
import type { RetryPolicy } from "../../workloads/spark-connect/retry.ts";

/** What one stream call of the fake server does: send these responses, then end or fail. */
interface StreamScript {
  responses: ExecutePlanResponse[];
  failure?: RpcFailure;
}

interface RecordedCall {
  method: string;
  request: unknown;
}

/** A connection that plays scripted streams in call order and records every call it gets. */
class FakeConnection implements ExecutionConnection {
  readonly calls: RecordedCall[] = [];
  /** Resolves once the release of the whole execution has been sent. */
  readonly releasedAll: Promise<void>;
  private markReleasedAll: () => void = () => undefined;

  constructor(private readonly streams: StreamScript[]) {
    this.releasedAll = new Promise((resolve) => {
      this.markReleasedAll = resolve;
    });
  }

  serverStream<I extends DescMessage, O extends DescMessage>(
    method: RpcMethod<I, O>,
    request: MessageShape<I>,
  ): AsyncGenerator<MessageShape<O>, void, undefined> {
    this.record(method.name, request);
    const script = this.streams.shift();
    if (script === undefined) throw new Error(`unscripted ${method.name} call`);
    return play(script) as AsyncGenerator<MessageShape<O>, void, undefined>;
  }

  unary<I extends DescMessage, O extends DescMessage>(
    method: RpcMethod<I, O>,
    request: MessageShape<I>,
  ): Promise<MessageShape<O>> {
    this.record(method.name, request);
    return Promise.resolve(create(method.output));
  }

  callsOf<T>(method: string): T[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request as T);
  }

  private record(method: string, request: unknown): void {
    this.calls.push({ method, request });
    if (method === "ReleaseExecute" && (request as ReleaseExecuteRequest).release.case === "releaseAll") {
      this.markReleasedAll();
    }
  }
}

async function* play(script: StreamScript): AsyncGenerator<ExecutePlanResponse> {
  yield* script.responses;
  if (script.failure) throw script.failure;
}

const batch = (responseId: string) =>
  create(ExecutePlanResponseSchema, {
    responseId,
    operationId: "op-1",
    serverSideSessionId: "server-session",
    responseType: { case: "arrowBatch", value: { rowCount: 1n } },
  });
const complete = (responseId: string) =>
  create(ExecutePlanResponseSchema, {
    responseId,
    operationId: "op-1",
    responseType: { case: "resultComplete", value: {} },
  });
const unavailable = (message = "connection reset") =>
  new RpcFailure(message, grpc.status.UNAVAILABLE, undefined);

const request = create(ExecutePlanRequestSchema, {
  sessionId: "session-1",
  userContext: { userId: "tester" },
  clientType: "test-client",
  operationId: "op-1",
});
const policy: RetryPolicy = { maxRetries: 2, initialBackoffMs: 1, maxBackoffMs: 1, backoffMultiplier: 1 };

async function idsOf(responses: AsyncIterable<ExecutePlanResponse>): Promise<string[]> {
  const ids: string[] = [];
  for await (const response of responses) ids.push(response.responseId);
  return ids;
}

describe("a reattachable execution on a fake connection", () => {
  it("sends the request marked reattachable, with its operation id", async () => {
    const connection = new FakeConnection([{ responses: [complete("r1")] }]);
    await idsOf(executeReattachable(request, connection, policy));
    const [sent] = connection.callsOf<ExecutePlanRequest>("ExecutePlan");
    expect(sent?.operationId).toBe("op-1");
    expect(sent?.sessionId).toBe("session-1");
    expect(sent?.requestOptions.map((o) => o.requestOption)).toEqual([
      expect.objectContaining({
        case: "reattachOptions",
        value: expect.objectContaining({ reattachable: true }),
      }),
    ]);
  });

  it("gives a request without an operation id a fresh one that its reattachments reuse", async () => {
    const connection = new FakeConnection([
      { responses: [batch("r1")], failure: unavailable() },
      { responses: [complete("r2")] },
    ]);
    const { operationId: _, ...withoutId } = request;
    await idsOf(executeReattachable(create(ExecutePlanRequestSchema, withoutId), connection, policy));
    const [sent] = connection.callsOf<ExecutePlanRequest>("ExecutePlan");
    const [reattach] = connection.callsOf<ReattachExecuteRequest>("ReattachExecute");
    expect(sent?.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reattach?.operationId).toBe(sent?.operationId);
  });

  it("resumes a cut stream with ReattachExecute from the last response it delivered", async () => {
    const connection = new FakeConnection([
      { responses: [batch("r1"), batch("r2")], failure: unavailable() },
      { responses: [batch("r3"), complete("r4")] },
    ]);
    expect(await idsOf(executeReattachable(request, connection, policy))).toEqual(["r1", "r2", "r3", "r4"]);
    const reattaches = connection.callsOf<ReattachExecuteRequest>("ReattachExecute");
    expect(reattaches).toHaveLength(1);
    expect(reattaches[0]).toMatchObject({
      sessionId: "session-1",
      clientType: "test-client",
      operationId: "op-1",
      lastResponseId: "r2",
      clientObservedServerSideSessionId: "server-session",
    });
  });

  it("reattaches when the server ends a stream without ResultComplete", async () => {
    const connection = new FakeConnection([
      { responses: [batch("r1")] },
      { responses: [] },
      { responses: [batch("r2"), complete("r3")] },
    ]);
    expect(await idsOf(executeReattachable(request, connection, policy))).toEqual(["r1", "r2", "r3"]);
    expect(
      connection.callsOf<ReattachExecuteRequest>("ReattachExecute").map((r) => r.lastResponseId),
    ).toEqual(["r1", "r1"]);
  });

  it("survives more cuts than the policy's retries as long as each stream delivers", async () => {
    const connection = new FakeConnection([
      { responses: [batch("r1")], failure: unavailable() },
      { responses: [batch("r2")], failure: unavailable() },
      { responses: [batch("r3")], failure: unavailable() },
      { responses: [complete("r4")] },
    ]);
    const oneRetry = { ...policy, maxRetries: 1 };
    expect(await idsOf(executeReattachable(request, connection, oneRetry))).toEqual(["r1", "r2", "r3", "r4"]);
  });

  it("reattaches when a retried ExecutePlan finds the operation already started", async () => {
    const connection = new FakeConnection([
      { responses: [], failure: unavailable() },
      {
        responses: [],
        failure: new RpcFailure(
          "[INVALID_HANDLE.OPERATION_ALREADY_EXISTS] Operation already exists",
          grpc.status.INTERNAL,
          { reason: "org.apache.spark.SparkSQLException", domain: "org.apache.spark", metadata: {} },
        ),
      },
      { responses: [complete("r1")] },
    ]);
    expect(await idsOf(executeReattachable(request, connection, policy))).toEqual(["r1"]);
    expect(connection.calls.filter((c) => c.method !== "ReleaseExecute").map((c) => c.method)).toEqual([
      "ExecutePlan",
      "ExecutePlan",
      "ReattachExecute",
    ]);
  });

  it("releases consumed responses, then the whole execution once the result is complete", async () => {
    const connection = new FakeConnection([{ responses: [batch("r1"), batch("r2"), complete("r3")] }]);
    await idsOf(executeReattachable(request, connection, policy));
    await connection.releasedAll;
    const releases = connection.callsOf<ReleaseExecuteRequest>("ReleaseExecute");
    const last = releases.at(-1);
    expect(last?.release.case).toBe("releaseAll");
    expect(last?.operationId).toBe("op-1");
    const untilIds = releases.flatMap((r) =>
      r.release.case === "releaseUntil" ? [r.release.value.responseId] : [],
    );
    expect(untilIds.length).toBeGreaterThan(0);
    expect(untilIds.every((id) => id === "r1" || id === "r2")).toBe(true);
    expect(connection.callsOf("Interrupt")).toHaveLength(0);
  });

  it("interrupts and releases an execution its consumer leaves early", async () => {
    const connection = new FakeConnection([{ responses: [batch("r1"), batch("r2"), complete("r3")] }]);
    for await (const response of executeReattachable(request, connection, policy)) {
      expect(response.responseId).toBe("r1");
      break;
    }
    await connection.releasedAll;
    const [interrupt] = connection.callsOf<InterruptRequest>("Interrupt");
    expect(interrupt?.interrupt).toEqual({ case: "operationId", value: "op-1" });
    expect(interrupt?.sessionId).toBe("session-1");
    const methods = connection.calls.map((c) => c.method);
    expect(methods.indexOf("Interrupt")).toBeLessThan(methods.lastIndexOf("ReleaseExecute"));
  });

  it("gives up after the policy's retries in a row, with the last error", async () => {
    const failures = [unavailable("cut 1"), unavailable("cut 2"), unavailable("cut 3")];
    const connection = new FakeConnection([
      { responses: [batch("r1")], failure: failures[0] },
      { responses: [], failure: failures[1] },
      { responses: [], failure: failures[2] },
    ]);
    const delivered: string[] = [];
    const error = await (async () => {
      for await (const response of executeReattachable(request, connection, policy)) {
        delivered.push(response.responseId);
      }
    })().catch((e: unknown) => e);
    expect(error).toBe(failures[2]);
    expect(delivered).toEqual(["r1"]);
    expect(connection.callsOf("ReattachExecute")).toHaveLength(2);
    await connection.releasedAll;
    expect(connection.callsOf("Interrupt")).toHaveLength(1);
  });

  it("fails at once on an error that is not transient, without reattaching", async () => {
    const sparkError = new RpcFailure("[DIVIDE_BY_ZERO] Division by zero", grpc.status.INTERNAL, {
      reason: "org.apache.spark.SparkArithmeticException",
      domain: "org.apache.spark",
      metadata: { errorClass: "DIVIDE_BY_ZERO" },
    });
    const connection = new FakeConnection([{ responses: [], failure: sparkError }]);
    await expect(idsOf(executeReattachable(request, connection, policy))).rejects.toBe(sparkError);
    expect(connection.calls.map((c) => c.method)).toEqual(["ExecutePlan"]);
  });

  it("does not retry at all under a policy of no retries", async () => {
    const failure = unavailable();
    const connection = new FakeConnection([{ responses: [batch("r1")], failure }]);
    const noRetries = { ...policy, maxRetries: 0 };
    await expect(idsOf(executeReattachable(request, connection, noRetries))).rejects.toBe(failure);
    expect(connection.callsOf("ReattachExecute")).toHaveLength(0);
  });
});
