import { describe, expect, it } from "vitest";
import { renderLiveView } from "../../workloads/local-pipeline/live-view.ts";
import type { PipelineFeed } from "../../workloads/local-pipeline/pipeline-feed.ts";
import { parseStreamJobConfig } from "../../workloads/stream-job/config.ts";
import { streamJobQueries } from "../../workloads/stream-job/queries/index.ts";

const emptyFeed = { latestWindow: () => undefined, alerts: () => [] } as unknown as PipelineFeed;

describe("npm start's live view", () => {
  it("shows each of the job's queries with where it writes: the topology as it runs", () => {
    const config = parseStreamJobConfig({
      sparkConnectUrl: "sc://127.0.0.1:15002",
      kafkaBootstrap: "127.0.0.1:9092",
      lakePath: "/lake",
      checkpointPath: "/checkpoints",
    });
    const queries = streamJobQueries(config).map((query, i) => ({
      name: query.name,
      sink: query.sink,
      state: "active" as const,
      restarts: 0,
      lagRecords: 1_000 * (i + 1),
    }));
    const page = renderLiveView({
      elapsedSeconds: 75,
      producer: undefined,
      job: { connected: true, sparkConnect: "sc://127.0.0.1:15002", queries },
      jobUrl: "http://127.0.0.1:9465",
      deadLetters: 0,
      feed: emptyFeed,
    });
    const rows = page.split("\n").filter((line) => /^(lake|analytics-with-dead-letters) /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(
      /^analytics-with-dead-letters\s+active .*2000\s+-\s+0\s+Kafka metrics, alerts and dead-letter topics$/,
    );
    expect(rows[0]).toMatch(/Parquet lake/);
  });

  it("lists anomaly alerts beside SLO alerts, with their baseline and z-score", () => {
    const alerts = [
      {
        kind: "error-rate",
        service: "checkout",
        window_start: "2026-03-01T10:02:00Z",
        value: 0.349,
        threshold: 0.05,
        requests: 536,
      },
      {
        kind: "error-rate-anomaly",
        basis: "anomaly",
        service: "checkout",
        window_start: "2026-03-01T10:02:00Z",
        value: 0.349,
        threshold: 0.021,
        requests: 536,
        baseline_mean: 0.006,
        zscore: 68.6,
      },
    ];
    const page = renderLiveView({
      elapsedSeconds: 200,
      producer: undefined,
      job: { connected: true, sparkConnect: "sc://127.0.0.1:15002", queries: [] },
      jobUrl: "http://127.0.0.1:9465",
      deadLetters: 0,
      feed: { latestWindow: () => undefined, alerts: () => alerts } as unknown as PipelineFeed,
    });
    const lines = page.split("\n");
    expect(lines).toContain("alerts (2)");
    expect(lines.find((line) => line.includes("error-rate-anomaly"))).toMatch(
      /checkout\s+error-rate-anomaly\s+0\.349 > 0\.021 over 536 requests\s+\(baseline 0\.006, z 68\.6\)$/,
    );
    expect(lines.find((line) => / error-rate /.test(line))).toMatch(/0\.349 > 0\.05 over 536 requests$/);
  });
});
