import { define } from "./define.ts";

/** A variant parsed from a JSON string (fails on invalid JSON). */
export const parse_json = define("parse_json", ["col"]);
/** A variant parsed from a JSON string, null on invalid JSON. */
export const try_parse_json = define("try_parse_json", ["col"]);
/** True if the variant holds a variant null (not an SQL null). */
export const is_variant_null = define("is_variant_null", ["col"]);
/** True if the binary is a valid variant encoding. */
export const is_valid_variant = define("is_valid_variant", ["col"]);
/** The value at a JSON path of a variant, cast to a type (fails when it cannot be). */
export const variant_get = define("variant_get", ["col", "str", "str"]);
/** The value at a JSON path of a variant, cast to a type, null when it cannot be. */
export const try_variant_get = define("try_variant_get", ["col", "str", "str"]);
/** The DDL schema of a variant. */
export const schema_of_variant = define("schema_of_variant", ["col"]);
/** The merged DDL schema of all variants in the group. */
export const schema_of_variant_agg = define("schema_of_variant_agg", ["col"]);
/** A struct, map or array as a variant object. */
export const to_variant_object = define("to_variant_object", ["col"]);
