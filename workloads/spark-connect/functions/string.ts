import { type Column, type ColumnOrName, callFunction, lit } from "../column.ts";
import { define } from "./define.ts";

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
/** The string without leading/trailing spaces (or the characters of `trimChars`, a Column or column name). */
export function trim(column: ColumnOrName, trimChars?: ColumnOrName): Column {
  return trimChars === undefined ? callFunction("trim", column) : callFunction("trim", trimChars, column);
}
/** The string without leading/trailing spaces (or the characters of `trimChars`, a Column or column name). */
export function ltrim(column: ColumnOrName, trimChars?: ColumnOrName): Column {
  return trimChars === undefined ? callFunction("ltrim", column) : callFunction("ltrim", trimChars, column);
}
/** The string without leading/trailing spaces (or the characters of `trimChars`, a Column or column name). */
export function rtrim(column: ColumnOrName, trimChars?: ColumnOrName): Column {
  return trimChars === undefined ? callFunction("rtrim", column) : callFunction("rtrim", trimChars, column);
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

/** Code point of the first character. */
export const ascii = define("ascii", ["col"]);
/** Length in bits. */
export const bit_length = define("bit_length", ["col"]);
/** The string with the given characters (default spaces) removed from both ends. */
export const btrim = define("btrim", ["col", "col?"]);
/** The character of a code point (modulo 256). */
export const char = define("char", ["col"]);
/** Length in characters. */
export const char_length = define("char_length", ["col"]);
/** Length in characters. */
export const character_length = define("character_length", ["col"]);
/** The string with the given collation. */
export const collate = define("collate", ["col", "str"]);
/** The collation name of a string. */
export const collation = define("collation", ["col"]);
/** True if the right string occurs in the left one. */
export const contains = define("contains", ["col", "col"]);
/** The n-th of the following inputs (n is the first argument, 1-based). */
export const elt = define("elt", ["...col"]);
/** True if the string ends with the suffix. */
export const endswith = define("endswith", ["col", "col"]);
/** True if the string starts with the prefix. */
export const startswith = define("startswith", ["col", "col"]);
/** 1-based index of the string in a comma-separated list (0 if absent). */
export const find_in_set = define("find_in_set", ["col", "col"]);
/** The number formatted like "#,###,###.##" with d decimal places. */
export const format_number = define("format_number", ["col", "int"]);
/** Case-insensitive SQL LIKE with an optional escape character. */
export const ilike = define("ilike", ["col", "col", "column?"]);
/** SQL LIKE with an optional escape character. */
export const like = define("like", ["col", "col", "column?"]);
/** Each word with its first letter upper case. */
export const initcap = define("initcap", ["col"]);
/** Lower case; an alias of lower. */
export const lcase = define("lcase", ["col"]);
/** Upper case; an alias of upper. */
export const ucase = define("ucase", ["col"]);
/** The leftmost len characters. */
export const left = define("left", ["col", "col"]);
/** The rightmost len characters. */
export const right = define("right", ["col", "col"]);
/** Levenshtein distance of two strings (null above an optional threshold). */
export const levenshtein = define("levenshtein", ["col", "col", "int?"]);
/** 1-based position of substr in the string at or after pos (0 if absent). */
export const locate = define("locate", ["str", "col", ["int", 1]]);
/** The string with upper, lower, digit and other characters replaced (defaults "X", "x", "n", unchanged). */
export const mask = define("mask", ["col", ["col", "X"], ["col", "x"], ["col", "n"], ["col", null]]);
/** Length in bytes. */
export const octet_length = define("octet_length", ["col"]);
/** The string with len characters from a 1-based pos replaced by another string. */
export const overlay = define("overlay", ["col", "col", "colOrNumber", ["colOrNumber", -1]]);
/** 1-based position of substr in the string at or after start (0 if absent). */
export const position = define("position", ["col", "col", "col?"]);
/** A string formatted printf-style. */
export const printf = define("printf", ["col", "...col"]);
/** The string quoted as a SQL string literal. */
export const quote = define("quote", ["col"]);
/** True if the string matches the Java regular expression; an alias of rlike. */
export const regexp = define("regexp", ["col", "col"]);
/** True if the string matches the Java regular expression. */
export const rlike = define("rlike", ["col", "col"]);
/** Number of matches of the regular expression. */
export const regexp_count = define("regexp_count", ["col", "col"]);
/** All matches of a group (default 1) of the regular expression. */
export const regexp_extract_all = define("regexp_extract_all", ["col", "col", "int?"]);
/** 1-based position of the first match of the regular expression (0 if none). */
export const regexp_instr = define("regexp_instr", ["col", "col", "int?"]);
/** The first substring matching the regular expression. */
export const regexp_substr = define("regexp_substr", ["col", "col"]);
/** The string repeated n times. */
export const repeat = define("repeat", ["col", "colOrNumber"]);
/** The string with every occurrence of search replaced (removed when no replacement). */
export const replace = define("replace", ["col", "col", "col?"]);
/** The string split into an array of sentences, each an array of words. */
export const sentences = define("sentences", ["col", ["col", ""], ["col", ""]]);
/** Soundex code of the string. */
export const soundex = define("soundex", ["col"]);
/** The partNum-th field after splitting by a delimiter (negative counts from the end). */
export const split_part = define("split_part", ["col", "col", "col"]);
/** Substring from a 1-based pos, of len characters (to the end when omitted). */
export const substr = define("substr", ["col", "col", "col?"]);
/** The part before count occurrences of delim (after, when count is negative). */
export const substring_index = define("substring_index", ["col", "str", "int"]);
/** Binary from a string in a format: "hex" (default), "utf-8" or "base64". */
export const to_binary = define("to_binary", ["col", "col?"]);
/** As to_binary, but null instead of failing. */
export const try_to_binary = define("try_to_binary", ["col", "col?"]);
/** A number, date, timestamp or binary formatted as a string. */
export const to_char = define("to_char", ["col", "col"]);
/** A value formatted as a string; an alias of to_char. */
export const to_varchar = define("to_varchar", ["col", "col"]);
/** A string parsed as a decimal with a format such as "999.99". */
export const to_number = define("to_number", ["col", "col"]);
/** As to_number, but null instead of failing. */
export const try_to_number = define("try_to_number", ["col", "col"]);
/** The string with each character in matching replaced by the one at the same position in replace. */
export const translate = define("translate", ["col", "str", "str"]);
/** Binary decoded from a base64 string. */
export const unbase64 = define("unbase64", ["col"]);
/** True if the string is valid UTF-8. */
export const is_valid_utf8 = define("is_valid_utf8", ["col"]);
/** The string with invalid UTF-8 sequences replaced by U+FFFD. */
export const make_valid_utf8 = define("make_valid_utf8", ["col"]);
/** The string if it is valid UTF-8, else an error. */
export const validate_utf8 = define("validate_utf8", ["col"]);
/** The string if it is valid UTF-8, else null. */
export const try_validate_utf8 = define("try_validate_utf8", ["col"]);
