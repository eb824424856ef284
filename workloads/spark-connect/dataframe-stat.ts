import { type ColumnOrName, toColumn } from "./column.ts";
import type { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import { literalOf } from "./literals.ts";

/**
 * `df.stat`: statistics computed by the server. `crosstab`, `freqItems` and `sampleBy` return
 * lazy DataFrames; `approxQuantile`, `corr` and `cov` run at once and return numbers, as in PySpark.
 */
export class DataFrameStatFunctions {
  constructor(private readonly df: DataFrame) {}

  /**
   * Approximate quantiles of one column (a list of numbers) or several (a list per column), within
   * `relativeError` (0 is exact and costly). Nulls are ignored.
   */
  approxQuantile(column: string, probabilities: number[], relativeError: number): Promise<number[]>;
  approxQuantile(columns: string[], probabilities: number[], relativeError: number): Promise<number[][]>;
  async approxQuantile(
    columns: string | string[],
    probabilities: number[],
    relativeError: number,
  ): Promise<number[] | number[][]> {
    if (probabilities.some((p) => !(p >= 0 && p <= 1)))
      throw new SparkConnectClientError("approxQuantile: every probability must be between 0 and 1");
    if (!(relativeError >= 0))
      throw new SparkConnectClientError("approxQuantile: relativeError must be >= 0");
    const cols = typeof columns === "string" ? [columns] : columns;
    const [row] = await this.df
      .derive({
        case: "approxQuantile",
        value: { input: this.df.relation, cols, probabilities, relativeError },
      })
      .collect();
    const quantiles = (Object.values(row ?? {})[0] ?? []) as number[][];
    return typeof columns === "string" ? (quantiles[0] ?? []) : quantiles;
  }

  /** Pearson correlation of two numeric columns (the only method Spark has). */
  async corr(col1: string, col2: string, method = "pearson"): Promise<number> {
    if (method !== "pearson")
      throw new SparkConnectClientError(`corr: method must be "pearson", got "${method}"`);
    return this.single(
      this.df.derive({ case: "corr", value: { input: this.df.relation, col1, col2, method } }),
    );
  }

  /** Sample covariance of two numeric columns. */
  async cov(col1: string, col2: string): Promise<number> {
    return this.single(this.df.derive({ case: "cov", value: { input: this.df.relation, col1, col2 } }));
  }

  /** A contingency table: one row per value of `col1`, one column per value of `col2`, counts inside. */
  crosstab(col1: string, col2: string): DataFrame {
    return this.df.derive({ case: "crosstab", value: { input: this.df.relation, col1, col2 } });
  }

  /** Values occurring in at least `support` (default 1%) of rows, per column, as `<col>_freqItems` arrays. */
  freqItems(columns: string[], support?: number): DataFrame {
    return this.df.derive({ case: "freqItems", value: { input: this.df.relation, cols: columns, support } });
  }

  /**
   * A stratified sample: each value of `column` kept with its fraction (0 when absent). Object
   * keys are strings; give a Map for strata of other types (`new Map([[0, 0.5], [1, 1]])`).
   */
  sampleBy(
    column: ColumnOrName,
    fractions: Record<string, number> | Map<unknown, number>,
    seed?: number,
  ): DataFrame {
    const entries = fractions instanceof Map ? [...fractions.entries()] : Object.entries(fractions);
    return this.df.derive({
      case: "sampleBy",
      value: {
        input: this.df.relation,
        col: toColumn(column).expr,
        fractions: entries.map(([stratum, fraction]) => ({ stratum: literalOf(stratum), fraction })),
        seed: BigInt(seed ?? Math.floor(Math.random() * 2 ** 31)),
      },
    });
  }

  private async single(df: DataFrame): Promise<number> {
    const [row] = await df.collect();
    return Number(Object.values(row ?? {})[0]);
  }
}
