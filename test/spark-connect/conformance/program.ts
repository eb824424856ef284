import type { DataFrame, SparkSession } from "../../../workloads/spark-connect/index.ts";
import type { DifferenceId } from "./differences.ts";

/**
 * One conformance program: the same work written with this client and with PySpark. Both run
 * on the same server against the same fixtures (fixtures.ts) and their results must be equal.
 */
export interface Program {
  /** Unique, `group/what-it-does`. */
  name: string;
  /** This client's program. */
  ts: (spark: SparkSession) => DataFrame | Promise<DataFrame>;
  /**
   * PySpark's program: an expression giving a DataFrame, or statements assigning `df`; `spark`,
   * `F` (functions), `T` (types), `Window`, `Row`, `datetime` and `Decimal` are in scope.
   */
  py: string;
  /** Compare rows in order (the program sorts); otherwise they are compared as a multiset. */
  ordered?: boolean;
  /** Both clients must fail, with the same Spark error class. */
  fails?: boolean;
  /** A difference from PySpark that docs/spark-connect.md documents: the results must differ. */
  difference?: DifferenceId;
}

/** Programs of one group, named `group/name`. */
export function group(name: string, programs: Program[]): Program[] {
  return programs.map((p) => ({ ...p, name: `${name}/${p.name}` }));
}
