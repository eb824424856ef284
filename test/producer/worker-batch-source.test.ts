import { afterEach, describe, expect, it } from "vitest";
import type { EventSourceConfig } from "../../workloads/producer/batch-builder.ts";
import { type BatchSource, inlineBatchSource } from "../../workloads/producer/batch-source.ts";
import { parseGeneratorOptions } from "../../workloads/producer/generator-options.ts";
import { ProducerOptionError } from "../../workloads/producer/option-error.ts";
import { WorkerBatchSource } from "../../workloads/producer/worker-batch-source.ts";

const startMs = Date.parse("2025-03-01T12:00:00.000Z");

function eventSource(overrides: Partial<EventSourceConfig> = {}): EventSourceConfig {
  const { seed, services, incidents } = parseGeneratorOptions({
    seed: 7,
    incidents: [{ service: "checkout", kind: "error-spike", startAfterMs: 200, durationMs: 300 }],
  });
  return {
    seed,
    services,
    incidents,
    format: "json",
    maxBatchBytes: 512 * 1024,
    malformedRatio: 0.02,
    ...overrides,
  };
}

const opened: BatchSource[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((source) => source.close()));
});

function workerSource(config: EventSourceConfig): WorkerBatchSource {
  const source = new WorkerBatchSource(config);
  opened.push(source);
  return source;
}

/** Builds batches of 400 events every 50 ms of event time, injecting an incident after the third. */
async function buildRun(source: BatchSource) {
  const batches = [];
  let injected: unknown;
  for (let i = 0; i < 12; i++) {
    const batch = await source.build(400, startMs + i * 50, startMs + (i + 1) * 50);
    batches.push({
      records: batch.records.map(({ key, value }) => ({
        key,
        value: value === null ? null : Buffer.from(value),
      })),
      tally: batch.tally,
    });
    if (i === 2)
      injected = source.injectIncident({ service: "cart", kind: "latency-regression", durationMs: 100 });
  }
  return { batches, injected, incidents: source.incidents(), active: source.activeIncidents() };
}

describe("WorkerBatchSource", () => {
  it("builds the same records, tallies and incidents as the event loop for the same seed and calls", async () => {
    const inWorker = await buildRun(workerSource(eventSource()));
    const inline = await buildRun(inlineBatchSource(eventSource()));
    expect(inWorker.batches.flatMap((batch) => batch.records).length).toBeGreaterThan(4000);
    // Malformed records of every shape cross the thread: null keys, null and binary values.
    const records = inWorker.batches.flatMap((batch) => batch.records);
    expect(records.some((record) => record.key === null)).toBe(true);
    expect(records.some((record) => record.value === null)).toBe(true);
    expect(inWorker.batches.map((b) => b.records)).toEqual(inline.batches.map((b) => b.records));
    expect(inWorker.batches.map((b) => b.tally)).toEqual(inline.batches.map((b) => b.tally));
    expect(inWorker.injected).toEqual(inline.injected);
    expect(inWorker.incidents).toEqual(inline.incidents);
    expect(inWorker.active).toEqual(inline.active);
    expect(inWorker.incidents.map((incident) => incident.affectedEvents).every((count) => count > 0)).toBe(
      true,
    );
  });

  it("fills a batch up to the byte limit, as the event loop does", async () => {
    const config = eventSource({ maxBatchBytes: 8 * 1024, malformedRatio: 0 });
    const inWorker = await workerSource(config).build(1000, startMs, startMs + 100);
    const inline = await inlineBatchSource(config).build(1000, startMs, startMs + 100);
    expect(inWorker.tally.events).toBeLessThan(1000);
    expect(inWorker.records.map((record) => record.value)).toEqual(
      inline.records.map((record) => record.value),
    );
  });

  it("rejects a bad incident with the option it names, as the event loop's generator does", () => {
    const source = workerSource(eventSource());
    const inject = () =>
      source.injectIncident({ service: "cart", kind: "outage" as "error-spike", durationMs: 1 });
    expect(inject).toThrow(ProducerOptionError);
    expect(inject).toThrow(/injectIncident: option "kind"/);
  });

  it("fails the build when the worker cannot build, and says why", async () => {
    const source = workerSource(eventSource({ format: "xml" as "json" }));
    await expect(source.build(10, startMs, startMs + 10)).rejects.toThrow(/generator worker: .*formatter/);
  });

  it("fails the builds waiting and every build after it when the worker dies", async () => {
    // A service the model does not know makes the worker throw as it starts.
    const source = workerSource(eventSource({ services: ["nowhere" as "cart"], incidents: [] }));
    const waiting = source.build(10, startMs, startMs + 10);
    await expect(waiting).rejects.toThrow(/generator worker failed/);
    await expect(source.build(10, startMs, startMs + 10)).rejects.toThrow(/generator worker failed/);
  });
});
