import { randomUUID } from "node:crypto";
import { SparkConnectClientError } from "./errors.ts";
import type { ExecutePlanResponse_ObservedMetrics } from "./gen/spark/connect/base_pb.ts";
import type { Expression_Literal } from "./gen/spark/connect/expressions_pb.ts";
import { valueOfLiteral } from "./literals.ts";
import type { Row } from "./rows.ts";

/**
 * Named metrics computed while an action runs, as PySpark's `Observation`:
 * `const obs = new Observation("stats"); await df.observe(obs, count("*").alias("n")).collect(); obs.get()`.
 */
export class Observation {
  readonly name: string;
  private metrics: Row | undefined;

  constructor(name?: string) {
    if (name === "") throw new SparkConnectClientError("Observation: the name must not be empty");
    this.name = name ?? randomUUID();
  }

  /** The metrics of the last action that ran the observed DataFrame; throws before any has. */
  get(): Row {
    if (this.metrics === undefined) {
      throw new SparkConnectClientError(
        `Observation "${this.name}" has no metrics yet: run an action (collect, count, write…) on the observed DataFrame first`,
      );
    }
    return this.metrics;
  }

  /** @internal Takes the metrics the server sent with an execution. */
  record(observed: ExecutePlanResponse_ObservedMetrics): void {
    this.metrics = Object.fromEntries(
      observed.keys.map((key, i) => [key, valueOfLiteral(observed.values[i] as Expression_Literal)]),
    );
  }
}
