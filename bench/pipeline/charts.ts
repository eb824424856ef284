import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";

/** Renders a Vega-Lite spec to SVG headless: Vega's scenegraph, no browser and no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The largest query lag over each rate step, one line per step. */
export function lagChart(
  steps: readonly { rate: number; lagSeries: readonly [number, number][] }[],
): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Largest query lag during each rate step",
    width: 640,
    height: 320,
    data: {
      values: steps.flatMap((step) =>
        step.lagSeries.map(([seconds, lag]) => ({
          step: `${step.rate} events/s`,
          rate: step.rate,
          seconds,
          lag,
        })),
      ),
    },
    mark: { type: "line", point: false },
    encoding: {
      x: { field: "seconds", type: "quantitative", title: "seconds into the step" },
      y: { field: "lag", type: "quantitative", title: "lag (records)" },
      color: { field: "step", type: "nominal", sort: { field: "rate" }, title: "rate step" },
    },
  };
}

/** Event-to-metric freshness samples of the freshness step, as a histogram. */
export function freshnessChart(samplesSeconds: readonly number[], rate: number): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Event-to-metric freshness at ${rate} events/s (${samplesSeconds.length} samples)`,
    width: 640,
    height: 320,
    data: { values: samplesSeconds.map((seconds) => ({ seconds })) },
    mark: "bar",
    encoding: {
      x: { field: "seconds", type: "quantitative", bin: { step: 0.25 }, title: "freshness (s)" },
      y: { aggregate: "count", type: "quantitative", title: "metric records" },
    },
  };
}
