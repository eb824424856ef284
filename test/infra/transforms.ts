/**
 * Calls a resource's transforms the way the Pulumi engine does: through the program's callback
 * server, with a `TransformRequest` for a child resource, reading back the `TransformResponse`.
 * Under mocks the engine never does it (a chart's children are rendered by the real provider), so
 * this is how a test sees what a chart's transforms make of an object it would install.
 */
import { createRequire } from "node:module";
import * as grpc from "@grpc/grpc-js";
import { CallbacksClient } from "@pulumi/pulumi/proto/callback_grpc_pb.js";
import { CallbackInvokeRequest, type CallbackInvokeResponse } from "@pulumi/pulumi/proto/callback_pb.js";
import { TransformRequest, TransformResponse } from "@pulumi/pulumi/proto/resource_pb.js";

/** Where the engine reaches one transform of a resource. */
export interface TransformCallback {
  target: string;
  token: string;
}

type Struct = { toJavaScript(): Record<string, unknown> };
// The protobuf runtime of the SDK's generated code, resolved as the SDK resolves it.
const sdkRequire = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"));
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb.js") as {
  Struct: { fromJavaScript(value: Record<string, unknown>): Struct };
};

function invoke(callback: TransformCallback, request: TransformRequest): Promise<CallbackInvokeResponse> {
  const client = new CallbacksClient(callback.target, grpc.credentials.createInsecure());
  const call = new CallbackInvokeRequest();
  call.setToken(callback.token);
  call.setRequest(request.serializeBinary());
  return new Promise<CallbackInvokeResponse>((resolve, reject) =>
    client.invoke(call, (error, response) => (error ? reject(error) : resolve(response))),
  ).finally(() => client.close());
}

/** The properties a child resource of this type would be registered with, after the transforms. */
export async function transformedProperties(
  transforms: TransformCallback[],
  child: { type: string; name: string; props: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  let props = child.props;
  for (const transform of transforms) {
    const request = new TransformRequest();
    request.setType(child.type);
    request.setName(child.name);
    request.setCustom(true);
    // The protobuf Struct of the SDK's runtime is the one TransformRequest was generated against.
    request.setProperties(Struct.fromJavaScript(props) as never);
    const response = TransformResponse.deserializeBinary(
      (await invoke(transform, request)).getResponse_asU8(),
    );
    props = response.getProperties()?.toJavaScript() ?? props;
  }
  return props;
}
