/**
 * What the server reported about the last action run on a DataFrame, as PySpark's
 * `DataFrame.executionInfo`: the metrics of each physical plan node, and the observed metrics.
 */
import type { ExecutePlanResponse } from "./gen/spark/connect/base_pb.ts";
import type { Expression_Literal } from "./gen/spark/connect/expressions_pb.ts";
import { valueOfLiteral } from "./literals.ts";
import type { Row } from "./rows.ts";

export interface MetricValue {
  name: string;
  value: bigint;
  metricType: string;
}

/** One node of the executed plan with its metrics (rows output, time spent…). */
export interface PlanMetrics {
  name: string;
  planId: bigint;
  parentPlanId: bigint;
  metrics: MetricValue[];
}

export class ExecutionInfo {
  /** @internal Built from an execution's responses. */
  constructor(
    /** The plan nodes' metrics, or undefined when the server sent none. */
    readonly metrics: PlanMetrics[] | undefined,
    /** The observed metrics (`df.observe`) as `[name, values]` pairs. */
    readonly flows: [string, Row][],
  ) {}
}

/** Gathers an execution's metrics from its responses as they stream by. */
export class ExecutionInfoRecorder {
  private metrics: PlanMetrics[] | undefined;
  private readonly flows: [string, Row][] = [];

  readonly observe = (response: ExecutePlanResponse): void => {
    if (response.metrics !== undefined) {
      this.metrics = response.metrics.metrics.map((node) => ({
        name: node.name,
        planId: node.planId,
        parentPlanId: node.parent,
        metrics: Object.values(node.executionMetrics).map(({ name, value, metricType }) => ({
          name,
          value,
          metricType,
        })),
      }));
    }
    for (const observed of response.observedMetrics) {
      const values = observed.keys.map((key, i) => [
        key,
        valueOfLiteral(observed.values[i] as Expression_Literal),
      ]);
      this.flows.push([observed.name, Object.fromEntries(values)]);
    }
  };

  info(): ExecutionInfo {
    return new ExecutionInfo(this.metrics, this.flows);
  }
}
