import type { Logger } from "pino";
import type { IncidentView } from "./batch-source.ts";
import type { ProducerMetrics } from "./metrics.ts";
import { RateMeter } from "./rate-meter.ts";

/**
 * Looks at a run once a second: the recent acknowledged rate, the rate gauges, and incidents
 * starting and ending (logged, and shown by `producer_incident_active`).
 */
export class RunMonitor {
  private readonly meter = new RateMeter();
  private activeIds = new Set<number>();

  constructor(
    private readonly incidentView: IncidentView,
    private readonly metrics: ProducerMetrics,
    private readonly logger: Logger,
  ) {}

  /** Acknowledged events per second over the last seconds. */
  get rate(): number {
    return this.meter.perSecond();
  }

  observe(nowMs: number, acked: number, targetRate: number | undefined): void {
    this.meter.record(nowMs, acked);
    this.metrics.setRates(this.meter.perSecond(), targetRate);
    const all = this.incidentView.incidents();
    const active = this.incidentView.activeIncidents();
    this.metrics.setIncidents(all, active);
    const nowActive = new Set(active.map((incident) => incident.id));
    for (const incident of active) {
      if (!this.activeIds.has(incident.id)) this.logger.info({ incident }, "incident started");
    }
    for (const incident of all) {
      if (this.activeIds.has(incident.id) && !nowActive.has(incident.id)) {
        this.logger.info({ incident }, "incident ended");
      }
    }
    this.activeIds = nowActive;
  }
}
