import type { DescMessage, DescMethod, MessageShape } from "@bufbuild/protobuf";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import * as grpc from "@grpc/grpc-js";
import type { ConnectionOptions } from "./connection-string.ts";
import { type ErrorInfo, errorInfoFromStatusDetails } from "./grpc-status.ts";

/** The Spark Connect server's own message limit (`spark.connect.grpc.maxInboundMessageSize`). */
export const maxMessageBytes = 128 * 1024 * 1024;
const flowControlWindowBytes = 32 * 1024 * 1024;

/** A method of the generated `SparkConnectService` descriptor, typed by its request and response. */
export type RpcMethod<I extends DescMessage, O extends DescMessage> = DescMethod & { input: I; output: O };

/** A failed call as gRPC reported it; the client turns it into a typed error. */
export class RpcFailure extends Error {
  override name = "RpcFailure";
  constructor(
    message: string,
    readonly code: grpc.status,
    /** Spark's error details, present when the failure came from Spark rather than the transport. */
    readonly errorInfo: ErrorInfo | undefined,
  ) {
    super(message);
  }

  get codeName(): string {
    return grpc.status[this.code] ?? String(this.code);
  }
}

export interface CallOptions {
  /** Milliseconds before the call is abandoned with DEADLINE_EXCEEDED. */
  timeoutMs?: number;
}

/** The gRPC channel to one Spark Connect server: serialization with the bufbuild schemas and auth metadata. */
export class Connection {
  private readonly client: grpc.Client;
  private readonly metadata: grpc.Metadata;

  constructor(
    readonly options: ConnectionOptions,
    userAgent: string,
  ) {
    const credentials = options.useSsl ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
    this.client = new grpc.Client(`${formatHost(options.host)}:${options.port}`, credentials, {
      "grpc.max_receive_message_length": maxMessageBytes,
      "grpc.max_send_message_length": maxMessageBytes,
      "grpc.primary_user_agent": userAgent,
      // HTTP/2's default 64 KiB window stalls large Arrow results on window updates.
      "grpc-node.flow_control_window": flowControlWindowBytes,
      "grpc.keepalive_time_ms": 30_000,
      "grpc.keepalive_permit_without_calls": 0,
    });
    this.metadata = new grpc.Metadata();
    if (options.token !== undefined) this.metadata.set("authorization", `Bearer ${options.token}`);
    for (const [key, value] of Object.entries(options.headers)) this.metadata.set(key, value);
  }

  unary<I extends DescMessage, O extends DescMessage>(
    method: RpcMethod<I, O>,
    request: MessageShape<I>,
    options: CallOptions = {},
  ): Promise<MessageShape<O>> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        pathOf(method),
        (value: MessageShape<I>) => Buffer.from(toBinary(method.input, value)),
        (bytes: Buffer) => fromBinary(method.output, bytes),
        request,
        this.metadata,
        callOptionsOf(options),
        (error, response) => {
          if (error) reject(toRpcFailure(error));
          else if (response === undefined)
            reject(new RpcFailure("empty response", grpc.status.INTERNAL, undefined));
          else resolve(response);
        },
      );
    });
  }

  /** A client-streaming call: sends every request, then resolves with the server's one answer. */
  clientStream<I extends DescMessage, O extends DescMessage>(
    method: RpcMethod<I, O>,
    requests: MessageShape<I>[],
    options: CallOptions = {},
  ): Promise<MessageShape<O>> {
    return new Promise((resolve, reject) => {
      const call = this.client.makeClientStreamRequest(
        pathOf(method),
        (value: MessageShape<I>) => Buffer.from(toBinary(method.input, value)),
        (bytes: Buffer) => fromBinary(method.output, bytes),
        this.metadata,
        callOptionsOf(options),
        (error, response) => {
          if (error) reject(toRpcFailure(error));
          else if (response === undefined)
            reject(new RpcFailure("empty response", grpc.status.INTERNAL, undefined));
          else resolve(response);
        },
      );
      for (const request of requests) call.write(request);
      call.end();
    });
  }

  /**
   * A server-streaming call as an async iterator. Messages are read only as the consumer asks
   * (gRPC flow control), and leaving the loop early cancels the call.
   */
  async *serverStream<I extends DescMessage, O extends DescMessage>(
    method: RpcMethod<I, O>,
    request: MessageShape<I>,
    options: CallOptions = {},
  ): AsyncGenerator<MessageShape<O>, void, undefined> {
    const call = this.client.makeServerStreamRequest(
      pathOf(method),
      (value: MessageShape<I>) => Buffer.from(toBinary(method.input, value)),
      (bytes: Buffer) => fromBinary(method.output, bytes),
      request,
      this.metadata,
      callOptionsOf(options),
    );
    let finished = false;
    try {
      for await (const message of call) yield message as MessageShape<O>;
      finished = true;
    } catch (error) {
      finished = true;
      throw isServiceError(error) ? toRpcFailure(error) : error;
    } finally {
      if (!finished) call.cancel();
    }
  }

  close(): void {
    this.client.close();
  }
}

function pathOf(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function callOptionsOf(options: CallOptions): grpc.CallOptions {
  return options.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs };
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as Partial<grpc.ServiceError>).code === "number";
}

function toRpcFailure(error: grpc.ServiceError): RpcFailure {
  const details = error.metadata?.get("grpc-status-details-bin")[0];
  const errorInfo = details instanceof Buffer ? errorInfoFromStatusDetails(details) : undefined;
  return new RpcFailure(error.details || error.message, error.code, errorInfo);
}
