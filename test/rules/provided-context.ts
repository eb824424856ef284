// What the rules global setup hands to every rules test through `inject()`.
declare module "vitest" {
  export interface ProvidedContext {
    /** Binary name → path of the alerting tools built from the tool manifest (promtool, amtool). */
    alertingTools: Record<string, string>;
  }
}

export {};
