import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import {
  createLogGenerator,
  FORMATTERS,
  type HostileKind,
  type HostileRecord,
  hostileRecords,
  type IncidentRecord,
  type LogEvent,
  OUTPUT_FORMATS,
  type OutputFormat,
  SERVICE_CATALOG,
} from "../../workloads/producer/index.ts";
import { SparkSession } from "../../workloads/spark-connect/index.ts";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import type { WindowMetricRecord } from "../../workloads/stream-job/output-records.ts";
import type { LogFormatSetting } from "../../workloads/stream-job/queries/formats/index.ts";
import { runStreamJob } from "../../workloads/stream-job/run-stream-job.ts";
import { followServiceSignals } from "../../workloads/stream-job/supervisor/service-signals-feed.ts";
import { SupervisorMetrics } from "../../workloads/stream-job/supervisor/supervisor-metrics.ts";
import "../integration/provided-context.ts";
import { acceptablePercentile, expectedWindowMetrics, windowStartIso } from "./expected-metrics.ts";
import {
  createTopics,
  latestByKey,
  produceRecords,
  readTopic,
  testKafka,
  testTopics,
} from "./kafka-fixtures.ts";
import { dataRoot, type LakeVariant } from "./lake-variants.ts";

/**
 * Where the lake lives and the formats the events travel in: JSON (the job's default format), and
 * every format in turn (each event in the next one), detected record by record (`auto`). The
 * assertions are the same for all.
 */
const variants: { lake: LakeVariant; formats: readonly OutputFormat[]; logFormat: LogFormatSetting }[] = [
  { lake: "file", formats: ["json"], logFormat: "json" },
  { lake: "s3", formats: ["json"], logFormat: "json" },
  { lake: "file", formats: OUTPUT_FORMATS, logFormat: "auto" },
];

/** What each hostile kind must be rejected for: a fragment of its dead-letter reason. */
const expectedReason: Partial<Record<HostileKind, RegExp>> = {
  "invalid-json": /not UTF-8 JSON/,
  binary: /not UTF-8 JSON/,
  "not-an-object": /not a JSON object/,
  "wrong-types": /field types do not match/,
  "missing-fields": /missing fields: timestamp, level/,
  "unknown-level": /level: must be one of/,
  "bad-timestamp": /timestamp: must be an ISO-8601 UTC timestamp/,
  empty: /empty value/,
  "null-value": /null value/,
};

// One fixed seed's traffic with two injected incidents and the hostile corpus, run through the
// whole job with an availableNow trigger; every sink is then checked against JavaScript's answer.
describe.for(variants)(
  "the stream job, end to end on the real broker and Spark (lake: $lake, formats: $formats)",
  ({ lake, formats, logFormat }) => {
    const bootstrap = inject("kafkaBootstrap");
    const sparkConnectUrl = inject("sparkConnectUrl");
    const kafka = testKafka(bootstrap);
    const topics = testTopics("e2e");
    const runDir = join(inject("runtimeDir"), `stream-job-e2e-${randomUUID().slice(0, 8)}`);
    const data = dataRoot(lake, runDir);
    let events: LogEvent[];
    let hostile: HostileRecord[];
    let incidents: IncidentRecord[];
    let session: SparkSession;

    beforeAll(async () => {
      const generator = createLogGenerator({
        seed: 11,
        startTime: "2026-03-01T10:00:00.000Z",
        rate: 50,
        incidents: [
          { service: "checkout", kind: "error-spike", startAfterMs: 120_000, durationMs: 60_000 },
          { service: "search", kind: "latency-regression", startAfterMs: 180_000, durationMs: 60_000 },
        ],
      });
      events = generator.batch(15_000);
      incidents = generator.incidents();
      hostile = hostileRecords(Date.parse("2026-03-01T10:01:30.000Z"), 5);
      await createTopics(kafka, topics);
      const valid = events.map((event, index) => ({
        key: event.service,
        value: Buffer.from(FORMATTERS[formats[index % formats.length] as OutputFormat](event)),
      }));
      // The hostile records go in the middle of the stream: the queries must survive them and go on.
      const middle = Math.floor(valid.length / 2);
      await produceRecords(kafka, topics.logs, [
        ...valid.slice(0, middle),
        ...hostile,
        ...valid.slice(middle),
      ]);

      const job = await runStreamJob(
        {
          sparkConnectUrl,
          kafkaBootstrap: bootstrap,
          topics,
          lakePath: data.lake,
          checkpointPath: data.checkpoints,
          trigger: "availableNow",
          logFormat,
          pollIntervalMs: 500,
          http: { port: 0 },
        },
        pino({ level: "warn" }),
      );
      await job.done;
      expect(job.supervisor.status().queries.map((query) => [query.name, query.restarts])).toEqual([
        ["lake", 0],
        ["analytics-with-dead-letters", 0],
      ]);
      session = await SparkSession.builder().remote(sparkConnectUrl).getOrCreate();
    }, 600_000);

    afterAll(async () => {
      await session?.stop();
    });

    it("puts every valid event in the lake exactly once, and nothing else", async () => {
      const validHostile = hostile.filter((record) => record.problems.length === 0);
      expect(validHostile.map((record) => record.kind).sort()).toEqual(["huge-value", "null-key"]);
      const expectedIds = [
        ...events.map((event) => `${event.trace_id}/${event.span_id}`),
        ...validHostile.map((record) => {
          const event = JSON.parse(String(record.value)) as LogEvent;
          return `${event.trace_id}/${event.span_id}`;
        }),
      ].sort();
      const rows = await session.read
        .parquet(data.events)
        .selectExpr("concat(trace_id, '/', span_id) AS id", "date", "hour", "event_time", "timestamp")
        .collect();
      expect(rows.map((row) => row.id as string).sort()).toEqual(expectedIds);
      // Partitioned by the event's own date and hour.
      for (const row of rows.slice(0, 200)) {
        const time = row.event_time as Date;
        expect(time.toISOString()).toBe(row.timestamp);
        expect(Number(row.hour)).toBe(time.getUTCHours());
      }
    });

    it("sends each malformed record to the dead letters with the reason, and no valid one", async () => {
      const letters = [...latestByKey(await readTopic(kafka, topics.deadLetters), "deadLetters").values()];
      const bad = hostile.filter((record) => record.problems.length > 0);
      expect(letters).toHaveLength(bad.length);
      for (const record of bad) {
        const raw = record.value === null ? undefined : record.value.toString("base64");
        const letter = letters.find((candidate) => candidate.raw_base64 === raw);
        expect(letter, `dead letter for ${record.kind}`).toBeDefined();
        expect(letter?.reason, record.kind).toMatch(expectedReason[record.kind] ?? /./);
      }
    });

    it("computes each window's counts exactly and its latency percentiles within percentile_approx's bound", async () => {
      const metrics = latestByKey(await readTopic(kafka, topics.metrics), "metrics");
      const validEvents = [
        ...events,
        ...hostile.filter((r) => r.problems.length === 0).map((r) => JSON.parse(String(r.value)) as LogEvent),
      ];
      const expected = expectedWindowMetrics(validEvents);
      expect([...metrics.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, want] of expected) {
        const got = metrics.get(key) as WindowMetricRecord;
        expect({ key, ...pick(got) }).toEqual({
          key,
          events: want.events,
          requests: want.requests,
          server_errors: want.server_errors,
          error_logs: want.error_logs,
          bytes: want.bytes,
        });
        const catalog = SERVICE_CATALOG.find((entry) => entry.service === key.split("|")[1]);
        expect(got.owner_team).toBe(catalog?.owner_team);
        expect(got.latency_slo_p95_ms).toBe(catalog?.latency_slo_p95_ms);
        if (want.latencies.length === 0) continue;
        for (const [p, value] of [
          [0.5, got.latency_p50_ms],
          [0.95, got.latency_p95_ms],
          [0.99, got.latency_p99_ms],
        ] as const) {
          const [low, high] = acceptablePercentile(want.latencies, p);
          expect(value, `${key} p${p * 100}`).toBeGreaterThanOrEqual(low);
          expect(value, `${key} p${p * 100}`).toBeLessThanOrEqual(high);
        }
      }
    });

    it("raises an alert for each injected incident, in its window and service, and none elsewhere", async () => {
      const alerts = latestByKey(await readTopic(kafka, topics.alerts), "alerts");
      const expectedKeys = incidents.map(
        (incident) =>
          `${windowStartIso(incident.start, 60_000)}|${incident.service}|${incident.kind === "error-spike" ? "error-rate" : "latency"}`,
      );
      expect([...alerts.keys()].sort()).toEqual(expectedKeys.sort());
      for (const alert of alerts.values()) {
        expect(alert.value).toBeGreaterThan(alert.threshold);
        expect(alert.requests).toBeGreaterThanOrEqual(50);
      }
    });

    it("feeds the per-service gauges from the metrics topic: each service's latest complete window", async () => {
      const validEvents = [
        ...events,
        ...hostile.filter((r) => r.problems.length === 0).map((r) => JSON.parse(String(r.value)) as LogEvent),
      ];
      const windowOf = (event: LogEvent) => windowStartIso(event.timestamp, 60_000);
      const newest = validEvents.map(windowOf).sort().at(-1) as string;
      const complete = new Date(Date.parse(newest) - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const expected = new Map<string, { serverErrors: number; latencies: number[] }>();
      for (const event of validEvents) {
        if (windowOf(event) !== complete || event.status === null) continue;
        const entry = expected.get(event.service) ?? { serverErrors: 0, latencies: [] };
        entry.latencies.push(event.latency_ms as number);
        entry.serverErrors += event.status >= 500 ? 1 : 0;
        expected.set(event.service, entry);
      }
      const metrics = new SupervisorMetrics();
      const config = parseStreamJobConfig({
        sparkConnectUrl,
        kafkaBootstrap: bootstrap,
        lakePath: ".",
        checkpointPath: ".",
      });
      const feed = followServiceSignals(
        kafka,
        // Its own alerts topic: the job's holds exactly the SLO alerts the test above checks.
        {
          topics: { metrics: topics.metrics, alerts: `${topics.alerts}-anomalies` },
          windowMs: 60_000,
          anomaly: { ...config.alerting.anomaly, minRequests: 50 },
        },
        metrics,
        pino({ level: "silent" }),
      );
      try {
        const gauges = async () => ({
          errorRate: new Map(
            (await metrics.serviceErrorRate.get()).values.map((v) => [v.labels.service, v.value]),
          ),
          p95: new Map(
            (await metrics.serviceLatencyP95.get()).values.map((v) => [v.labels.service, v.value]),
          ),
        });
        // The feed reads the topic's partitions in turn: wait until it has every service's window.
        const wanted = new Map(
          [...expected].map(([service, want]) => [service, want.serverErrors / want.latencies.length]),
        );
        await vi.waitFor(async () => expect((await gauges()).errorRate).toEqual(wanted), {
          timeout: 60_000,
          interval: 200,
        });
        const { p95 } = await gauges();
        for (const [service, want] of expected) {
          const sorted = want.latencies.sort((a, b) => a - b);
          const exact = (sorted[Math.ceil(0.95 * sorted.length) - 1] as number) / 1000;
          // Group percentiles do not add up: the gauge is an estimate, within 25 % at this window's size.
          expect(Math.abs((p95.get(service) as number) - exact) / exact, service).toBeLessThan(0.25);
        }
      } finally {
        await feed.stop();
      }
    });
  },
);

function pick(metric: WindowMetricRecord) {
  return {
    events: metric.events,
    requests: metric.requests,
    server_errors: metric.server_errors,
    error_logs: metric.error_logs,
    bytes: metric.bytes,
  };
}
