import { describe, expect, it } from "vitest";
import {
  buildCommand,
  cliOptionName,
  parseCli,
  parseDuration,
} from "../../workloads/producer/cli-options.ts";
import {
  DEFAULT_GENERATOR_THREADS,
  DEFAULT_PRODUCERS,
  parseProducerOptions,
} from "../../workloads/producer/config.ts";

/** Parses like the CLI does, with commander's exits turned into errors. */
function parse(argv: string[], env: Record<string, string> = {}) {
  const command = buildCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return parseCli(argv, env, command);
}

function configOf(argv: string[], env: Record<string, string> = {}) {
  return parseProducerOptions(parse(argv, env).options, cliOptionName);
}

function errorOf(argv: string[], env: Record<string, string> = {}): string {
  try {
    configOf(argv, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the options to be rejected");
}

describe("producer CLI options", () => {
  it("applies defaults, with /metrics on 9464", () => {
    const config = configOf(["--brokers", "kafka:9092"]);
    expect(config).toMatchObject({
      brokers: ["kafka:9092"],
      topic: "logs",
      rate: { kind: "constant", rate: 1000 },
      format: "json",
      compression: "gzip",
      metricsPort: 9464,
      seed: 1,
    });
    expect(config.count).toBeUndefined();
  });

  it("reads flags and env, a flag winning over its variable", () => {
    const env = {
      KAFKA_BROKERS: "a:1,b:2",
      KAFKA_TOPIC: "from-env",
      PRODUCER_RATE: "250",
      PRODUCER_SEED: "7",
      PRODUCER_DURATION: "2m",
      PRODUCER_METRICS_PORT: "off",
      PRODUCER_SERVICES: "auth, cart",
    };
    const config = configOf(["--topic", "from-flag", "-n", "5000", "--linger", "20"], env);
    expect(config).toMatchObject({
      brokers: ["a:1", "b:2"],
      topic: "from-flag",
      rate: { kind: "constant", rate: 250 },
      seed: 7,
      durationMs: 120_000,
      count: 5000,
      lingerMs: 20,
      services: ["auth", "cart"],
    });
    expect(config.metricsPort).toBeUndefined();
  });

  it("reads SASL credentials from the cluster's variables, and wants all three", () => {
    const env = {
      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
      KAFKA_USERNAME: "producer",
      KAFKA_PASSWORD: "s3cret",
    };
    expect(configOf(["-b", "k:1"], env)).toMatchObject({
      saslMechanism: "SCRAM-SHA-512",
      saslUsername: "producer",
      saslPassword: "s3cret",
    });
    expect(errorOf(["-b", "k:1"], { KAFKA_SASL_MECHANISM: "PLAIN", KAFKA_USERNAME: "producer" })).toBe(
      "producer: --sasl-password (KAFKA_PASSWORD) must be set for SASL PLAIN, got nothing",
    );
    expect(errorOf(["-b", "k:1"], { KAFKA_USERNAME: "producer", KAFKA_PASSWORD: "s3cret" })).toBe(
      "producer: --sasl-mechanism (KAFKA_SASL_MECHANISM) must be set (one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (any case)) when SASL credentials are given, got nothing",
    );
    expect(
      errorOf(["-b", "k:1", "--sasl-mechanism", "kerberos"], { KAFKA_USERNAME: "u", KAFKA_PASSWORD: "p" }),
    ).toMatch(
      /--sasl-mechanism \(KAFKA_SASL_MECHANISM\) must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 \(any case\), got "kerberos"/,
    );
  });

  it("builds rate profiles from their flags", () => {
    expect(configOf(["-b", "k:1", "--rate", "max"]).rate).toBe("max");
    expect(
      configOf(["-b", "k:1", "--rate", "2000", "--profile", "ramp", "--ramp-duration", "30s"]).rate,
    ).toEqual({
      kind: "ramp",
      from: 200,
      to: 2000,
      durationMs: 30_000,
    });
    expect(
      configOf([
        "-b",
        "k:1",
        "--profile",
        "burst",
        "--burst-factor",
        "3",
        "--burst-every",
        "1m",
        "--burst-lasting",
        "5s",
      ]).rate,
    ).toEqual({ kind: "burst", rate: 1000, factor: 3, everyMs: 60_000, lastingMs: 5000 });
    expect(configOf(["-b", "k:1", "--profile", "diurnal", "--diurnal-period", "10m"]).rate).toEqual({
      kind: "diurnal",
      rate: 1000,
      amplitude: 0.6,
      periodMs: 600_000,
    });
  });

  it("reads incidents from repeated flags or a comma-separated variable", () => {
    const fromFlags = configOf([
      "-b",
      "k:1",
      "--incident",
      "checkout:error-spike@30s+2m=0.4",
      "--incident",
      "search:latency@1m+90s",
    ]);
    expect(fromFlags.incidents).toEqual([
      { service: "checkout", kind: "error-spike", startAfterMs: 30_000, durationMs: 120_000, errorRate: 0.4 },
      { service: "search", kind: "latency-regression", startAfterMs: 60_000, durationMs: 90_000 },
    ]);
    const fromEnv = configOf(["-b", "k:1"], {
      PRODUCER_INCIDENTS: "cart:errors@0s+10s, auth:latency@5s+5s=3",
    });
    expect(fromEnv.incidents.map((incident) => incident.service)).toEqual(["cart", "auth"]);
  });

  it("names the flag and its variable, the accepted values and what was given", () => {
    expect(errorOf(["-b", "k:1", "--rate", "fast"])).toBe(
      'producer: --rate (PRODUCER_RATE) must be a positive number of events/s or "max" (or a rate profile), got "fast"',
    );
    expect(errorOf(["-b", "k:1", "--rate", "-10"])).toMatch(
      /^producer: --rate \(PRODUCER_RATE\) .* got -10$/,
    );
    expect(errorOf(["-b", "k:1", "--format", "xml"])).toBe(
      'producer: --format (PRODUCER_FORMAT) must be one of json, apache, syslog, syslog-rfc3164, logfmt, got "xml"',
    );
    expect(errorOf(["-b", "http://kafka:9092"])).toMatch(
      /^producer: --brokers \(KAFKA_BROKERS\) must be host:port .*, got "http:\/\/kafka:9092"$/,
    );
    expect(errorOf(["-b", "kafka:99999"])).toMatch(/--brokers \(KAFKA_BROKERS\) must be host:port/);
    expect(errorOf([])).toMatch(/--brokers \(KAFKA_BROKERS\) must be host:port .*, got nothing/);
    expect(errorOf(["-b", "k:1", "--partitions", "2.5"])).toBe(
      "producer: --partitions (KAFKA_PARTITIONS) must be a positive integer (partitions of the topic when it is created), got 2.5",
    );
    expect(errorOf(["-b", "k:1"], { PRODUCER_DURATION: "soon" })).toBe(
      'producer: --duration (PRODUCER_DURATION) must be a positive duration, got "soon"',
    );
    expect(errorOf(["-b", "k:1", "--profile", "burst", "--burst-factor", "0.5"])).toBe(
      "producer: --burst-factor (PRODUCER_BURST_FACTOR) must be a factor >= 1, got 0.5",
    );
    expect(errorOf(["-b", "k:1", "--incident", "billing:errors@1s+1s"])).toMatch(
      /^producer: --incident \(PRODUCER_INCIDENTS\) must name a service: .*, got "billing"$/,
    );
    expect(errorOf(["-b", "k:1", "--malformed-ratio", "1.5"])).toMatch(
      /--malformed-ratio .* in \[0, 1\), got 1.5/,
    );
  });

  it("rejects unreadable incident and profile specs before parsing the rest", () => {
    expect(() => parse(["-b", "k:1", "--incident", "checkout"])).toThrow(
      /--incident \(PRODUCER_INCIDENTS\) must be service:kind@start\+duration\[=value\] .*got "checkout"/,
    );
    expect(() => parse(["-b", "k:1", "--profile", "sawtooth"])).toThrow(
      '--profile (PRODUCER_PROFILE) must be one of constant, ramp, burst, diurnal, got "sawtooth"',
    );
  });

  it("reads the number of Kafka producers from --producers or KAFKA_PRODUCERS, one by default", () => {
    expect(configOf(["--brokers", "kafka:9092"]).producers).toBe(DEFAULT_PRODUCERS);
    expect(configOf(["--brokers", "kafka:9092"], { KAFKA_PRODUCERS: "3" }).producers).toBe(3);
    expect(
      configOf(["--brokers", "kafka:9092", "--producers", "5"], { KAFKA_PRODUCERS: "3" }).producers,
    ).toBe(5);
    expect(errorOf(["--brokers", "kafka:9092", "--producers", "0"])).toBe(
      "producer: --producers (KAFKA_PRODUCERS) must be a positive integer (idempotent producers, each owning a share of the partitions), got 0",
    );
    expect(errorOf(["--brokers", "kafka:9092"], { KAFKA_PRODUCERS: "many" })).toContain(
      "--producers (KAFKA_PRODUCERS) must be a positive integer",
    );
    expect(errorOf(["--brokers", "kafka:9092", "--producers", "65"])).toBe(
      "producer: --producers (KAFKA_PRODUCERS) must be at most 64 producers, got 65",
    );
  });

  it("reads the generator's thread from --generator-threads or PRODUCER_GENERATOR_THREADS, 0 or 1", () => {
    expect(configOf(["--brokers", "kafka:9092"]).generatorThreads).toBe(DEFAULT_GENERATOR_THREADS);
    expect(configOf(["--brokers", "kafka:9092"], { PRODUCER_GENERATOR_THREADS: "0" }).generatorThreads).toBe(
      0,
    );
    expect(
      configOf(["--brokers", "kafka:9092", "--generator-threads", "1"], { PRODUCER_GENERATOR_THREADS: "0" })
        .generatorThreads,
    ).toBe(1);
    expect(errorOf(["--brokers", "kafka:9092", "--generator-threads", "2"])).toBe(
      "producer: --generator-threads (PRODUCER_GENERATOR_THREADS) must be 0 (generate on the event loop) or 1 (in a worker thread), got 2",
    );
    expect(errorOf(["--brokers", "kafka:9092"], { PRODUCER_GENERATOR_THREADS: "yes" })).toContain(
      "--generator-threads (PRODUCER_GENERATOR_THREADS) must be 0 (generate on the event loop) or 1",
    );
  });

  it("creates a missing topic only when --create-topic or KAFKA_CREATE_TOPIC=true asks", () => {
    expect(configOf(["--brokers", "kafka:9092"]).createTopic).toBe(false);
    expect(configOf(["--brokers", "kafka:9092", "--create-topic"]).createTopic).toBe(true);
    expect(configOf(["--brokers", "kafka:9092"], { KAFKA_CREATE_TOPIC: "true" }).createTopic).toBe(true);
    expect(configOf(["--brokers", "kafka:9092"], { KAFKA_CREATE_TOPIC: "false" }).createTopic).toBe(false);
    expect(errorOf(["--brokers", "kafka:9092"], { KAFKA_CREATE_TOPIC: "yes" })).toBe(
      'producer: --create-topic (KAFKA_CREATE_TOPIC) must be true or false, got "yes"',
    );
  });

  it("rejects unknown flags and shows help", () => {
    expect(() => parse(["--brokerz", "k:1"])).toThrow(/unknown option '--brokerz'/);
    let help = "";
    const command = buildCommand()
      .exitOverride()
      .configureOutput({ writeOut: (text) => (help += text) });
    expect(() => parseCli(["--help"], {}, command)).toThrow("(outputHelp)");
    expect(help).toMatch(
      /--brokers <host:port,...>\s+Kafka bootstrap brokers \(required\) \[env\s+KAFKA_BROKERS\]/,
    );
  });

  it("reads durations with units, bare numbers in the flag's unit", () => {
    expect(["250ms", "30s", "5m", "1.5h", "20"].map((text) => parseDuration(text))).toEqual([
      250, 30_000, 300_000, 5_400_000, 20_000,
    ]);
    expect(parseDuration("20", "ms")).toBe(20);
    expect(parseDuration("tomorrow")).toBe("tomorrow");
  });
});
