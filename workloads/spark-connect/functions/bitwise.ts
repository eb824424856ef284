import { define } from "./define.ts";

/** Number of bits set. */
export const bit_count = define("bit_count", ["col"]);
/** The bit (0 or 1) at a position counted from the right, from 0. */
export const bit_get = define("bit_get", ["col", "col"]);
/** The bit at a position; an alias of bit_get. */
export const getbit = define("getbit", ["col", "col"]);
/** Bitwise NOT. */
export const bitwise_not = define("~", ["col"]);
/** Bitwise shift left. */
export const shiftleft = define("shiftleft", ["col", "int"]);
/** Bitwise (signed) shift right. */
export const shiftright = define("shiftright", ["col", "int"]);
/** Bitwise unsigned shift right. */
export const shiftrightunsigned = define("shiftrightunsigned", ["col", "int"]);
