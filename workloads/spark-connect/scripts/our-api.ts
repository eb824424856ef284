/**
 * The names this client offers per PySpark class, read from live objects (methods, getters,
 * fields and statics), so the coverage table follows the code. Objects are built without a
 * server: a session connects on its first call only.
 */
import * as client from "../index.ts";

/** Every property name of an object, its prototype chain and its class's statics. */
function namesOf(value: unknown): Set<string> {
  const names = new Set<string>();
  if (value === undefined || value === null) return names;
  for (let o: object | null = Object(value); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) names.add(name);
  }
  const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
  if (typeof ctor === "function" && ctor !== Object) {
    for (const name of Object.getOwnPropertyNames(ctor)) names.add(name);
  }
  names.delete("constructor");
  return names;
}

/** A member by name, for classes that may not have it yet (read without calling getters twice). */
function member(value: unknown, name: string, ...args: unknown[]): unknown {
  if (value === undefined || value === null) return undefined;
  const found = Reflect.get(Object(value), name);
  return typeof found === "function" ? Reflect.apply(found, value, args) : found;
}

export async function ourApiNames(): Promise<Record<string, Set<string>>> {
  const session = await client.SparkSession.builder().remote("sc://127.0.0.1:1").getOrCreate();
  const df = session.range(1);
  const column = client.col("a");
  return {
    functions: new Set(Object.keys(client.functions)),
    Column: namesOf(column),
    DataFrame: namesOf(df),
    DataFrameNaFunctions: namesOf(df.na),
    DataFrameStatFunctions: namesOf(member(df, "stat")),
    GroupedData: namesOf(df.groupBy()),
    SparkSession: namesOf(session),
    RuntimeConfig: namesOf(session.conf),
    Catalog: namesOf(member(session, "catalog")),
    DataFrameReader: namesOf(session.read),
    DataFrameWriter: namesOf(df.write),
    DataFrameWriterV2: namesOf(member(df, "writeTo", "t")),
    MergeIntoWriter: namesOf(member(df, "mergeInto", "t", client.lit(true))),
    Observation: namesOf(Reflect.get(client, "Observation")?.prototype),
    Window: namesOf(client.Window),
    WindowSpec: namesOf(new client.WindowSpec()),
    DataStreamReader: namesOf(session.readStream),
    DataStreamWriter: namesOf(df.writeStream),
    // A query object made locally: its id, runId and name are fields of the instance.
    StreamingQuery: namesOf(new client.StreamingQuery(session, "id", "runId", "name")),
    StreamingQueryManager: namesOf(session.streams),
  };
}
