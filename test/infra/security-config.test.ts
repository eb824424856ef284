import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../infra/config.ts";

function problemsWith(values: Record<string, string>): string[] {
  try {
    parseConfig({ imageRegistry: "localhost:5000/log-pipeline", ...values });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe("kubernetesApiCidrs: where Strimzi's pods may reach the API server", () => {
  test("defaults to the private address ranges, never the whole Internet", () => {
    expect(parseConfig({ imageRegistry: "r" }).network.kubernetesApiCidrs).toEqual([
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
    ]);
  });

  test("takes IPv4 and IPv6 CIDRs, comma-separated", () => {
    expect(
      parseConfig({ imageRegistry: "r", kubernetesApiCidrs: "172.18.0.2/32, fd00:10::/64" }).network
        .kubernetesApiCidrs,
    ).toEqual(["172.18.0.2/32", "fd00:10::/64"]);
  });

  test.each(["0.0.0.0/0", "::/0", "10.0.0.1/33", "10.0.0.1", "kubernetes.default", "", "10.0.0.0/8,"])(
    "refuses %j, naming the key and how to find the right value",
    (value) => {
      const problems = problemsWith({ kubernetesApiCidrs: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^kubernetesApiCidrs must be comma-separated CIDRs .* none \/0 .*kubectl get endpointslices/,
      );
    },
  );
});

describe("prebuilt images (imageBuild false) must be pinned by digest", () => {
  const digest = `sha256:${"c".repeat(64)}`;

  test("a tag alone is refused, naming the key and the fix", () => {
    expect(
      problemsWith({
        imageBuild: "false",
        producerImage: "ghcr.io/acme/node:1.4.2",
        sparkImage: `ghcr.io/acme/spark:4.2.0@${digest}`,
      }),
    ).toEqual([
      'producerImage must be pinned by digest when imageBuild is false (a tag can be moved to other contents): use ghcr.io/acme/node:1.4.2@sha256:<digest>, the digest from `docker buildx imagetools inspect ghcr.io/acme/node:1.4.2`; got "ghcr.io/acme/node:1.4.2"',
    ]);
  });

  test("a digest with or without a tag is accepted; a short or upper-case digest is not", () => {
    expect(
      problemsWith({
        imageBuild: "false",
        producerImage: `acme/node@${digest}`,
        sparkImage: `acme/spark:4@${digest}`,
      }),
    ).toEqual([]);
    for (const bad of ["acme/node@sha256:abc", `acme/node@sha256:${"C".repeat(64)}`])
      expect(
        problemsWith({ imageBuild: "false", producerImage: bad, sparkImage: `acme/spark@${digest}` }),
      ).toHaveLength(1);
  });
});

describe("deadLetterRetentionHours: dead letters outlive their input", () => {
  test("defaults to two weeks, longer than the input topics' day", () => {
    const { topics } = parseConfig({ imageRegistry: "r" });
    expect(topics.deadLetterRetentionHours).toBe(336);
    expect(topics.deadLetterRetentionHours).toBeGreaterThan(topics.retentionHours);
  });

  test("shorter than the input's retention is refused, naming both keys", () => {
    expect(problemsWith({ topicRetentionHours: "168", deadLetterRetentionHours: "48" })).toEqual([
      "deadLetterRetentionHours must be at least topicRetentionHours (168): dead letters are kept for inspection and replay after the input is gone; got 48",
    ]);
  });
});

describe("Kafka outside the cluster: TLS by default, never PLAIN without it", () => {
  const external = { kafkaMode: "external", kafkaBootstrapServers: "kafka:9096", kafkaUsername: "pipeline" };
  const parse = (values: Record<string, string>) =>
    parseConfig({ imageRegistry: "r", ...external, ...values }, new Set(["kafkaPassword"]));

  test("TLS is on by default, and a PEM CA bundle is taken as it is", () => {
    expect(parse({}).kafka).toMatchObject({ mode: "external", tls: true, caCert: "" });
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    expect(parse({ kafkaCaCert: pem }).kafka).toMatchObject({ caCert: pem });
  });

  test("PLAIN without TLS, a CA without TLS and a CA that is not PEM are refused, naming the keys", () => {
    const problems = (values: Record<string, string>) => {
      try {
        parse(values);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ kafkaSaslMechanism: "plain", kafkaTls: "false" })).toEqual([
      'kafkaTls must be true with kafkaSaslMechanism "plain", which sends the password in clear text (or use scram-sha-512)',
    ]);
    expect(
      problems({
        kafkaTls: "false",
        kafkaCaCert: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----",
      }),
    ).toEqual(["kafkaCaCert is used only with kafkaTls true: set kafkaTls to true or remove kafkaCaCert"]);
    expect(problems({ kafkaCaCert: "not a certificate" })[0]).toMatch(
      /^kafkaCaCert must be empty \(the system's CAs\) or PEM/,
    );
  });
});
