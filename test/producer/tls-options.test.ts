import { describe, expect, it } from "vitest";
import { buildCommand, cliOptionName, parseCli } from "../../workloads/producer/cli-options.ts";
import { parseProducerOptions } from "../../workloads/producer/config.ts";

function configOf(env: Record<string, string>) {
  const command = buildCommand()
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return parseProducerOptions(
    parseCli([], { KAFKA_BROKERS: "kafka:9093", ...env }, command).options,
    cliOptionName,
  );
}

describe("the producer's TLS settings", () => {
  it("take KAFKA_TLS and KAFKA_CA_FILE", () => {
    const config = configOf({
      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
      KAFKA_USERNAME: "producer",
      KAFKA_PASSWORD: "p",
      KAFKA_TLS: "true",
      KAFKA_CA_FILE: "/etc/kafka-ca/ca.crt",
    });
    expect(config).toMatchObject({
      saslMechanism: "SCRAM-SHA-512",
      tls: true,
      caFile: "/etc/kafka-ca/ca.crt",
    });
    expect(configOf({}).tls).toBe(false);
  });

  it("refuse SASL PLAIN without TLS, naming the flag and its variable", () => {
    expect(() =>
      configOf({ KAFKA_SASL_MECHANISM: "plain", KAFKA_USERNAME: "u", KAFKA_PASSWORD: "p" }),
    ).toThrow(/--tls \(KAFKA_TLS\) must be true with SASL PLAIN, which sends the password in clear text/);
    expect(
      configOf({ KAFKA_SASL_MECHANISM: "plain", KAFKA_USERNAME: "u", KAFKA_PASSWORD: "p", KAFKA_TLS: "true" })
        .tls,
    ).toBe(true);
  });

  it("refuse a CA file without TLS, and a TLS value that is not a boolean", () => {
    expect(() => configOf({ KAFKA_CA_FILE: "/ca.crt" })).toThrow(
      /--ca-file \(KAFKA_CA_FILE\) is used only with TLS/,
    );
    expect(() => configOf({ KAFKA_TLS: "yes" })).toThrow(/--tls \(KAFKA_TLS\) must be true or false/);
  });
});
