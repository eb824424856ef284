import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";

export function concat(...columns: ColumnOrName[]): Column {
  return callFunction("concat", ...columns);
}
export function concat_ws(separator: string, ...columns: ColumnOrName[]): Column {
  return callFunction("concat_ws", lit(separator), ...columns);
}
export function upper(column: ColumnOrName): Column {
  return callFunction("upper", column);
}
export function lower(column: ColumnOrName): Column {
  return callFunction("lower", column);
}
export function trim(column: ColumnOrName): Column {
  return callFunction("trim", column);
}
export function ltrim(column: ColumnOrName): Column {
  return callFunction("ltrim", column);
}
export function rtrim(column: ColumnOrName): Column {
  return callFunction("rtrim", column);
}
export function length(column: ColumnOrName): Column {
  return callFunction("length", column);
}
export function substring(column: ColumnOrName, pos: number, len: number): Column {
  return callFunction("substring", column, lit(pos), lit(len));
}
export function split(column: ColumnOrName, pattern: string, limit = -1): Column {
  return callFunction("split", column, lit(pattern), lit(limit));
}
export function regexp_extract(column: ColumnOrName, pattern: string, idx: number): Column {
  return callFunction("regexp_extract", column, lit(pattern), lit(idx));
}
export function regexp_replace(column: ColumnOrName, pattern: string, replacement: string): Column {
  return callFunction("regexp_replace", column, lit(pattern), lit(replacement));
}
export function regexp_like(column: ColumnOrName, pattern: string): Column {
  return callFunction("regexp_like", column, lit(pattern));
}
export function lpad(column: ColumnOrName, len: number, pad: string): Column {
  return callFunction("lpad", column, lit(len), lit(pad));
}
export function rpad(column: ColumnOrName, len: number, pad: string): Column {
  return callFunction("rpad", column, lit(len), lit(pad));
}
export function format_string(format: string, ...columns: ColumnOrName[]): Column {
  return callFunction("format_string", lit(format), ...columns);
}
export function instr(column: ColumnOrName, substr: string): Column {
  return callFunction("instr", column, lit(substr));
}
export function md5(column: ColumnOrName): Column {
  return callFunction("md5", column);
}
export function sha2(column: ColumnOrName, numBits: number): Column {
  return callFunction("sha2", column, lit(numBits));
}
export function base64(column: ColumnOrName): Column {
  return callFunction("base64", column);
}
export function encode(column: ColumnOrName, charset: string): Column {
  return callFunction("encode", column, lit(charset));
}
export function decode(column: ColumnOrName, charset: string): Column {
  return callFunction("decode", column, lit(charset));
}
