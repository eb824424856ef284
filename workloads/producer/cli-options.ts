import { Command } from "commander";
import {
  addOptions,
  flagAttribute,
  numberOrText,
  type OptionNamer,
  type OptionSpec,
  optionName,
  optionNamer,
  readRawOptions,
} from "../command-line/options.ts";
import { OUTPUT_FORMATS } from "../contract/log-formats.ts";
import { DEFAULT_GENERATOR_THREADS, type ProducerOptions } from "./config.ts";
import { INCIDENT_KINDS, type IncidentKind } from "./incidents.ts";
import { ProducerOptionError } from "./option-error.ts";

export const DEFAULT_METRICS_PORT = 9464;

/** A producer flag; its option path is its attribute unless given. */
const flag = (
  attribute: string,
  flags: string,
  env: string,
  description: string,
  paths: string[] = [attribute],
): OptionSpec => ({ flags, env, description, paths });

const FLAGS: OptionSpec[] = [
  flag("brokers", "-b, --brokers <host:port,...>", "KAFKA_BROKERS", "Kafka bootstrap brokers (required)"),
  flag("topic", "-t, --topic <name>", "KAFKA_TOPIC", "topic to produce to (default: logs)"),
  flag(
    "createTopic",
    "--create-topic",
    "KAFKA_CREATE_TOPIC",
    "create the topic when it is missing, for local use (env: true or false; default: a missing topic is an error)",
  ),
  flag(
    "partitions",
    "--partitions <n>",
    "KAFKA_PARTITIONS",
    "partitions when --create-topic creates the topic (default: 6)",
  ),
  flag(
    "replicationFactor",
    "--replication-factor <n>",
    "KAFKA_REPLICATION_FACTOR",
    "replicas when --create-topic creates the topic (default: 1)",
  ),
  flag("clientId", "--client-id <id>", "KAFKA_CLIENT_ID", "Kafka client id (default: log-producer)"),
  flag(
    "saslMechanism",
    "--sasl-mechanism <mechanism>",
    "KAFKA_SASL_MECHANISM",
    "authenticate with SASL: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, any case (default: none)",
  ),
  flag("saslUsername", "--sasl-username <user>", "KAFKA_USERNAME", "SASL user name"),
  flag("saslPassword", "--sasl-password <password>", "KAFKA_PASSWORD", "SASL password (prefer the variable)"),
  flag("tls", "--tls <true|false>", "KAFKA_TLS", "connect with TLS, SASL_SSL with SASL (default: false)"),
  flag(
    "caFile",
    "--ca-file <path>",
    "KAFKA_CA_FILE",
    "PEM CA bundle to trust with --tls (default: Node's CAs)",
  ),
  flag("rate", "-r, --rate <events/s|max>", "PRODUCER_RATE", 'target rate, or "max" (default: 1000)', [
    "rate",
    "rate.rate",
    "rate.to",
  ]),
  flag(
    "profile",
    "--profile <kind>",
    "PRODUCER_PROFILE",
    "traffic shape: constant, ramp, burst, diurnal (default: constant)",
  ),
  flag("rampFrom", "--ramp-from <events/s>", "PRODUCER_RAMP_FROM", "ramp: starting rate (default: rate/10)", [
    "rate.from",
  ]),
  flag(
    "rampDuration",
    "--ramp-duration <duration>",
    "PRODUCER_RAMP_DURATION",
    "ramp: time to reach --rate (default: 60s)",
    ["rate.durationMs"],
  ),
  flag("burstFactor", "--burst-factor <x>", "PRODUCER_BURST_FACTOR", "burst: rate multiplier (default: 5)", [
    "rate.factor",
  ]),
  flag("burstEvery", "--burst-every <duration>", "PRODUCER_BURST_EVERY", "burst: period (default: 60s)", [
    "rate.everyMs",
  ]),
  flag(
    "burstLasting",
    "--burst-lasting <duration>",
    "PRODUCER_BURST_LASTING",
    "burst: length (default: 10s)",
    ["rate.lastingMs"],
  ),
  flag(
    "diurnalAmplitude",
    "--diurnal-amplitude <0..1>",
    "PRODUCER_DIURNAL_AMPLITUDE",
    "diurnal: swing around --rate (default: 0.6)",
    ["rate.amplitude"],
  ),
  flag(
    "diurnalPeriod",
    "--diurnal-period <duration>",
    "PRODUCER_DIURNAL_PERIOD",
    "diurnal: length of a day (default: 24h)",
    ["rate.periodMs"],
  ),
  flag("count", "-n, --count <events>", "PRODUCER_COUNT", "stop after this many events"),
  flag("duration", "-d, --duration <duration>", "PRODUCER_DURATION", "stop after this long (e.g. 90s, 5m)", [
    "durationMs",
  ]),
  flag("seed", "-s, --seed <int>", "PRODUCER_SEED", "seed of the event model (default: 1)"),
  flag("services", "--services <list>", "PRODUCER_SERVICES", "only these services (comma-separated)"),
  {
    ...flag(
      "incident",
      "--incident <spec>",
      "PRODUCER_INCIDENTS",
      "inject an incident, repeatable: service:kind@start+duration[=value], e.g. checkout:error-spike@30s+2m=0.4 " +
        "(env: comma-separated)",
      ["incidents"],
    ),
    repeatable: true,
  },
  flag("format", "-f, --format <format>", "PRODUCER_FORMAT", `${OUTPUT_FORMATS.join(", ")} (default: json)`),
  flag("compression", "--compression <codec>", "PRODUCER_COMPRESSION", "none, gzip (default: gzip)"),
  flag(
    "producers",
    "--producers <n>",
    "KAFKA_PRODUCERS",
    "idempotent Kafka producers sharing the partitions, each key on one (default: 1)",
  ),
  flag(
    "generatorThreads",
    "--generator-threads <0|1>",
    "PRODUCER_GENERATOR_THREADS",
    `generate events in a worker thread (1) or on the event loop (0) (default: ${DEFAULT_GENERATOR_THREADS} here)`,
  ),
  flag("batchSize", "--batch-size <n>", "PRODUCER_BATCH_SIZE", "events per send (default: 1000)"),
  flag(
    "linger",
    "--linger <duration>",
    "PRODUCER_LINGER",
    "wait for a fuller batch, bare number in ms (default: 50ms)",
    ["lingerMs"],
  ),
  flag(
    "malformedRatio",
    "--malformed-ratio <ratio>",
    "PRODUCER_MALFORMED_RATIO",
    "mix in malformed records per event, e.g. 0.01 (default: 0)",
  ),
  flag(
    "metricsPort",
    "--metrics-port <port|off>",
    "PRODUCER_METRICS_PORT",
    `serve /metrics on this port (default: ${DEFAULT_METRICS_PORT})`,
  ),
  flag(
    "metricsHost",
    "--metrics-host <host>",
    "PRODUCER_METRICS_HOST",
    "address for /metrics (default: 0.0.0.0)",
  ),
  flag(
    "connectTimeout",
    "--connect-timeout <duration>",
    "PRODUCER_CONNECT_TIMEOUT",
    "give up connecting after this long (default: 30s)",
    ["connectTimeoutMs"],
  ),
  flag(
    "logLevel",
    "--log-level <level>",
    "PRODUCER_LOG_LEVEL",
    "fatal, error, warn, info, debug, trace, silent",
  ),
  flag(
    "summaryFile",
    "--summary-file <path>",
    "PRODUCER_SUMMARY_FILE",
    "write the final summary (JSON) here",
    [],
  ),
];

/** Names an option as the CLI user knows it: `--rate (PRODUCER_RATE)`. */
export const cliOptionName: OptionNamer = optionNamer(FLAGS);

function optionError(attribute: string, message: string): ProducerOptionError {
  const spec = FLAGS.find((candidate) => flagAttribute(candidate) === attribute);
  return new ProducerOptionError(attribute, `producer: ${spec ? optionName(spec) : attribute} ${message}`);
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `250ms`, `30s`, `5m`, `1.5h`; a bare number is in `bareUnit`. Unreadable text stays text. */
export function parseDuration(text: string, bareUnit: "ms" | "s" = "s"): number | string {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return text;
  return Number(match[1]) * (durationUnits[match[2] ?? bareUnit] as number);
}

const incidentKindAliases: Record<string, IncidentKind> = {
  errors: "error-spike",
  "error-spike": "error-spike",
  latency: "latency-regression",
  "latency-regression": "latency-regression",
};

/** `checkout:error-spike@30s+2m=0.4` → an incident spec; the value is an error rate or a latency factor. */
export function parseIncident(text: string): Record<string, unknown> {
  const match = /^\s*([a-z-]+):([a-z-]+)@([^+]+)\+([^=]+?)(?:=([^=]+))?\s*$/.exec(text);
  const kind = match ? incidentKindAliases[match[2] as string] : undefined;
  if (!match || !kind) {
    throw optionError(
      "incident",
      `must be service:kind@start+duration[=value] with kind ${INCIDENT_KINDS.join(" or ")}, e.g. checkout:error-spike@30s+2m=0.4, got "${text}"`,
    );
  }
  const [, service, , start, duration, value] = match;
  const spec: Record<string, unknown> = {
    service,
    kind,
    startAfterMs: parseDuration(start as string),
    durationMs: parseDuration(duration as string),
  };
  if (value !== undefined) spec[kind === "error-spike" ? "errorRate" : "latencyFactor"] = numberOrText(value);
  return spec;
}

export function buildCommand(): Command {
  const command = new Command("producer")
    .description(
      "Produce realistic log events into Kafka at a controlled rate (JSON events keyed by service).",
    )
    .addHelpText(
      "after",
      "\nEvery flag can also come from the environment variable named in its description; a flag wins over it.\n" +
        "Durations take a unit: ms, s, m, h. Stop with Ctrl-C: in-flight batches are flushed; a second Ctrl-C aborts.",
    )
    .option("--no-progress", "no live progress line (shown by default when stderr is a terminal)")
    .allowExcessArguments(false);
  return addOptions(command, FLAGS);
}

export interface CliSettings {
  options: ProducerOptions;
  summaryFile: string | undefined;
  /** Undefined: show it when stderr is a terminal. */
  progress: boolean | undefined;
}

function buildRate(raw: Record<string, string | string[] | undefined>): ProducerOptions["rate"] {
  const text = raw.rate as string | undefined;
  const rate = text === undefined ? 1000 : text.trim() === "max" ? "max" : numberOrText(text);
  const profile = (raw.profile as string | undefined) ?? "constant";
  const value = (attribute: string, fallback: number | string, asDuration = false) => {
    const given = raw[attribute] as string | undefined;
    if (given === undefined) return fallback;
    return asDuration ? parseDuration(given) : numberOrText(given);
  };
  switch (profile) {
    case "constant":
      return text === undefined ? undefined : (rate as ProducerOptions["rate"]);
    case "ramp":
      return {
        kind: "ramp",
        from: value("rampFrom", typeof rate === "number" ? rate / 10 : rate),
        to: rate,
        durationMs: value("rampDuration", 60_000, true),
      } as ProducerOptions["rate"];
    case "burst":
      return {
        kind: "burst",
        rate,
        factor: value("burstFactor", 5),
        everyMs: value("burstEvery", 60_000, true),
        lastingMs: value("burstLasting", 10_000, true),
      } as ProducerOptions["rate"];
    case "diurnal":
      return {
        kind: "diurnal",
        rate,
        amplitude: value("diurnalAmplitude", 0.6),
        periodMs: value("diurnalPeriod", 86_400_000, true),
      } as ProducerOptions["rate"];
    default:
      throw optionError("profile", `must be one of constant, ramp, burst, diurnal, got "${profile}"`);
  }
}

/**
 * Reads flags and environment into runProducer options (flags win), converting text to the
 * numbers and durations the options take; checking them is `runProducer`'s job.
 */
export function parseCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  command = buildCommand(),
): CliSettings {
  command.parse([...argv], { from: "user" });
  const flags = command.opts<Record<string, string | string[] | boolean | undefined>>();
  const raw = Object.fromEntries(readRawOptions(FLAGS, flags, env));
  const text = (attribute: string) => raw[attribute] as string | undefined;
  const options: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) options[key] = value;
  };
  set("brokers", text("brokers"));
  set("topic", text("topic"));
  set("clientId", text("clientId"));
  set("saslMechanism", text("saslMechanism"));
  set("saslUsername", text("saslUsername"));
  set("saslPassword", text("saslPassword"));
  set("tls", text("tls"));
  // A bare flag, so not among the raw texts: `true` from it wins over the variable's text.
  set("createTopic", flags.createTopic === true ? true : raw.createTopic);
  set("caFile", text("caFile"));
  set("format", text("format"));
  set("compression", text("compression"));
  set("metricsHost", text("metricsHost"));
  set("logLevel", text("logLevel"));
  for (const key of [
    "partitions",
    "replicationFactor",
    "count",
    "seed",
    "producers",
    "generatorThreads",
    "batchSize",
    "maxBatchBytes",
    "malformedRatio",
  ]) {
    const value = text(key);
    set(key, value === undefined ? undefined : numberOrText(value));
  }
  set("rate", buildRate(raw));
  const duration = text("duration");
  set("durationMs", duration === undefined ? undefined : parseDuration(duration));
  const linger = text("linger");
  set("lingerMs", linger === undefined ? undefined : parseDuration(linger, "ms"));
  const connectTimeout = text("connectTimeout");
  set("connectTimeoutMs", connectTimeout === undefined ? undefined : parseDuration(connectTimeout));
  const services = text("services");
  set(
    "services",
    services
      ?.split(",")
      .map((service) => service.trim())
      .filter(Boolean),
  );
  const incidents = raw.incident as string[] | undefined;
  set("incidents", incidents?.filter(Boolean).map(parseIncident));
  const metricsPort = text("metricsPort") ?? String(DEFAULT_METRICS_PORT);
  if (metricsPort.trim() !== "off") set("metricsPort", numberOrText(metricsPort));
  const progress = flags.progress === false ? false : undefined;
  return { options: options as ProducerOptions, summaryFile: text("summaryFile"), progress };
}
