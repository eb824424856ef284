import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";
import { type StructType, toDDL } from "../types.ts";

type JsonOptions = Record<string, string>;

function optionsMap(options: JsonOptions | undefined): Column[] {
  if (options === undefined || Object.keys(options).length === 0) return [];
  return [callFunction("map", ...Object.entries(options).flatMap(([k, v]) => [lit(k), lit(v)]))];
}

/** Parses a JSON string column with a schema given as a StructType or a DDL string. */
export function from_json(
  column: ColumnOrName,
  schema: StructType | string | Column,
  options?: JsonOptions,
): Column {
  const schemaColumn =
    typeof schema === "string" ? lit(schema) : "kind" in schema ? lit(toDDL(schema)) : schema;
  return callFunction("from_json", column, schemaColumn, ...optionsMap(options));
}
export function to_json(column: ColumnOrName, options?: JsonOptions): Column {
  return callFunction("to_json", column, ...optionsMap(options));
}
export function get_json_object(column: ColumnOrName, path: string): Column {
  return callFunction("get_json_object", column, lit(path));
}
export function json_tuple(column: ColumnOrName, ...fields: string[]): Column {
  return callFunction("json_tuple", column, ...fields.map(lit));
}
export function schema_of_json(json: string | Column): Column {
  return callFunction("schema_of_json", typeof json === "string" ? lit(json) : json);
}
