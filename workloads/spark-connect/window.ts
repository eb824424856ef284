import { type Column, type ColumnOrName, type ExpressionInit, lit, toColumn } from "./column.ts";
import { Expression_Window_WindowFrame_FrameType as FrameType } from "./gen/spark/connect/expressions_pb.ts";
import { sortOrderOf } from "./sort.ts";

type FrameBoundary = NonNullable<
  NonNullable<
    NonNullable<Extract<ExpressionInit["exprType"], { case: "window" }>["value"]["frameSpec"]>["lower"]
  >
>;

interface Frame {
  type: FrameType;
  start: number;
  end: number;
}

/** A window specification for `column.over(spec)`: partitioning, ordering and an optional frame. */
export class WindowSpec {
  constructor(
    private readonly partitions: Column[] = [],
    private readonly orders: Column[] = [],
    private readonly frame: Frame | undefined = undefined,
  ) {}

  partitionBy(...columns: ColumnOrName[]): WindowSpec {
    return new WindowSpec(columns.map(toColumn), this.orders, this.frame);
  }
  orderBy(...columns: ColumnOrName[]): WindowSpec {
    return new WindowSpec(this.partitions, columns.map(toColumn), this.frame);
  }
  /** A frame of rows relative to the current one; use Window.unboundedPreceding/currentRow/unboundedFollowing. */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partitions, this.orders, { type: FrameType.ROW, start, end });
  }
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partitions, this.orders, { type: FrameType.RANGE, start, end });
  }

  /** @internal */
  toProto(windowFunction: ExpressionInit): ExpressionInit {
    return {
      exprType: {
        case: "window",
        value: {
          windowFunction,
          partitionSpec: this.partitions.map((c) => c.expr),
          orderSpec: this.orders.map(sortOrderOf),
          frameSpec:
            this.frame === undefined
              ? undefined
              : {
                  frameType: this.frame.type,
                  lower: boundary(this.frame.start),
                  upper: boundary(this.frame.end),
                },
        },
      },
    };
  }
}

function boundary(offset: number): FrameBoundary {
  if (offset === 0) return { boundary: { case: "currentRow", value: true } };
  if (!Number.isFinite(offset)) return { boundary: { case: "unbounded", value: true } };
  return { boundary: { case: "value", value: lit(offset).expr } };
}

/** PySpark's `Window`: `Window.partitionBy("service").orderBy("ts")`. */
export const Window = {
  unboundedPreceding: Number.NEGATIVE_INFINITY,
  unboundedFollowing: Number.POSITIVE_INFINITY,
  currentRow: 0,
  partitionBy: (...columns: ColumnOrName[]) => new WindowSpec().partitionBy(...columns),
  orderBy: (...columns: ColumnOrName[]) => new WindowSpec().orderBy(...columns),
  rowsBetween: (start: number, end: number) => new WindowSpec().rowsBetween(start, end),
  rangeBetween: (start: number, end: number) => new WindowSpec().rangeBetween(start, end),
};
