import type { SparkConnectClient } from "./client.ts";

/** `spark.conf`: the session's runtime SQL configuration on the server. */
export class RuntimeConfig {
  constructor(private readonly client: SparkConnectClient) {}

  async set(key: string, value: string | number | boolean): Promise<void> {
    await this.client.config({ case: "set", value: { pairs: [{ key, value: String(value) }] } });
  }

  /** The value of `key`; `defaultValue` when it is unset, or an error from the server when it has no default either. */
  async get(key: string, defaultValue?: string): Promise<string | undefined> {
    if (defaultValue !== undefined) {
      const response = await this.client.config({
        case: "getWithDefault",
        value: { pairs: [{ key, value: defaultValue }] },
      });
      return response.pairs[0]?.value;
    }
    const response = await this.client.config({ case: "get", value: { keys: [key] } });
    return response.pairs[0]?.value;
  }

  /** The value of `key`, or undefined when it is not set (never an error for an unknown key). */
  async getOption(key: string): Promise<string | undefined> {
    const response = await this.client.config({ case: "getOption", value: { keys: [key] } });
    return response.pairs[0]?.value;
  }

  async getAll(prefix?: string): Promise<Record<string, string>> {
    const response = await this.client.config({ case: "getAll", value: { prefix } });
    return Object.fromEntries(response.pairs.map((pair) => [pair.key, pair.value ?? ""]));
  }

  async unset(key: string): Promise<void> {
    await this.client.config({ case: "unset", value: { keys: [key] } });
  }

  async isModifiable(key: string): Promise<boolean> {
    const response = await this.client.config({ case: "isModifiable", value: { keys: [key] } });
    return response.pairs[0]?.value === "true";
  }
}
