import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createLogGenerator } from "../../workloads/producer/generator.ts";
import { ProducerMetrics } from "../../workloads/producer/metrics.ts";
import { RunMonitor } from "../../workloads/producer/run-monitor.ts";

describe("RunMonitor", () => {
  it("logs incidents as they start and end, flags them in a gauge, and tracks the acked rate", async () => {
    const lines: { msg: string; incident?: { service: string } }[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const generator = createLogGenerator({
      seed: 1,
      incidents: [{ service: "cart", kind: "error-spike", startAfterMs: 1000, durationMs: 2000 }],
    });
    const metrics = new ProducerMetrics();
    const monitor = new RunMonitor(generator, metrics, logger);
    const gauge = async () =>
      /producer_incident_active\{service="cart",kind="error-spike"\} (\d)/.exec(
        await metrics.registry.metrics(),
      )?.[1];

    generator.next(10_000);
    monitor.observe(10_000, 0, 100);
    expect(lines.map((line) => line.msg)).toEqual([]);
    generator.next(11_500);
    monitor.observe(11_500, 150, 100);
    expect(lines.map((line) => line.msg)).toEqual(["incident started"]);
    expect(lines[0]?.incident?.service).toBe("cart");
    expect(await gauge()).toBe("1");
    generator.next(13_000);
    monitor.observe(13_000, 300, 100);
    expect(lines.map((line) => line.msg)).toEqual(["incident started", "incident ended"]);
    expect(await gauge()).toBe("0");
    expect(monitor.rate).toBe(100);
    expect(await metrics.registry.metrics()).toContain("producer_target_rate_events_per_second 100");
  });

  it("has no target gauge at max rate", async () => {
    const text = await new ProducerMetrics({ withTargetRate: false }).registry.metrics();
    expect(text).not.toContain("producer_target_rate_events_per_second");
    expect(text).toContain("producer_rate_events_per_second");
  });
});
