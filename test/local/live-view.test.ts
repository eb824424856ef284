import { describe, expect, it } from "vitest";
import { renderLiveView } from "../../workloads/local/live-view.ts";
import type { PipelineFeed } from "../../workloads/local/pipeline-feed.ts";
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
    const rows = page.split("\n").filter((line) => /^(lake|dead-letters|analytics) /.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(/^analytics\s+active .*3000\s+-\s+0\s+Kafka metrics and alerts topics$/);
    expect(rows[0]).toMatch(/Parquet lake/);
  });
});
