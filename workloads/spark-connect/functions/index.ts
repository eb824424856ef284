export { callFunction, col, column, expr, lit } from "../column.ts";
export * from "./aggregate.ts";
export * from "./collection.ts";
export * from "./conditional.ts";
export * from "./datetime.ts";
export * from "./json.ts";
export * from "./math.ts";
export * from "./string.ts";
