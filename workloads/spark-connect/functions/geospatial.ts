import { define } from "./define.ts";

/** A geometry or geography as WKB, with an optional endianness. */
export const st_asbinary = define("st_asbinary", ["col", "str?"]);
/** A geography parsed from WKB. */
export const st_geogfromwkb = define("st_geogfromwkb", ["col"]);
/** A geometry parsed from WKB, with an optional SRID. */
export const st_geomfromwkb = define("st_geomfromwkb", ["col", "colOrNumber?"]);
/** The geometry or geography with a new SRID. */
export const st_setsrid = define("st_setsrid", ["col", "colOrNumber"]);
/** The SRID of a geometry or geography. */
export const st_srid = define("st_srid", ["col"]);
