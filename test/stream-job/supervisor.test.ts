import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  SparkSession,
  StreamingQuery,
  StreamingQueryProgress,
} from "../../workloads/spark-connect/index.ts";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import type { QueryDefinition } from "../../workloads/stream-job/queries/index.ts";
import { StreamJobSupervisor } from "../../workloads/stream-job/supervisor/supervisor.ts";

/** A query handle whose answers the test sets. */
class FakeQuery {
  active = true;
  failure: Error | undefined;
  progress: Partial<StreamingQueryProgress>[] = [];
  stopped = false;
  constructor(
    readonly id: string,
    readonly runId: string,
    /** The session that started it. */
    readonly session: number,
  ) {}
  async isActive() {
    return this.active;
  }
  async exception() {
    return this.failure;
  }
  async recentProgress() {
    return this.progress.map((p) => ({ ...baseProgress, runId: this.runId, ...p }));
  }
  async stop() {
    this.stopped = true;
  }
}

const baseProgress: StreamingQueryProgress = {
  id: "q",
  runId: "r",
  name: null,
  timestamp: "2026-01-01T00:00:00.000Z",
  batchId: 0,
  batchDuration: 100,
  durationMs: { triggerExecution: 100 },
  eventTime: {},
  stateOperators: [],
  sources: [],
  sink: { description: "sink", numOutputRows: 0, metrics: {} },
  numInputRows: 0,
  inputRowsPerSecond: 0,
  processedRowsPerSecond: 0,
  observedMetrics: {},
  json: "{}",
};

/** The dead-letter hook as a dead-letter query has it: every row its sink wrote is one. */
const sinkRowsAreDeadLetters = (progress: StreamingQueryProgress) => progress.sink.numOutputRows;

/**
 * A session that answers `version()` while `up`, and a definition per query that records its
 * starts; the queries named in `deadLetterQueries` carry the dead-letter hook.
 */
function fakeCluster(names: string[], deadLetterQueries: string[] = []) {
  const state = { up: true, sessions: 0, stoppedSessions: 0 };
  const started = new Map<string, FakeQuery[]>();
  const connect = async () => {
    if (!state.up) throw new Error("UNAVAILABLE: connection refused");
    state.sessions += 1;
    return {
      number: state.sessions,
      version: async () => {
        if (!state.up) throw new Error("UNAVAILABLE: connection refused");
        return "4.2.0";
      },
      conf: { set: async () => {} },
      stop: async () => {
        state.stoppedSessions += 1;
      },
    } as unknown as SparkSession;
  };
  const queries: QueryDefinition[] = names.map((name) => ({
    name,
    sink: "test sink",
    start: async (session) => {
      if (!state.up) throw new Error("UNAVAILABLE: connection refused");
      const runs = started.get(name) ?? [];
      const sessionNumber = (session as unknown as { number: number }).number;
      // As Spark does: a query's name cannot start twice in one session while the first run goes on.
      if (runs.some((run) => run.session === sessionNumber && run.active && !run.stopped))
        throw new Error(`Cannot start query with name ${name} as a query with that name is already active`);
      const query = new FakeQuery(`${name}-id`, `${name}-run-${runs.length + 1}`, sessionNumber);
      started.set(name, [...runs, query]);
      return query as unknown as StreamingQuery;
    },
    ...(deadLetterQueries.includes(name) ? { deadLettersIn: sinkRowsAreDeadLetters } : {}),
  }));
  return { state, started, connect, queries };
}

const backoffResetMs = 30_000;
const config = parseStreamJobConfig({
  sparkConnectUrl: "sc://127.0.0.1:15002/;token=secret",
  kafkaBootstrap: "127.0.0.1:9092",
  lakePath: "/lake",
  checkpointPath: "/checkpoints",
  backoffResetMs,
});

function supervisorFor(cluster: ReturnType<typeof fakeCluster>) {
  const supervisor = new StreamJobSupervisor({
    config,
    queries: cluster.queries,
    logger: pino({ level: "silent" }),
    connect: cluster.connect,
  });
  // The lag needs a broker; these tests are about the supervisor's own decisions.
  vi.spyOn(supervisor as unknown as { lagOf: () => Promise<number> }, "lagOf").mockResolvedValue(0);
  return supervisor;
}

async function metricValue(
  supervisor: StreamJobSupervisor,
  name: string,
  labels: Record<string, string> = {},
) {
  const metric = supervisor.metrics.registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values.find((value) => Object.entries(labels).every(([k, v]) => value.labels[k] === v))?.value;
}

describe("StreamJobSupervisor", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts every query on the first pass and reports them active", async () => {
    const cluster = fakeCluster(["lake", "alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    expect(supervisor.status().queries.map((q) => [q.name, q.state, q.runId])).toEqual([
      ["lake", "active", "lake-run-1"],
      ["alerts", "active", "alerts-run-1"],
    ]);
    expect(supervisor.isReady()).toBe(true);
    expect(supervisor.status().sparkConnect).not.toContain("secret");
  });

  it("restarts a failed query from its checkpoint only after its backoff, and counts the restart", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["lake"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const first = cluster.started.get("lake")?.[0] as FakeQuery;
    first.active = false;
    first.failure = new Error("[STREAM_FAILED] boom");

    await supervisor.poll();
    const failed = supervisor.status().queries[0];
    expect(failed?.state).toBe("failed");
    expect(failed?.lastError).toContain("boom");
    expect(failed?.nextRestartAt).toBe(new Date(1_000).toISOString());

    vi.setSystemTime(500);
    await supervisor.poll();
    expect(cluster.started.get("lake")).toHaveLength(1);

    vi.setSystemTime(1_000);
    await supervisor.poll();
    expect(cluster.started.get("lake")).toHaveLength(2);
    expect(supervisor.status().queries[0]).toMatchObject({
      state: "active",
      runId: "lake-run-2",
      restarts: 1,
    });
    expect(await metricValue(supervisor, "stream_job_query_restarts_total", { query: "lake" })).toBe(1);
  });

  it("backs off longer after each failure in a row", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["lake"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const delays: number[] = [];
    for (let failure = 0; failure < 3; failure++) {
      const query = cluster.started.get("lake")?.at(-1) as FakeQuery;
      query.active = false;
      query.failure = new Error("boom");
      await supervisor.poll();
      const restartAt = Date.parse(supervisor.status().queries[0]?.nextRestartAt ?? "");
      delays.push(restartAt - Date.now());
      vi.setSystemTime(restartAt);
      await supervisor.poll();
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
  });

  it("when the server goes away, reports disconnected, then reconnects and restarts every query", async () => {
    const cluster = fakeCluster(["lake", "alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    cluster.state.up = false;
    for (const runs of cluster.started.values()) {
      const query = runs[0] as FakeQuery;
      query.isActive = async () => {
        throw new Error("UNAVAILABLE: connection refused");
      };
    }
    await supervisor.poll();
    expect(supervisor.status().connected).toBe(false);
    expect(supervisor.status().queries.map((q) => q.state)).toEqual(["disconnected", "disconnected"]);
    expect(await metricValue(supervisor, "stream_job_spark_connected")).toBe(0);

    cluster.state.up = true;
    await supervisor.poll();
    await supervisor.poll();
    expect(cluster.state.sessions).toBe(2);
    expect(supervisor.status().queries.map((q) => [q.state, q.runId])).toEqual([
      ["active", "lake-run-2"],
      ["active", "alerts-run-2"],
    ]);
    expect(await metricValue(supervisor, "stream_job_spark_connected")).toBe(1);
  });

  it("counts each dead-letter batch once, however often its progress is read", async () => {
    const cluster = fakeCluster(["quarantine"], ["quarantine"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const query = cluster.started.get("quarantine")?.[0] as FakeQuery;
    const batch = (batchId: number, rows: number) => ({
      batchId,
      sink: { description: "kafka", numOutputRows: rows, metrics: {} },
    });
    query.progress = [batch(0, 3), batch(1, 2)];
    await supervisor.poll();
    query.progress = [batch(0, 3), batch(1, 2), batch(2, 4)];
    await supervisor.poll();
    await supervisor.poll();
    expect(await metricValue(supervisor, "stream_job_dead_letters_total")).toBe(9);
  });

  it("marks a query that ran out of data (availableNow) finished, not failed", async () => {
    const cluster = fakeCluster(["lake"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    (cluster.started.get("lake")?.[0] as FakeQuery).active = false;
    await supervisor.poll();
    expect(supervisor.status().queries[0]?.state).toBe("finished");
    expect(supervisor.allFinished()).toBe(true);
    expect(cluster.started.get("lake")).toHaveLength(1);
  });

  it("stop() stops every query and releases the session", async () => {
    const cluster = fakeCluster(["lake", "alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    await supervisor.stop();
    expect([...cluster.started.values()].flat().every((query) => query.stopped)).toBe(true);
    expect(cluster.state.stoppedSessions).toBe(1);
    expect(supervisor.status().queries.map((q) => q.state)).toEqual(["stopped", "stopped"]);
  });

  it("when a query's handle fails but the server answers, stops that run before starting it again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["lake"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const first = cluster.started.get("lake")?.[0] as FakeQuery;
    first.isActive = async () => {
      throw new Error("DEADLINE_EXCEEDED: isActive");
    };
    await supervisor.poll();
    expect(supervisor.status()).toMatchObject({
      connected: true,
      queries: [{ state: "failed", restarts: 1 }],
    });
    expect(first.stopped).toBe(true);

    vi.setSystemTime(1_000);
    await supervisor.poll();
    expect(supervisor.status().queries[0]).toMatchObject({ state: "active", runId: "lake-run-2" });
  });

  it("reports each query's Kafka lag in its status and as a metric", async () => {
    const cluster = fakeCluster(["lake"]);
    const supervisor = supervisorFor(cluster);
    vi.spyOn(supervisor as unknown as { lagOf: () => Promise<number> }, "lagOf").mockResolvedValue(1_234);
    await supervisor.poll();
    (cluster.started.get("lake")?.[0] as FakeQuery).progress = [{ batchId: 0 }];
    await supervisor.poll();
    expect(supervisor.status().queries[0]?.lagRecords).toBe(1_234);
    expect(await metricValue(supervisor, "stream_job_kafka_lag_records", { query: "lake" })).toBe(1_234);
  });

  it("counts dead letters only from the queries whose definition says they write them", async () => {
    const cluster = fakeCluster(["lake", "quarantine"], ["quarantine"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const batch = { batchId: 0, sink: { description: "sink", numOutputRows: 5, metrics: {} } };
    (cluster.started.get("lake")?.[0] as FakeQuery).progress = [batch];
    (cluster.started.get("quarantine")?.[0] as FakeQuery).progress = [batch];
    await supervisor.poll();
    expect(await metricValue(supervisor, "stream_job_dead_letters_total")).toBe(5);
  });

  it("counts dead letters of a restarted run's batches too, each once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["dead-letters"], ["dead-letters"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const batch = (batchId: number, rows: number) => ({
      batchId,
      sink: { description: "kafka", numOutputRows: rows, metrics: {} },
    });
    const first = cluster.started.get("dead-letters")?.[0] as FakeQuery;
    first.progress = [batch(0, 1), batch(1, 2)];
    await supervisor.poll();
    first.active = false;
    first.failure = new Error("boom");
    await supervisor.poll();
    vi.setSystemTime(1_000);
    await supervisor.poll();
    // The new run resumes from the checkpoint: its batch ids continue where the last run stopped.
    const second = cluster.started.get("dead-letters")?.[1] as FakeQuery;
    second.progress = [batch(2, 4)];
    await supervisor.poll();
    await supervisor.poll();
    expect(await metricValue(supervisor, "stream_job_dead_letters_total")).toBe(7);
  });
});

describe("StreamJobSupervisor backoff", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Fails the newest run of `name` and returns the backoff the supervisor chose, in ms. */
  async function failNewestRun(
    supervisor: StreamJobSupervisor,
    cluster: ReturnType<typeof fakeCluster>,
    name: string,
  ): Promise<number> {
    const query = cluster.started.get(name)?.at(-1) as FakeQuery;
    query.active = false;
    query.failure = new Error("[STREAM_FAILED] boom");
    await supervisor.poll();
    return Date.parse(supervisor.status().queries[0]?.nextRestartAt ?? "") - Date.now();
  }

  /** Moves the clock to the scheduled restart and polls, which starts the next run. */
  async function restartWhenDue(supervisor: StreamJobSupervisor): Promise<void> {
    vi.setSystemTime(Date.parse(supervisor.status().queries[0]?.nextRestartAt ?? ""));
    await supervisor.poll();
  }

  it("doubles the delay for a query that fails at once on every start", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const delays: number[] = [];
    for (let failure = 0; failure < 5; failure++) {
      delays.push(await failNewestRun(supervisor, cluster, "alerts"));
      await restartWhenDue(supervisor);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(cluster.started.get("alerts")).toHaveLength(6);
    expect(await metricValue(supervisor, "stream_job_query_restarts_total", { query: "alerts" })).toBe(5);
  });

  it("doubles the delay for a query that fails after a batch, though each run made progress", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    const delays: number[] = [];
    for (let failure = 0; failure < 5; failure++) {
      // Each run resumes from the checkpoint, commits one batch that the supervisor sees, then fails.
      const run = cluster.started.get("alerts")?.at(-1) as FakeQuery;
      run.progress = [{ batchId: failure, numInputRows: 100 }];
      vi.setSystemTime(Date.now() + config.pollIntervalMs);
      await supervisor.poll();
      expect(supervisor.status().queries[0]?.lastProgress?.batchId).toBe(failure);
      vi.setSystemTime(Date.now() + config.pollIntervalMs);
      delays.push(await failNewestRun(supervisor, cluster, "alerts"));
      await restartWhenDue(supervisor);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("starts the backoff over once a run has stayed up for the configured time, not before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const cluster = fakeCluster(["alerts"]);
    const supervisor = supervisorFor(cluster);
    await supervisor.poll();
    expect(await failNewestRun(supervisor, cluster, "alerts")).toBe(1_000);
    await restartWhenDue(supervisor);
    expect(await failNewestRun(supervisor, cluster, "alerts")).toBe(2_000);
    await restartWhenDue(supervisor);

    // Up, but not yet for backoffResetMs: the next failure still counts as one in a row.
    vi.setSystemTime(Date.now() + backoffResetMs - 1);
    await supervisor.poll();
    expect(await failNewestRun(supervisor, cluster, "alerts")).toBe(4_000);
    await restartWhenDue(supervisor);

    // Up for backoffResetMs, seen healthy by a poll: the next failure is the first again.
    vi.setSystemTime(Date.now() + backoffResetMs);
    await supervisor.poll();
    expect(await failNewestRun(supervisor, cluster, "alerts")).toBe(1_000);
  });

  it("exports each query's restart counter at zero before its first restart", async () => {
    const cluster = fakeCluster(["lake", "alerts"]);
    const supervisor = supervisorFor(cluster);
    expect(await metricValue(supervisor, "stream_job_query_restarts_total", { query: "lake" })).toBe(0);
    expect(await metricValue(supervisor, "stream_job_query_restarts_total", { query: "alerts" })).toBe(0);
  });
});
