import type { AlertRule } from "../../infra/alert-rules.ts";
import type { Scenario } from "./scenarios.ts";
import { promtoolValues } from "./series.ts";

/** Expands the only template the rules use in annotations, `{{ $labels.name }}`. */
function expandAnnotation(template: string, labels: Record<string, string>): string {
  return template.replaceAll(/\{\{ \$labels\.(\w+) \}\}/g, (_match, name: string) => {
    const value = labels[name];
    if (value === undefined)
      throw new Error(`annotation "${template}" reads label ${name}, which the alert lacks`);
    return value;
  });
}

/**
 * One `promtool test rules` test group per scenario: at each checkpoint, one alert test per
 * watched alert, listing the alerts that must fire (with the rule's own labels and annotations)
 * or none, which promtool reads as "must not fire".
 */
export function promtoolTestFile(ruleFile: string, scenarios: Scenario[], rules: AlertRule[]) {
  const rule = (name: string) => {
    const found = rules.find((candidate) => candidate.alert === name);
    if (!found) throw new Error(`a scenario watches ${name}, which no rule of the program defines`);
    return found;
  };
  return {
    rule_files: [ruleFile],
    evaluation_interval: "1m",
    tests: scenarios.map((scenario) => ({
      name: scenario.name,
      interval: "1m",
      input_series: scenario.series.map(({ series, values }) => ({ series, values: promtoolValues(values) })),
      alert_rule_test: scenario.checkpoints.flatMap(({ minute, firing }) =>
        scenario.watched.map((alertname) => ({
          eval_time: `${minute}m`,
          alertname,
          exp_alerts: firing
            .filter((alert) => alert.alert === alertname)
            .map(({ labels }) => ({
              exp_labels: { ...labels, ...rule(alertname).labels },
              exp_annotations: Object.fromEntries(
                Object.entries(rule(alertname).annotations).map(([name, template]) => [
                  name,
                  expandAnnotation(template, labels),
                ]),
              ),
            })),
        })),
      ),
      promql_expr_test: (scenario.samples ?? []).map(({ minute, expr, labels, value }) => ({
        expr: `${expr}${labels}`,
        eval_time: `${minute}m`,
        exp_samples: [{ labels: `${expr}${labels}`, value }],
      })),
    })),
  };
}
