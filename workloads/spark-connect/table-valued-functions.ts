import { type Column, lit, toColumnOrLiteral } from "./column.ts";
import { DataFrame } from "./dataframe.ts";
import type { SparkSession } from "./session.ts";

/**
 * `spark.tvf`: Spark's table-valued functions as lazy DataFrames, as PySpark's
 * `TableValuedFunction` (`spark.tvf.explode(array(lit(1), lit(2)))`, `spark.tvf.range(5)`).
 * Arguments are Columns or literal values.
 */
export class TableValuedFunction {
  constructor(private readonly session: SparkSession) {}

  /** Any table-valued function by name. */
  call(functionName: string, ...args: unknown[]): DataFrame {
    return new DataFrame(this.session, {
      common: { planId: this.session.nextPlanId() },
      relType: {
        case: "unresolvedTableValuedFunction",
        value: { functionName, arguments: args.map((a) => toColumnOrLiteral(a).expr) },
      },
    });
  }

  range(
    start: number | bigint,
    end?: number | bigint,
    step?: number | bigint,
    numPartitions?: number,
  ): DataFrame {
    const args = [start, end, step, numPartitions].filter((a) => a !== undefined);
    return this.call("range", ...args.map((a) => lit(a)));
  }
  explode(collection: Column): DataFrame {
    return this.call("explode", collection);
  }
  explode_outer(collection: Column): DataFrame {
    return this.call("explode_outer", collection);
  }
  posexplode(collection: Column): DataFrame {
    return this.call("posexplode", collection);
  }
  posexplode_outer(collection: Column): DataFrame {
    return this.call("posexplode_outer", collection);
  }
  /** Rows from an array of structs, one column per field. */
  inline(input: Column): DataFrame {
    return this.call("inline", input);
  }
  inline_outer(input: Column): DataFrame {
    return this.call("inline_outer", input);
  }
  json_tuple(input: Column, ...fields: (Column | string)[]): DataFrame {
    return this.call("json_tuple", input, ...fields);
  }
  /** `n` rows from the values that follow, filled column by column. */
  stack(n: number | Column, ...values: unknown[]): DataFrame {
    return this.call("stack", n, ...values);
  }
  sql_keywords(): DataFrame {
    return this.call("sql_keywords");
  }
  collations(): DataFrame {
    return this.call("collations");
  }
  variant_explode(input: Column): DataFrame {
    return this.call("variant_explode", input);
  }
  variant_explode_outer(input: Column): DataFrame {
    return this.call("variant_explode_outer", input);
  }
}
