import { define } from "./define.ts";

/** A struct parsed from an XML string with a schema and options. */
export const from_xml = define("from_xml", ["col", "schema", "options?"]);
/** The DDL schema of an XML string. */
export const schema_of_xml = define("schema_of_xml", ["str", "options?"]);
/** A struct as an XML string. */
export const to_xml = define("to_xml", ["col", "options?"]);
/** All values in an XML string matching an XPath expression, as strings. */
export const xpath = define("xpath", ["col", "col"]);
/** True if the XPath expression matches. */
export const xpath_boolean = define("xpath_boolean", ["col", "col"]);
/** The XPath expression's value as a double. */
export const xpath_double = define("xpath_double", ["col", "col"]);
/** The XPath expression's value as a float. */
export const xpath_float = define("xpath_float", ["col", "col"]);
/** The XPath expression's value as an int. */
export const xpath_int = define("xpath_int", ["col", "col"]);
/** The XPath expression's value as a bigint. */
export const xpath_long = define("xpath_long", ["col", "col"]);
/** The XPath expression's value as a double. */
export const xpath_number = define("xpath_number", ["col", "col"]);
/** The XPath expression's value as a smallint. */
export const xpath_short = define("xpath_short", ["col", "col"]);
/** The text of the first node matching the XPath expression. */
export const xpath_string = define("xpath_string", ["col", "col"]);
