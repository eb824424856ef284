import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";

/** `google.rpc.ErrorInfo` as Spark Connect fills it: `reason` is the JVM class, `metadata` has errorId, classes, sqlState… */
export interface ErrorInfo {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

const errorInfoTypeUrl = "type.googleapis.com/google.rpc.ErrorInfo";

/**
 * Reads the `ErrorInfo` out of a `grpc-status-details-bin` trailer (a serialized `google.rpc.Status`).
 * Decoded by hand: the two messages are tiny and not part of Spark's protos.
 */
export function errorInfoFromStatusDetails(statusBytes: Uint8Array): ErrorInfo | undefined {
  const reader = new BinaryReader(statusBytes);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 3 && wireType === WireType.LengthDelimited) {
      const any = readAny(reader.bytes());
      if (any.typeUrl === errorInfoTypeUrl) return readErrorInfo(any.value);
    } else {
      reader.skip(wireType, field);
    }
  }
  return undefined;
}

function readAny(bytes: Uint8Array): { typeUrl: string; value: Uint8Array } {
  const reader = new BinaryReader(bytes);
  let typeUrl = "";
  let value: Uint8Array = new Uint8Array();
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) typeUrl = reader.string();
    else if (field === 2) value = reader.bytes();
    else reader.skip(wireType, field);
  }
  return { typeUrl, value };
}

function readErrorInfo(bytes: Uint8Array): ErrorInfo {
  const reader = new BinaryReader(bytes);
  const info: ErrorInfo = { reason: "", domain: "", metadata: {} };
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) info.reason = reader.string();
    else if (field === 2) info.domain = reader.string();
    else if (field === 3) {
      const entry = new BinaryReader(reader.bytes());
      let key = "";
      let value = "";
      while (entry.pos < entry.len) {
        const [entryField, entryWire] = entry.tag();
        if (entryField === 1) key = entry.string();
        else if (entryField === 2) value = entry.string();
        else entry.skip(entryWire, entryField);
      }
      info.metadata[key] = value;
    } else {
      reader.skip(wireType, field);
    }
  }
  return info;
}
