import { type ClientSettings, SparkConnectClient } from "./client.ts";
import { parseConnectionString } from "./connection-string.ts";
import { SparkConnectClientError } from "./errors.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./retry.ts";
import { RuntimeConfig } from "./runtime-config.ts";

/** Builds a SparkSession: `SparkSession.builder().remote("sc://host:port/;token=…").getOrCreate()`. */
export class SparkSessionBuilder {
  private url: string | undefined;
  private readonly configs = new Map<string, string>();
  private settings: ClientSettings = {};

  /** The `sc://host:port/;token=…;user_id=…;session_id=…;use_ssl=…` connection string. */
  remote(url: string): this {
    this.url = url;
    return this;
  }

  /** A runtime SQL configuration set on the server session when it is created. */
  config(key: string, value: string | number | boolean): this {
    this.configs.set(key, String(value));
    return this;
  }

  /** Retries of transient gRPC failures (UNAVAILABLE); `{ maxRetries: 0 }` turns them off. */
  retryPolicy(policy: Partial<RetryPolicy>): this {
    this.settings = { ...this.settings, retryPolicy: { ...defaultPolicyOf(this.settings), ...policy } };
    return this;
  }

  /** A new session. The server is first contacted by the first call that needs it (or by `config`s given here). */
  async create(): Promise<SparkSession> {
    const url = this.url ?? process.env.SPARK_REMOTE;
    if (url === undefined) {
      throw new SparkConnectClientError(
        'No Spark Connect URL: call .remote("sc://host:port") on the builder or set SPARK_REMOTE',
      );
    }
    const client = new SparkConnectClient(parseConnectionString(url), this.settings);
    const session = new SparkSession(client);
    if (this.configs.size > 0) {
      await client.config({
        case: "set",
        value: { pairs: [...this.configs].map(([key, value]) => ({ key, value })) },
      });
    }
    return session;
  }

  /** Same as `create()`: each call opens its own session, so stopping one never stops another's. */
  getOrCreate(): Promise<SparkSession> {
    return this.create();
  }
}

function defaultPolicyOf(settings: ClientSettings): RetryPolicy {
  return settings.retryPolicy ?? defaultRetryPolicy;
}

/** The entry point: a session on a Spark Connect server. */
export class SparkSession {
  readonly conf: RuntimeConfig;

  /** @internal Use `SparkSession.builder()`. */
  constructor(readonly client: SparkConnectClient) {
    this.conf = new RuntimeConfig(client);
  }

  static builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  /** The session id (a UUID) this client chose, as the server knows it. */
  get sessionId(): string {
    return this.client.sessionId;
  }

  /** The server's Spark version, e.g. "4.2.0" (asks the server: AnalyzePlan SparkVersion). */
  async version(): Promise<string> {
    const response = await this.client.analyze({ case: "sparkVersion", value: {} });
    if (response.result.case !== "sparkVersion") {
      throw new SparkConnectClientError(
        `Expected a Spark version from the server, got "${response.result.case}"`,
      );
    }
    return response.result.value.version;
  }

  /** Releases the server session (its temp views, configs and queries) and closes the connection. */
  async stop(): Promise<void> {
    await this.client.close();
  }
}
