import { Command } from "commander";
import { describe, expect, it } from "vitest";
import {
  addOptions,
  type OptionSpec,
  optionNamer,
  optionProblem,
  readOptions,
  readRawOptions,
} from "../../workloads/command-line/options.ts";
import { parseStreamJobConfig, streamJobOptionsFrom } from "../../workloads/stream-job/config.ts";
import { streamJobOptionName, streamJobOptionSpecs } from "../../workloads/stream-job/options.ts";

const specs: OptionSpec[] = [
  { flags: "-b, --brokers <list>", env: "KAFKA_BROKERS", description: "brokers", paths: ["kafka.brokers"] },
  {
    flags: "--http-port <port>",
    env: "METRICS_PORT",
    description: "port",
    paths: ["http.port"],
    numeric: true,
  },
  {
    flags: "--incident <spec>",
    env: "INCIDENTS",
    description: "incidents",
    paths: ["incidents"],
    repeatable: true,
  },
  { env: "KAFKA_PASSWORD", description: "password", paths: ["kafka.password"] },
];

function flagsOf(argv: string[]): Record<string, unknown> {
  const command = addOptions(new Command("test").exitOverride(), specs);
  command.parse(argv, { from: "user" });
  return command.opts();
}

describe("reading flags and environment from one table", () => {
  it("puts each value at its path, a flag winning over its variable", () => {
    const options = readOptions(specs, flagsOf(["--brokers", "flag:9092"]), {
      KAFKA_BROKERS: "env:9092",
      METRICS_PORT: "9465",
      KAFKA_PASSWORD: "s3cret",
    });
    expect(options).toEqual({ kafka: { brokers: "flag:9092", password: "s3cret" }, http: { port: 9465 } });
  });

  it("treats an empty variable as unset and keeps text that is not a number for the error to quote", () => {
    expect(readOptions(specs, {}, { KAFKA_BROKERS: "", METRICS_PORT: "ninety" })).toEqual({
      http: { port: "ninety" },
    });
  });

  it("collects a repeatable flag, and splits its variable on commas", () => {
    expect(
      readRawOptions(specs, flagsOf(["--incident", "a", "--incident", "b"]), {}).get("incident"),
    ).toEqual(["a", "b"]);
    expect(readRawOptions(specs, {}, { INCIDENTS: "a, b" }).get("incident")).toEqual(["a", "b"]);
  });

  it("adds only settings that have a flag, naming the variable in the help", () => {
    const help = addOptions(new Command("test"), specs).helpInformation();
    expect(help).toMatch(/--http-port <port>\s+port \[env METRICS_PORT\]/);
    expect(help).not.toContain("KAFKA_PASSWORD");
  });

  it("names a setting by flag and variable, by variable alone, or by path when the table lacks it", () => {
    const name = optionNamer(specs);
    expect(name(["http", "port"])).toBe("--http-port (METRICS_PORT)");
    expect(name(["kafka", "password"])).toBe("KAFKA_PASSWORD");
    expect(name(["seed"])).toBe('option "seed"');
    expect(optionProblem("producer", name(["http", "port"]), "must be a port", "ninety")).toBe(
      'producer: --http-port (METRICS_PORT) must be a port, got "ninety"',
    );
  });
});

describe("stream-job run's settings", () => {
  const env = {
    SPARK_CONNECT_URL: "sc://spark-connect:15002/",
    SPARK_CONNECT_TOKEN: "t0ken",
    KAFKA_BROKERS: "kafka:9092",
    LAKE_PATH: "/lake",
    CHECKPOINT_PATH: "/checkpoints",
  };

  it("let a flag win over the Deployment's variable, and join the token to the URL", () => {
    const config = parseStreamJobConfig(
      streamJobOptionsFrom({ kafkaBrokers: "other:9092", httpPort: "0" }, { ...env, METRICS_PORT: "9000" }),
    );
    expect(config.kafkaBootstrap).toBe("other:9092");
    expect(config.http.port).toBe(0);
    expect(config.sparkConnectUrl).toBe("sc://spark-connect:15002/;token=t0ken");
  });

  it("name a bad flag and its variable in the error, with the fix", () => {
    const parse = () =>
      parseStreamJobConfig(
        streamJobOptionsFrom({ maxOffsetsPerTrigger: "lots", httpPort: "99999" }, env),
        streamJobOptionName,
      );
    expect(parse).toThrow(
      "--max-offsets-per-trigger (STREAM_JOB_MAX_OFFSETS_PER_TRIGGER): STREAM_JOB_MAX_OFFSETS_PER_TRIGGER must be a positive integer of records",
    );
    expect(parse).toThrow("--http-port (METRICS_PORT): METRICS_PORT must be a port number from 0 to 65535");
  });

  it("name a variable that has no flag by the variable", () => {
    expect(() =>
      parseStreamJobConfig(
        streamJobOptionsFrom({}, { ...env, KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_USERNAME: "job" }),
        streamJobOptionName,
      ),
    ).toThrow("- KAFKA_PASSWORD: KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM");
  });

  it("cover every variable the table names with a field of the options", () => {
    const everything = Object.fromEntries(streamJobOptionSpecs.map((spec) => [spec.env, "x"]));
    const options = streamJobOptionsFrom({}, everything) as Record<string, unknown>;
    for (const spec of streamJobOptionSpecs) {
      const value = (spec.paths[0] as string)
        .split(".")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], options);
      expect(value, spec.env).toBe("x");
    }
  });
});
