import { Table } from "apache-arrow";
import { sparkStructOf } from "./arrow.ts";
import { type ArtifactKind, addArtifacts, copyFromLocalToFs } from "./artifacts.ts";
import { Catalog } from "./catalog.ts";
import { type ClientSettings, SparkConnectClient } from "./client.ts";
import { lit } from "./column.ts";
import { parseConnectionString } from "./connection-string.ts";
import { DataFrame } from "./dataframe.ts";
import { SparkConnectClientError } from "./errors.ts";
import { type ProgressHandler, ProgressHandlers } from "./execution-progress.ts";
import { inferSchema, type LocalRows, tableOfRows, toIpc, withoutDictionaries } from "./local-data.ts";
import type { Observation } from "./observation.ts";
import type { RelationInit } from "./plan.ts";
import { DataFrameReader } from "./reader.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./retry.ts";
import { RuntimeConfig } from "./runtime-config.ts";
import { StreamingQueryManager } from "./streaming/manager.ts";
import { DataStreamReader } from "./streaming/reader.ts";
import { TableValuedFunction } from "./table-valued-functions.ts";
import { parseDDL, type StructType, toDDL } from "./types.ts";

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
    SparkSession.setActiveIfNone(session);
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

/** The session made first (and not stopped since), as PySpark's active session. */
let activeSession: SparkSession | undefined;

/** The entry point: a session on a Spark Connect server. */
export class SparkSession {
  readonly conf: RuntimeConfig;
  /** The session's streaming queries. */
  readonly streams: StreamingQueryManager;
  /** Databases, tables, functions and caching (`spark.catalog.listTables()`…). */
  readonly catalog: Catalog;
  /** Table-valued functions as DataFrames (`spark.tvf.explode(…)`). */
  readonly tvf: TableValuedFunction;
  private planIds = 0;
  private readonly progressHandlers = new ProgressHandlers();
  private readonly observations = new Map<string, Observation>();

  /** @internal Use `SparkSession.builder()`. */
  constructor(readonly client: SparkConnectClient) {
    this.conf = new RuntimeConfig(client);
    this.streams = new StreamingQueryManager(this);
    this.catalog = new Catalog(this);
    this.tvf = new TableValuedFunction(this);
    client.onResponse((response) => {
      this.progressHandlers.observe(response);
      for (const observed of response.observedMetrics) this.observations.get(observed.name)?.record(observed);
    });
  }

  /** @internal Routes the metrics named like `observation` to it when an action runs. */
  registerObservation(observation: Observation): void {
    this.observations.set(observation.name, observation);
  }

  /** Calls `handler` with the progress of every operation this session runs (stages, tasks, done). */
  registerProgressHandler(handler: ProgressHandler): void {
    this.progressHandlers.add(handler);
  }
  removeProgressHandler(handler: ProgressHandler): void {
    this.progressHandlers.remove(handler);
  }
  clearProgressHandlers(): void {
    this.progressHandlers.clear();
  }

  /** A DataFrame with no rows, of the given schema (a StructType or DDL), as PySpark's `emptyDataFrame(schema)`. */
  emptyDataFrame(schema: StructType | string): DataFrame {
    return this.createDataFrame([], schema);
  }

  /**
   * Uploads local files to the session, as PySpark's `addArtifacts`: `.jar` files to the
   * server's class path, others as files (`kind: "archive"` for archives to unpack).
   */
  addArtifacts(...pathsAndOptions: (string | { kind: ArtifactKind })[]): Promise<void> {
    const paths = pathsAndOptions.filter((a): a is string => typeof a === "string");
    const options = pathsAndOptions.find((a): a is { kind: ArtifactKind } => typeof a === "object");
    return addArtifacts(this.client, paths, options?.kind);
  }

  addArtifact(...pathsAndOptions: (string | { kind: ArtifactKind })[]): Promise<void> {
    return this.addArtifacts(...pathsAndOptions);
  }

  /** @internal A plan id unique in this session, so columns resolve against the right DataFrame. */
  nextPlanId(): bigint {
    return BigInt(this.planIds++);
  }

  /** A batch reader: `spark.read.format("json").schema(...).load(path)`. */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /** A streaming reader: `spark.readStream.format("kafka").option(...).load()`. */
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /**
   * Runs a SQL statement as PySpark does: commands (DDL, INSERT…) run now, queries become a lazy
   * DataFrame. `args` binds named (`:name`) or positional (`?`) parameters.
   */
  async sql(query: string, args?: Record<string, unknown> | unknown[]): Promise<DataFrame> {
    const toExpr = (value: unknown) => lit(value).expr;
    const sqlRelation: RelationInit = {
      common: { planId: this.nextPlanId() },
      relType: {
        case: "sql",
        value: Array.isArray(args)
          ? { query, posArguments: args.map(toExpr) }
          : {
              query,
              namedArguments: Object.fromEntries(Object.entries(args ?? {}).map(([k, v]) => [k, toExpr(v)])),
            },
      },
    };
    const result = await this.client.command(
      { case: "sqlCommand", value: { input: sqlRelation } },
      "sqlCommandResult",
    );
    return new DataFrame(this, result.relation ?? sqlRelation);
  }

  /** Ids from `start` (inclusive) to `end` (exclusive) in a column `id`; `range(n)` is 0…n-1. */
  range(
    start: number | bigint,
    end?: number | bigint,
    step: number | bigint = 1,
    numPartitions?: number,
  ): DataFrame {
    const [from, to] = end === undefined ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    return new DataFrame(this, {
      common: { planId: this.nextPlanId() },
      relType: { case: "range", value: { start: from, end: to, step: BigInt(step), numPartitions } },
    });
  }

  /** A table or view by name. */
  table(name: string): DataFrame {
    return this.read.table(name);
  }

  /**
   * A DataFrame of local data, sent to the server as Arrow IPC in a LocalRelation: an Arrow
   * Table as is, or rows (objects or arrays) with a schema as a StructType, a DDL string
   * (`"id BIGINT, name STRING"`), column names (types inferred), or nothing (all inferred).
   */
  createDataFrame(data: Table | LocalRows, schema?: StructType | string | string[]): DataFrame {
    let table: Table;
    if (data instanceof Table) {
      table = withoutDictionaries(data);
    } else {
      const struct =
        typeof schema === "string"
          ? parseDDL(schema)
          : Array.isArray(schema) || schema === undefined
            ? inferSchema(data, schema)
            : schema;
      table = tableOfRows(data, struct);
    }
    const struct =
      data instanceof Table && schema === undefined ? sparkStructOf(table.schema.fields) : undefined;
    const schemaText =
      typeof schema === "string"
        ? schema
        : schema !== undefined && !Array.isArray(schema)
          ? toDDL(schema)
          : struct
            ? toDDL(struct)
            : undefined;
    return new DataFrame(this, {
      common: { planId: this.nextPlanId() },
      relType: { case: "localRelation", value: { data: toIpc(table), schema: schemaText } },
    });
  }

  /** Tags every later operation of this session (until removed), for `interruptTag`. */
  addTag(tag: string): void {
    this.client.addTag(tag);
  }
  removeTag(tag: string): void {
    this.client.removeTag(tag);
  }
  getTags(): string[] {
    return this.client.getTags();
  }
  clearTags(): void {
    this.client.clearTags();
  }

  /** Interrupts every running operation of this session; returns the interrupted operation ids. */
  interruptAll(): Promise<string[]> {
    return this.client.interrupt({ all: true });
  }
  /** Interrupts the running operations carrying `tag`. */
  interruptTag(tag: string): Promise<string[]> {
    return this.client.interrupt({ tag });
  }
  interruptOperation(operationId: string): Promise<string[]> {
    return this.client.interrupt({ operationId });
  }

  static builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  /** @internal Makes `session` the active one unless a live session already is. */
  static setActiveIfNone(session: SparkSession): void {
    if (activeSession === undefined || activeSession.is_stopped) activeSession = session;
  }

  /** The active session (the first one built and not stopped since), or undefined. */
  static getActiveSession(): SparkSession | undefined {
    return activeSession?.is_stopped ? undefined : activeSession;
  }

  /** The active session; throws when there is none (build one with `SparkSession.builder()`). */
  static active(): SparkSession {
    const session = SparkSession.getActiveSession();
    if (session === undefined)
      throw new SparkConnectClientError(
        "No active SparkSession: create one with SparkSession.builder().remote(…).getOrCreate()",
      );
    return session;
  }

  /** The session id (a UUID) this client chose, as the server knows it. */
  get sessionId(): string {
    return this.client.sessionId;
  }
  /** PySpark's spelling of `sessionId`. */
  get session_id(): string {
    return this.sessionId;
  }

  /** Whether `stop()` was called on this session. */
  get is_stopped(): boolean {
    return this.client.isClosed;
  }

  /**
   * A copy of this session made on the server: its configs, temporary views and functions are
   * copied into a new, independent session (id `newSessionId`, a UUID, or one chosen for it).
   */
  async cloneSession(newSessionId?: string): Promise<SparkSession> {
    return new SparkSession(await this.client.cloneSession(newSessionId));
  }

  /**
   * Copies a local file to `destPath` (an absolute path without scheme) on the server's default
   * file system, as PySpark's `copyFromLocalToFs`; the server must allow it.
   */
  copyFromLocalToFs(localPath: string, destPath: string): Promise<void> {
    return copyFromLocalToFs(this.client, localPath, destPath);
  }

  /** The server's Spark version, e.g. "4.2.0" (asks the server: AnalyzePlan SparkVersion). */
  async version(): Promise<string> {
    const { version } = await this.client.analyze({ case: "sparkVersion", value: {} });
    return version;
  }

  /** Releases the server session (its temp views, configs and queries) and closes the connection. */
  async stop(): Promise<void> {
    await this.client.close();
  }
}
