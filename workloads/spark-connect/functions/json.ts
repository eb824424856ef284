import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";
import { define } from "./define.ts";

/** A struct, array or map parsed from a JSON string with a schema (StructType, DDL string or Column) and options. */
export const from_json = define("from_json", ["col", "schema", "options?"]);
/** A struct, array, map or variant as a JSON string. */
export const to_json = define("to_json", ["col", "options?"]);
export function get_json_object(column: ColumnOrName, path: string): Column {
  return callFunction("get_json_object", column, lit(path));
}
export function json_tuple(column: ColumnOrName, ...fields: string[]): Column {
  return callFunction("json_tuple", column, ...fields.map(lit));
}
/** The DDL schema of a JSON string (a literal or a Column). */
export const schema_of_json = define("schema_of_json", ["str", "options?"]);

/** Number of elements of the outermost JSON array (null if not an array). */
export const json_array_length = define("json_array_length", ["col"]);
/** The keys of the outermost JSON object as an array. */
export const json_object_keys = define("json_object_keys", ["col"]);
