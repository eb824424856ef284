import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { type Plan, PlanSchema } from "./gen/spark/connect/base_pb.ts";
import type { CommandSchema } from "./gen/spark/connect/commands_pb.ts";
import type { RelationSchema } from "./gen/spark/connect/relations_pb.ts";

export type RelationInit = MessageInitShape<typeof RelationSchema>;
export type CommandInit = MessageInitShape<typeof CommandSchema>;
export type RelationCase = NonNullable<RelationInit["relType"]>;

/** A query plan whose result rows come back as Arrow batches. */
export function relationPlan(relation: RelationInit): Plan {
  return create(PlanSchema, { opType: { case: "root", value: relation } });
}

/** A command plan (writes, streaming control, SQL commands). */
export function commandPlan(command: CommandInit): Plan {
  return create(PlanSchema, { opType: { case: "command", value: command } });
}
