import { describe, expect, it } from "vitest";
import {
  catalogEntry,
  type LogEvent,
  logEventProblems,
  SERVICE_CATALOG,
  SERVICES,
  type ServiceName,
} from "../../workloads/contract/log-event.ts";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { ProducerOptionError } from "../../workloads/producer/option-error.ts";
import { SERVICE_PROFILES } from "../../workloads/producer/service-profiles.ts";

const start = "2025-03-01T12:00:00.000Z";
const startMs = Date.parse(start);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const isServerError = (event: LogEvent) => event.status !== null && event.status >= 500;

describe("createLogGenerator", () => {
  it("gives the same events for the same seed and options", () => {
    const first = createLogGenerator({ seed: 42, startTime: start }).batch(2000);
    const second = createLogGenerator({ seed: 42, startTime: start }).batch(2000);
    expect(second).toEqual(first);
  });

  it("gives other events for another seed", () => {
    const first = createLogGenerator({ seed: 42, startTime: start }).batch(50);
    const other = createLogGenerator({ seed: 43, startTime: start }).batch(50);
    expect(other.map((event) => event.trace_id)).not.toEqual(first.map((event) => event.trace_id));
  });

  it("draws the same content whether the time is simulated or given, so real-time runs replay", () => {
    const simulated = createLogGenerator({ seed: 9, startTime: start }).batch(500);
    const realTime = createLogGenerator({ seed: 9 });
    const given = simulated.map((_, index) => realTime.next(startMs + index * 3));
    const withoutTime = (event: LogEvent) => ({ ...event, timestamp: "" });
    expect(given.map(withoutTime)).toEqual(simulated.map(withoutTime));
  });

  it("emits only events valid against the schema", () => {
    const events = createLogGenerator({ seed: 5, startTime: start }).batch(20_000);
    const invalid = events.map(logEventProblems).filter((problems) => problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it("keeps the simulated clock moving forward at about the asked rate", () => {
    const events = createLogGenerator({ seed: 3, startTime: start, rate: 2000 }).batch(20_000);
    const times = events.map((event) => Date.parse(event.timestamp));
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(true);
    const seconds = ((times.at(-1) as number) - startMs) / 1000;
    expect(20_000 / seconds).toBeGreaterThan(1800);
    expect(20_000 / seconds).toBeLessThan(2200);
  });

  it("shares traffic between services by their weights", () => {
    const events = createLogGenerator({ seed: 11, startTime: start }).batch(60_000);
    const totalWeight = SERVICES.reduce((sum, service) => sum + SERVICE_PROFILES[service].trafficWeight, 0);
    for (const service of SERVICES) {
      const share = events.filter((event) => event.service === service).length / events.length;
      const expected = SERVICE_PROFILES[service].trafficWeight / totalWeight;
      expect(share, service).toBeGreaterThan(expected * 0.85);
      expect(share, service).toBeLessThan(expected * 1.15);
    }
  });

  it("keeps each service under its latency SLO and error budget when nothing is wrong", () => {
    const events = createLogGenerator({ seed: 13, startTime: start }).batch(120_000);
    for (const { service, latency_slo_p95_ms } of SERVICE_CATALOG) {
      const access = events.filter((event) => event.service === service && event.status !== null);
      const p95 = percentile(
        access.map((event) => event.latency_ms as number),
        0.95,
      );
      expect(p95, service).toBeLessThan(latency_slo_p95_ms);
      const errorRate = access.filter(isServerError).length / access.length;
      expect(errorRate, service).toBeLessThan(0.02);
    }
  });

  it("correlates levels with statuses and latency", () => {
    const events = createLogGenerator({ seed: 17, startTime: start }).batch(50_000);
    const access = events.filter((event) => event.status !== null);
    expect(access.filter(isServerError).every((event) => event.level === "ERROR")).toBe(true);
    const slow = access.filter(
      (event) => (event.latency_ms as number) > catalogEntry(event.service).latency_slo_p95_ms,
    );
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every((event) => event.level === "WARN" || event.level === "ERROR")).toBe(true);
    const app = events.filter((event) => event.status === null);
    expect(app.length / events.length).toBeGreaterThan(0.05);
    expect(new Set(app.map((event) => event.level))).toEqual(
      new Set(["DEBUG", "INFO", "WARN", "ERROR", "FATAL"]),
    );
  });

  it("fills route templates with ids", () => {
    const events = createLogGenerator({ seed: 19, startTime: start }).batch(5000);
    const orders = events.find((event) => event.route === "/api/v1/orders/{order_id}");
    expect(orders?.path).toMatch(/^\/api\/v1\/orders\/[0-9a-f-]{36}$/);
    expect(new Set(events.map((event) => event.route)).size).toBeGreaterThan(20);
  });

  describe("incidents", () => {
    const inWindow = (event: LogEvent, fromMs: number, toMs: number) => {
      const time = Date.parse(event.timestamp);
      return time >= fromMs && time < toMs;
    };

    it("raises one service's error rate inside the window only, and records the window", () => {
      const generator = createLogGenerator({
        seed: 23,
        startTime: start,
        rate: 2000,
        incidents: [
          {
            service: "checkout",
            kind: "error-spike",
            startAfterMs: 10_000,
            durationMs: 10_000,
            errorRate: 0.5,
          },
        ],
      });
      const events = generator.batch(60_000);
      const [record] = generator.incidents();
      expect(record).toMatchObject({
        service: "checkout",
        kind: "error-spike",
        errorRate: 0.5,
        source: "scheduled",
      });
      const fromMs = Date.parse(record?.start as string);
      const toMs = Date.parse(record?.end as string);
      expect(toMs - fromMs).toBe(10_000);
      const firstEventMs = Date.parse(events[0]?.timestamp as string);
      expect(fromMs - firstEventMs).toBe(10_000);

      const errorRateOf = (service: ServiceName, inside: boolean) => {
        const access = events.filter(
          (event) =>
            event.service === service && event.status !== null && inWindow(event, fromMs, toMs) === inside,
        );
        return access.filter(isServerError).length / access.length;
      };
      expect(errorRateOf("checkout", true)).toBeGreaterThan(0.4);
      expect(errorRateOf("checkout", false)).toBeLessThan(0.02);
      expect(errorRateOf("cart", true)).toBeLessThan(0.02);
      const affected = events.filter(
        (event) => event.service === "checkout" && inWindow(event, fromMs, toMs),
      );
      expect(record?.affectedEvents).toBe(affected.length);
    });

    it("multiplies one service's latency inside the window", () => {
      const generator = createLogGenerator({
        seed: 29,
        startTime: start,
        rate: 2000,
        incidents: [
          {
            service: "search",
            kind: "latency-regression",
            startAfterMs: 5000,
            durationMs: 10_000,
            latencyFactor: 4,
          },
        ],
      });
      const events = generator.batch(40_000);
      const [record] = generator.incidents();
      const fromMs = Date.parse(record?.start as string);
      const toMs = Date.parse(record?.end as string);
      const medianLatency = (inside: boolean) =>
        percentile(
          events
            .filter(
              (event) =>
                event.service === "search" &&
                event.status === 200 &&
                inWindow(event, fromMs, toMs) === inside,
            )
            .map((event) => event.latency_ms as number),
          0.5,
        );
      const ratio = medianLatency(true) / medianLatency(false);
      expect(ratio).toBeGreaterThan(3);
      expect(ratio).toBeLessThan(5);
      const slo = catalogEntry("search").latency_slo_p95_ms;
      const p95Inside = percentile(
        events
          .filter(
            (event) => event.service === "search" && event.status !== null && inWindow(event, fromMs, toMs),
          )
          .map((event) => event.latency_ms as number),
        0.95,
      );
      expect(p95Inside).toBeGreaterThan(slo);
    });

    it("starts an on-demand incident at the last event's time", () => {
      const generator = createLogGenerator({ seed: 31, startTime: start });
      const before = generator.batch(100);
      const record = generator.injectIncident({
        service: "payments",
        kind: "error-spike",
        durationMs: 60_000,
      });
      expect(record).toMatchObject({ source: "on-demand", service: "payments", errorRate: 0.3 });
      expect(record.start).toBe(before.at(-1)?.timestamp);
      expect(generator.activeIncidents().map((incident) => incident.id)).toEqual([record.id]);
    });
  });

  describe("option checks", () => {
    const messageOf = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        expect(error).toBeInstanceOf(ProducerOptionError);
        return (error as Error).message;
      }
      throw new Error("expected a ProducerOptionError");
    };

    it("names the option, the accepted values and what was given", () => {
      expect(messageOf(() => createLogGenerator({ seed: -1 }))).toBe(
        'createLogGenerator: option "seed" must be an integer in [0, 4294967295], got -1',
      );
      expect(messageOf(() => createLogGenerator({ services: ["billing" as ServiceName] }))).toMatch(
        /option "services" must name a service: api-gateway, .*, got "billing"/,
      );
      expect(messageOf(() => createLogGenerator({ rate: -5 }))).toMatch(
        /option "rate" must be a positive number/,
      );
      expect(
        messageOf(() =>
          createLogGenerator({
            incidents: [
              { service: "cart", kind: "error-spike", startAfterMs: 0, durationMs: 1000, errorRate: 2 },
            ],
          }),
        ),
      ).toMatch(/option "incidents.errorRate" must be an error rate in \(0, 1\], got 2/);
    });

    it("rejects an incident on a service that is not generated", () => {
      expect(
        messageOf(() =>
          createLogGenerator({
            services: ["auth"],
            incidents: [{ service: "cart", kind: "latency-regression", startAfterMs: 0, durationMs: 1000 }],
          }),
        ),
      ).toMatch(/option "incidents" must target generated services \(auth\), got "cart"/);
      const generator = createLogGenerator({ services: ["auth"] });
      expect(
        messageOf(() => generator.injectIncident({ service: "cart", kind: "error-spike", durationMs: 1 })),
      ).toMatch(/"service" must be a generated service/);
    });
  });
});
