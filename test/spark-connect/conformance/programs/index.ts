import type { Program } from "../program.ts";
import { aggregatePrograms } from "./aggregates.ts";
import { collectionPrograms } from "./collections.ts";
import { dataframeApiPrograms } from "./dataframe-api.ts";
import { errorPrograms } from "./errors.ts";
import { functionPrograms } from "./functions.ts";
import { joinPrograms } from "./joins.ts";
import { jsonPrograms } from "./json.ts";
import { nullPrograms } from "./nulls.ts";
import { sqlPrograms } from "./sql.ts";
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
];
