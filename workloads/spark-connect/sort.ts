import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Column } from "./column.ts";
import {
  type Expression_SortOrderSchema,
  Expression_SortOrder_NullOrdering as NullOrdering,
  Expression_SortOrder_SortDirection as SortDirection,
} from "./gen/spark/connect/expressions_pb.ts";

export type SortOrderInit = MessageInitShape<typeof Expression_SortOrderSchema>;

/** The sort order a column stands for: its own if it is `asc()`/`desc()`…, else ascending with nulls first. */
export function sortOrderOf(column: Column): SortOrderInit {
  const expr = column.expr.exprType;
  if (expr?.case === "sortOrder") return expr.value;
  return {
    child: column.expr,
    direction: SortDirection.ASCENDING,
    nullOrdering: NullOrdering.SORT_NULLS_FIRST,
  };
}
