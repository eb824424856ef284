import type { Program } from "../program.ts";
import { aggregatePrograms } from "./aggregates.ts";
import { catalogPrograms } from "./catalog.ts";
import { collectionPrograms } from "./collections.ts";
import { columnPrograms } from "./columns.ts";
import { dataframeApiPrograms } from "./dataframe-api.ts";
import { errorPrograms } from "./errors.ts";
import { functionPrograms } from "./functions.ts";
import { joinPrograms } from "./joins.ts";
import { jsonPrograms } from "./json.ts";
import { nullPrograms } from "./nulls.ts";
import { sessionPrograms } from "./session.ts";
import { sourcePrograms } from "./sources.ts";
import { sqlPrograms } from "./sql.ts";
import { subqueryPrograms } from "./subqueries.ts";
import { transformationPrograms } from "./transformations.ts";
import { typePrograms } from "./types.ts";
import { windowPrograms } from "./windows.ts";

/** Every conformance program, by group. */
export const programs: Program[] = [
  ...typePrograms,
  ...functionPrograms,
  ...aggregatePrograms,
  ...windowPrograms,
  ...joinPrograms,
  ...nullPrograms,
  ...jsonPrograms,
  ...collectionPrograms,
  ...sqlPrograms,
  ...errorPrograms,
  ...transformationPrograms,
  ...dataframeApiPrograms,
  ...columnPrograms,
  ...subqueryPrograms,
  ...sessionPrograms,
  ...catalogPrograms,
  ...sourcePrograms,
];
