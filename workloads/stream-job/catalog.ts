import { SERVICE_CATALOG, SERVICE_CATALOG_FIELDS, type ServiceCatalogEntry } from "../contract/log-event.ts";
import { type Column, col, type DataFrame, type SparkSession } from "../spark-connect/index.ts";

const sparkTypes = { string: "STRING", integer: "INT", double: "DOUBLE" } as const;

/** The service catalog's schema in DDL, derived from the contract's field list. */
export function serviceCatalogDdl(): string {
  return SERVICE_CATALOG_FIELDS.map((field) => `${field.name} ${sparkTypes[field.type]}`).join(", ");
}

/**
 * The service catalog (owner team, tier, latency SLO, error budget) as a DataFrame: built here
 * in TypeScript and sent to Spark as Arrow IPC inside a LocalRelation, to be joined to the stream.
 */
export function serviceCatalogFrame(
  session: SparkSession,
  catalog: readonly ServiceCatalogEntry[] = SERVICE_CATALOG,
): DataFrame {
  const rows = catalog.map((entry) => SERVICE_CATALOG_FIELDS.map((field) => entry[field.name]));
  return session.createDataFrame(rows, serviceCatalogDdl());
}

/** The catalog's columns other than the join key, as the queries group by and emit them. */
export function catalogColumns(): Column[] {
  return SERVICE_CATALOG_FIELDS.filter((field) => field.name !== "service").map((field) => col(field.name));
}
