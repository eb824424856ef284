import { Column, type ColumnOrName, callFunction, toColumn } from "../column.ts";
import type { DataFrame } from "../dataframe.ts";
import { define } from "./define.ts";

/** Marks a DataFrame as small enough to broadcast to every executor in a join (a `broadcast` hint). */
export function broadcast(df: DataFrame): DataFrame {
  return df.hint("broadcast");
}
/** Calls a SQL function by name: a built-in, a temporary one, or a catalog function (`catalog.db.fn`). */
export function call_function(name: string, ...columns: ColumnOrName[]): Column {
  return new Column({
    exprType: {
      case: "callFunction",
      value: { functionName: name, arguments: columns.map((c) => toColumn(c).expr) },
    },
  });
}
/** Calls a user-defined function registered on the server by name. */
export function call_udf(name: string, ...columns: ColumnOrName[]): Column {
  return callFunction(name, ...columns);
}
/** The Spark SQL type name of the value, as a string (exported as `typeof`). */
const typeof_ = define("typeof", ["col"]);

export { typeof_ as typeof };

/** Null if the condition holds, else an error with the optional message. */
export const assert_true = define("assert_true", ["col", "str?"]);
/** Fails the query with the message. */
export const raise_error = define("raise_error", ["str"]);
/** The current catalog. */
export const current_catalog = define("current_catalog", []);
/** The current database; an alias of current_schema. */
export const current_database = define("current_database", []);
/** The current database. */
export const current_schema = define("current_schema", []);
/** The current SQL path. */
export const current_path = define("current_path", []);
/** The user of the session. */
export const current_user = define("current_user", []);
/** The user of the session; an alias of current_user. */
export const session_user = define("session_user", []);
/** The user of the session; an alias of current_user. */
export const user = define("user", []);
/** The Spark version and build. */
export const version = define("version", []);
/** The file being read by the task (empty when unknown). */
export const input_file_name = define("input_file_name", []);
/** Start offset of the block being read (-1 when unknown). */
export const input_file_block_start = define("input_file_block_start", []);
/** Length of the block being read (-1 when unknown). */
export const input_file_block_length = define("input_file_block_length", []);
/** Calls a static Java method by reflection: class, method, then arguments. */
export const java_method = define("java_method", ["...col"]);
/** Calls a static Java method by reflection; an alias of java_method. */
export const reflect = define("reflect", ["...col"]);
/** As reflect, but null instead of failing. */
export const try_reflect = define("try_reflect", ["...col"]);
/** Splits the following values into n rows (n is the first argument). */
export const stack = define("stack", ["...col"]);
/** The underlying value of a user-defined type. */
export const unwrap_udt = define("unwrap_udt", ["col"]);
/** AES encryption of a binary with a key (mode default GCM, padding DEFAULT, optional iv and aad). */
export const aes_encrypt = define("aes_encrypt", [
  "col",
  "col",
  ["col", "GCM"],
  ["col", "DEFAULT"],
  ["col", ""],
  ["col", ""],
]);
/** AES decryption of a binary with a key (mode default GCM, padding DEFAULT, optional aad). */
export const aes_decrypt = define("aes_decrypt", [
  "col",
  "col",
  ["col", "GCM"],
  ["col", "DEFAULT"],
  ["col", ""],
]);
/** As aes_decrypt, but null instead of failing. */
export const try_aes_decrypt = define("try_aes_decrypt", [
  "col",
  "col",
  ["col", "GCM"],
  ["col", "DEFAULT"],
  ["col", ""],
]);
