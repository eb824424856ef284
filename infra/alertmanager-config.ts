import { SERVICE_CATALOG, type ServiceCatalogEntry } from "../workloads/contract/log-event.ts";
import { alertLabels } from "./alert-rules.ts";
import { type AlertReceiver, alertReceiverSecrets, type PipelineConfig } from "./config.ts";

/**
 * The Alertmanager configuration the program deploys, as plain data (the file `amtool
 * check-config` reads). It names no secret: each receiver reads its URL or key from a file of
 * the receivers' Secret, which the Alertmanager pod mounts.
 */

/** The Secret holding the receivers' URLs and keys, one key per stack config secret. */
export const receiversSecretName = "alert-receivers";
/** Where the operator mounts a Secret listed in `alertmanagerSpec.secrets`. */
export const receiversSecretDir = `/etc/alertmanager/secrets/${receiversSecretName}`;

/** Receiver names: one per owner team, one for the pipeline's own alerts, the pager, and none. */
export const receiverNames = {
  pipeline: "pipeline",
  pager: "pagerduty",
  discard: "discard",
  team: (team: string) => `team-${team}`,
} as const;

/** The chart's always-firing heartbeat alert: proof the alert path works, not news for anyone. */
const heartbeatAlert = "Watchdog";

function secretFile(receiver: AlertReceiver): string {
  return `${receiversSecretDir}/${alertReceiverSecrets[receiver]}`;
}

/** The chat and webhook configs of a receiver that posts to `channelSuffix`'s Slack channel. */
function chatReceiver(
  name: string,
  channelSuffix: string,
  delivery: PipelineConfig["monitoring"]["delivery"],
) {
  const has = (receiver: AlertReceiver) => delivery.receivers.includes(receiver);
  return {
    name,
    ...(has("webhook") && { webhook_configs: [{ url_file: secretFile("webhook"), send_resolved: true }] }),
    ...(has("slack") && {
      slack_configs: [
        {
          api_url_file: secretFile("slack"),
          channel: `${delivery.slackChannelPrefix}${channelSuffix}`,
          send_resolved: true,
        },
      ],
    }),
  };
}

/** Owner team → its services, in catalog order. */
function servicesByTeam(catalog: readonly ServiceCatalogEntry[]): Map<string, string[]> {
  const teams = new Map<string, string[]>();
  for (const entry of catalog)
    teams.set(entry.owner_team, [...(teams.get(entry.owner_team) ?? []), entry.service]);
  return teams;
}

export function alertmanagerConfig(
  delivery: PipelineConfig["monitoring"]["delivery"],
  catalog: readonly ServiceCatalogEntry[] = SERVICE_CATALOG,
) {
  const teams = servicesByTeam(catalog);
  const paging = delivery.receivers.includes("pagerduty");
  return {
    route: {
      receiver: receiverNames.pipeline,
      group_by: ["alertname", "service"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        { receiver: receiverNames.discard, matchers: [`alertname="${heartbeatAlert}"`] },
        // Critical alerts page and still reach their team's channel (continue).
        ...(paging
          ? [{ receiver: receiverNames.pager, matchers: ['severity="critical"'], continue: true }]
          : []),
        ...[...teams].map(([team, services]) => ({
          receiver: receiverNames.team(team),
          matchers: [`service=~"${services.join("|")}"`],
        })),
        // Explicit, not left to the root: once the pager route matched, the root's receiver no
        // longer applies, and a critical pipeline alert would reach nobody but the pager.
        { receiver: receiverNames.pipeline, matchers: ['service=""'] },
      ],
    },
    // One incident pages once: while a service breaches its SLO, the anomaly alert on the same
    // signal says nothing new (the anomaly alone, e.g. below the SLO, still goes out).
    inhibit_rules: [
      {
        source_matchers: [`${alertLabels.basis}="slo"`],
        target_matchers: [`${alertLabels.basis}="anomaly"`],
        equal: ["service", alertLabels.signal],
      },
    ],
    receivers: [
      { name: receiverNames.discard },
      chatReceiver(receiverNames.pipeline, "pipeline", delivery),
      ...(paging
        ? [
            {
              name: receiverNames.pager,
              pagerduty_configs: [{ routing_key_file: secretFile("pagerduty"), send_resolved: true }],
            },
          ]
        : []),
      ...[...teams.keys()].map((team) => chatReceiver(receiverNames.team(team), team, delivery)),
    ],
  };
}
