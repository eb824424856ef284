import { type AblationVariant, ablationVariants } from "./ablation.ts";
import { type BenchEnvironment, PipelineUnderTest, type StepResult } from "./step.ts";

export interface AblationResult {
  variant: string;
  change: string;
  /** The Spark Connect server's settings over the runtime's for this variant (none: as configured). */
  server: Record<string, string>;
  queries: string[];
  result: StepResult;
}

/**
 * Each variant (or only those named) as a fresh job on its own topics, one after another, at the
 * same rate for the same time.
 */
export async function runAblation(
  env: BenchEnvironment,
  options: {
    rate: number;
    seconds: number;
    window: { spark: string; ms: number };
    only?: string[];
    /** Restarts the Spark Connect server with these settings over its own (none: as configured). */
    restartSpark: (overrides?: Record<string, string>) => Promise<void>;
  },
): Promise<AblationResult[]> {
  const unknown = options.only?.filter((name) => !ablationVariants.some((variant) => variant.name === name));
  if (unknown?.length)
    throw new Error(
      `bench:pipeline: unknown --variants ${unknown.join(", ")}; choose from ${ablationVariants.map((v) => v.name).join(", ")}`,
    );
  const results: AblationResult[] = [];
  for (const variant of ablationVariants) {
    if (options.only && !options.only.includes(variant.name)) continue;
    if (!variant.server) {
      results.push(await measure(env, variant, options));
      continue;
    }
    await options.restartSpark(variant.server);
    try {
      results.push(await measure(env, variant, options));
    } finally {
      await options.restartSpark();
    }
  }
  return results;
}

async function measure(
  env: BenchEnvironment,
  variant: AblationVariant,
  options: { rate: number; seconds: number; window: { spark: string; ms: number } },
): Promise<AblationResult> {
  const pipeline = await PipelineUnderTest.start(env, `ablation-${variant.name}`, {
    window: options.window.spark,
    windowMs: options.window.ms,
    job: variant.job,
  });
  try {
    const result = await pipeline.step(options.rate, options.seconds);
    return {
      variant: variant.name,
      change: variant.change,
      server: variant.server ?? {},
      queries: pipeline.queryNames(),
      result,
    };
  } finally {
    await pipeline.stop();
  }
}
