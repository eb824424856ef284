/**
 * The differences from PySpark that this client keeps on purpose. Each is documented, with its
 * reason, in docs/spark-connect.md under "Differences from PySpark in results"; a program that
 * shows one names it, and the suite checks that the difference is still there (so a fix shows up).
 */
export const differences = {
  "duplicate-column-names":
    "Rows are objects keyed by column name, so of two columns with the same name only the last is kept.",
  "to-schema-reports-the-given-schema":
    "df.to(schema).schema in PySpark is the schema given, cached by the client; the server's keeps non-nullable columns non-nullable.",
} as const;

export type DifferenceId = keyof typeof differences;
