type OptionValue = string | number | boolean;

/** The format and the options a reader or writer, batch or streaming, collects before it runs. */
export abstract class OptionsBuilder {
  protected formatName: string | undefined;
  /** Option values as the server takes them: strings. */
  protected readonly settings: Record<string, string> = {};

  /** The data source or sink: `parquet`, `json`, `kafka`, `console`… */
  format(name: string): this {
    this.formatName = name;
    return this;
  }
  /** A format option (for a streaming writer, `checkpointLocation` too, as in PySpark). */
  option(key: string, value: OptionValue): this {
    this.settings[key] = String(value);
    return this;
  }
  options(options: Record<string, OptionValue>): this {
    for (const [key, value] of Object.entries(options)) this.option(key, value);
    return this;
  }
}
