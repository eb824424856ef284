import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LOG_EVENT_FIELDS } from "../../workloads/contract/log-event.ts";
import {
  createLogGenerator,
  FORMATTERS,
  type LogEvent,
  OUTPUT_FORMATS,
  type OutputFormat,
} from "../../workloads/producer/index.ts";
import { type DataFrame, SparkSession } from "../../workloads/spark-connect/index.ts";
import type { LogFormatSetting } from "../../workloads/stream-job/queries/formats/index.ts";
import { checkLogRecords } from "../../workloads/stream-job/queries/log-stream.ts";
import "../integration/provided-context.ts";
import { randomUUID } from "node:crypto";
import { produceRecords, testKafka } from "./kafka-fixtures.ts";

/** A row of the events frame as the contract's event (BIGINT comes back as bigint). */
function asEvent(row: Record<string, unknown>): LogEvent {
  const event: Record<string, unknown> = {};
  for (const field of LOG_EVENT_FIELDS) {
    const value = row[field.name];
    event[field.name] = typeof value === "bigint" ? Number(value) : value;
  }
  return event as unknown as LogEvent;
}

/** Lines that are not what their start claims, or break the contract once parsed, with the reason expected. */
const brokenLines: [string, RegExp][] = [
  ["<134>1 2026-03-01T10:00:00.000Z pod", /not an RFC 5424 syslog line/],
  ["ts=2026-03-01T10:00:00.000Z level=INFO level=WARN", /duplicate fields: level/],
  ['ts=2026-03-01T10:00:00.000Z msg="unterminated', /not a logfmt line/],
  [
    '127.0.0.1 - - [01/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"',
    /^missing fields: service, host, pod, region, level, message, trace_id, span_id; HTTP fields must be all set or all null$/,
  ],
  [
    `<134>Mar  1 10:00:00 cart-1 cart: ts=2026-03-01T10:00:00.000Z status=two msg=hi`,
    /status: must be an integer/,
  ],
  ["[Sun Mar 01 10:00:00 2026] [core:notice] [pid 12] AH00094: Command line", /service: must be one of/],
];

// Each of the producer's formats through the job's own parsing plan, as a batch over a real
// topic: every line must come back as exactly the event it was written from.
describe("the stream job's log formats, on the real broker and Spark", () => {
  const bootstrap = inject("kafkaBootstrap");
  const kafka = testKafka(bootstrap);
  const id = randomUUID().slice(0, 8);
  const topicOf = (format: string) => `formats-${format}-${id}`;
  const generated = createLogGenerator({ seed: 5, startTime: "2026-03-01T10:00:00.000Z", rate: 50 }).batch(
    1_500,
  );
  // Quotes, backslashes and `$1` in a format's fixed slots (Apache's user agent and messages, the
  // syslog messages) and in logfmt values: every parser must give them back as written.
  const awkward = String.raw`say "hi" \ then \"x\" $1 \\ end`;
  const withHttp = generated.find((event) => event.status !== null) as LogEvent;
  const withoutHttp = generated.find((event) => event.status === null) as LogEvent;
  const events = [
    ...generated,
    { ...withHttp, trace_id: "0".repeat(32), user_agent: awkward, message: awkward },
    { ...withoutHttp, trace_id: "1".repeat(32), message: awkward },
  ];
  let session: SparkSession;

  const records = (topic: string): DataFrame =>
    session.read
      .format("kafka")
      .option("kafka.bootstrap.servers", bootstrap)
      .option("subscribe", topic)
      .option("startingOffsets", "earliest")
      .load();

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [...OUTPUT_FORMATS, "broken"].map((name) => ({ topic: topicOf(name), numPartitions: 1 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    for (const format of OUTPUT_FORMATS) {
      await produceRecords(
        kafka,
        topicOf(format),
        events.map((event) => ({ key: event.service, value: Buffer.from(FORMATTERS[format](event)) })),
      );
    }
    await produceRecords(
      kafka,
      topicOf("broken"),
      brokenLines.map(([line]) => ({ key: null, value: Buffer.from(line) })),
    );
    session = await SparkSession.builder().remote(inject("sparkConnectUrl")).getOrCreate();
  }, 300_000);

  afterAll(async () => {
    await session?.stop();
  });

  const cases = OUTPUT_FORMATS.flatMap((format) => [
    [format, "auto"],
    [format, format],
  ]) as [OutputFormat, LogFormatSetting][];
  it.for(cases)("%s read as %s: each line maps back to its event", async ([format, setting]) => {
    const { events: parsed, deadLetters } = checkLogRecords(records(topicOf(format)), setting);
    const rows = (await parsed.collect()).map(asEvent);
    if (rows.length !== events.length) {
      const reasons = await deadLetters.select("reason").limit(5).collect();
      expect.fail(`${events.length - rows.length} dead letters, e.g. ${JSON.stringify(reasons)}`);
    }
    const byId = (event: LogEvent) => `${event.trace_id}/${event.span_id}`;
    const sorted = (list: LogEvent[]) => [...list].sort((a, b) => byId(a).localeCompare(byId(b)));
    expect(sorted(rows)).toEqual(sorted(events));
  });

  it("sends lines it cannot map to the dead letters, with the reason", async () => {
    const { events: parsed, deadLetters } = checkLogRecords(records(topicOf("broken")), "auto");
    expect(await parsed.count()).toBe(0);
    const letters = await deadLetters.selectExpr("CAST(value AS STRING) AS line", "reason").collect();
    for (const [line, reason] of brokenLines) {
      expect(letters.find((letter) => letter.line === line)?.reason, line).toMatch(reason);
    }
  });

  it("with a configured format, a record of another format is a dead letter naming the format", async () => {
    const { events: parsed, deadLetters } = checkLogRecords(records(topicOf("logfmt")), "apache");
    expect(await parsed.count()).toBe(0);
    const letters = await deadLetters.select("reason").collect();
    expect(letters).toHaveLength(events.length);
    expect(new Set(letters.map((row) => row.reason))).toEqual(
      new Set(["not an Apache access or error log line"]),
    );
  });
});
