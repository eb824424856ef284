import { define } from "./define.ts";

/** CRC-32 checksum as a bigint. */
export const crc32 = define("crc32", ["col"]);
/** SHA-1 digest as a hex string; an alias of sha1. */
export const sha = define("sha", ["col"]);
/** SHA-1 digest as a hex string. */
export const sha1 = define("sha1", ["col"]);
