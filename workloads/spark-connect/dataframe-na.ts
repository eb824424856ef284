import type { DataFrame } from "./dataframe.ts";
import { type LiteralInit, literalOf } from "./literals.ts";

/**
 * A fill value as PySpark sends it: whole numbers as 64-bit literals (the server's fill accepts
 * long, double, string and boolean only, so an INT literal would be refused), others as themselves.
 */
function fillLiteral(value: unknown): LiteralInit {
  if (typeof value === "number" && Number.isSafeInteger(value))
    return { literalType: { case: "long", value: BigInt(value) } };
  return literalOf(value);
}

/** `df.na`: filling, dropping and replacing nulls. */
export class DataFrameNaFunctions {
  constructor(private readonly df: DataFrame) {}

  /** Replaces nulls with `value` (a number, string or boolean) in `subset` or every compatible column, or per column from a map. */
  fill(value: unknown, subset?: string[]): DataFrame {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      return this.df.derive({
        case: "fillNa",
        value: {
          input: this.df.relation,
          cols: entries.map(([k]) => k),
          values: entries.map(([, v]) => fillLiteral(v)),
        },
      });
    }
    return this.df.derive({
      case: "fillNa",
      value: { input: this.df.relation, cols: subset ?? [], values: [fillLiteral(value)] },
    });
  }

  /** Drops rows with any (or all) nulls, or with fewer than `threshold` non-null values. */
  drop(how: "any" | "all" = "any", threshold?: number, subset?: string[]): DataFrame {
    const minNonNulls = threshold ?? (how === "all" ? 1 : undefined);
    return this.df.derive({
      case: "dropNa",
      value: { input: this.df.relation, cols: subset ?? [], minNonNulls },
    });
  }

  /** Replaces values: `replace({ "n/a": null, "-": "" })` in `subset` or all columns. */
  replace(replacements: Record<string, unknown> | Map<unknown, unknown>, subset?: string[]): DataFrame {
    const entries = replacements instanceof Map ? [...replacements.entries()] : Object.entries(replacements);
    return this.df.derive({
      case: "replace",
      value: {
        input: this.df.relation,
        cols: subset ?? [],
        replacements: entries.map(([oldValue, newValue]) => ({
          oldValue: literalOf(oldValue),
          newValue: literalOf(newValue),
        })),
      },
    });
  }
}
