import { define } from "./define.ts";

/** A part (HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO) of a URL, or a query parameter by key. */
export const parse_url = define("parse_url", ["col", "col", "col?"]);
/** As parse_url, but null instead of failing on an invalid URL. */
export const try_parse_url = define("try_parse_url", ["col", "col", "col?"]);
/** A string decoded from application/x-www-form-urlencoded. */
export const url_decode = define("url_decode", ["col"]);
/** As url_decode, but null instead of failing. */
export const try_url_decode = define("try_url_decode", ["col"]);
/** A string encoded as application/x-www-form-urlencoded. */
export const url_encode = define("url_encode", ["col"]);
