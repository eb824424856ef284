import { define } from "./define.ts";

/** A struct parsed from a CSV string with a schema (DDL or Column) and options. */
export const from_csv = define("from_csv", ["col", "schema", "options?"]);
/** The DDL schema of a CSV string. */
export const schema_of_csv = define("schema_of_csv", ["str", "options?"]);
/** A struct as a CSV string. */
export const to_csv = define("to_csv", ["col", "options?"]);
