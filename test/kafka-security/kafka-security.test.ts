import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  brokenKafkaSecurityRules,
  type KafkaSecurity,
  KafkaSecurityError,
  kafkajsSecurity,
  rdkafkaSecurity,
  saslMechanismOf,
  saslMechanismSchema,
  sparkKafkaSecurityOptions,
} from "../../workloads/kafka-security/index.ts";

const dir = mkdtempSync(join(tmpdir(), "kafka-security-"));
const caFile = join(dir, "ca.crt");
const caPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
writeFileSync(caFile, caPem);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scram = { mechanism: "SCRAM-SHA-512" as const, username: "stream-job", password: "s3cret" };
const setting = (overrides: Partial<KafkaSecurity>): KafkaSecurity => ({
  sasl: undefined,
  tls: false,
  caFile: undefined,
  ...overrides,
});

describe("one Kafka security setting, two clients", () => {
  it("SCRAM over TLS with a CA file: SASL_SSL and a PEM truststore for Spark, the CA's text for kafkajs", () => {
    const security = setting({ sasl: scram, tls: true, caFile });
    expect(sparkKafkaSecurityOptions(security)).toEqual({
      "kafka.security.protocol": "SASL_SSL",
      "kafka.sasl.mechanism": "SCRAM-SHA-512",
      "kafka.sasl.jaas.config":
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="stream-job" password="s3cret";',
      "kafka.ssl.truststore.type": "PEM",
      "kafka.ssl.truststore.location": caFile,
    });
    expect(kafkajsSecurity(security)).toEqual({
      ssl: { ca: [caPem] },
      sasl: { mechanism: "scram-sha-512", username: "stream-job", password: "s3cret" },
    });
  });

  it("gives librdkafka the same setting: protocol, mechanism, credentials and the CA's PEM text", () => {
    expect(rdkafkaSecurity(setting({ sasl: scram, tls: true, caFile }))).toEqual({
      "security.protocol": "sasl_ssl",
      "sasl.mechanisms": "SCRAM-SHA-512",
      "sasl.username": "stream-job",
      "sasl.password": "s3cret",
      "ssl.ca.pem": caPem,
    });
    expect(rdkafkaSecurity(setting({ tls: true }))).toEqual({ "security.protocol": "ssl" });
    expect(rdkafkaSecurity(setting({}))).toEqual({ "security.protocol": "plaintext" });
  });

  it("TLS without a CA file trusts the platform's CAs", () => {
    const security = setting({ sasl: scram, tls: true });
    expect(kafkajsSecurity(security).ssl).toBe(true);
    expect(sparkKafkaSecurityOptions(security)).not.toHaveProperty("kafka.ssl.truststore.location");
    expect(sparkKafkaSecurityOptions(security)["kafka.security.protocol"]).toBe("SASL_SSL");
  });

  it("TLS without SASL is SSL; neither is Kafka's default and needs no option", () => {
    expect(sparkKafkaSecurityOptions(setting({ tls: true }))).toEqual({ "kafka.security.protocol": "SSL" });
    expect(sparkKafkaSecurityOptions(setting({}))).toEqual({});
    expect(kafkajsSecurity(setting({}))).toEqual({});
  });

  it("escapes quotes and backslashes in JAAS values", () => {
    const jaas = sparkKafkaSecurityOptions(setting({ sasl: { ...scram, password: 'a"b\\c' }, tls: true }))[
      "kafka.sasl.jaas.config"
    ];
    expect(jaas).toContain('password="a\\"b\\\\c";');
  });

  it("refuses PLAIN without TLS, naming the variables to set", () => {
    const plain = setting({ sasl: { ...scram, mechanism: "PLAIN" } });
    for (const build of [kafkajsSecurity, rdkafkaSecurity, sparkKafkaSecurityOptions]) {
      expect(() => build(plain)).toThrow(KafkaSecurityError);
      expect(() => build(plain)).toThrow(/KAFKA_SASL_MECHANISM=PLAIN .* set KAFKA_TLS=true/);
    }
    expect(sparkKafkaSecurityOptions({ ...plain, tls: true })["kafka.security.protocol"]).toBe("SASL_SSL");
  });

  it("refuses a CA file without TLS, and names an unreadable CA file", () => {
    expect(() => kafkajsSecurity(setting({ caFile }))).toThrow(
      /KAFKA_CA_FILE is set but KAFKA_TLS is not true/,
    );
    for (const build of [kafkajsSecurity, rdkafkaSecurity])
      expect(() => build(setting({ tls: true, caFile: join(dir, "missing.crt") }))).toThrow(
        /KAFKA_CA_FILE=.*missing\.crt cannot be read/,
      );
  });
});

describe("the SASL mechanism, read once", () => {
  it("takes Kafka's spelling or lower case, and answers Kafka's spelling", () => {
    expect(saslMechanismOf("SCRAM-SHA-512")).toBe("SCRAM-SHA-512");
    expect(saslMechanismOf("scram-sha-256")).toBe("SCRAM-SHA-256");
    expect(saslMechanismOf(" plain ")).toBe("PLAIN");
    expect(saslMechanismOf("kerberos")).toBeUndefined();
    expect(saslMechanismOf("scram")).toBeUndefined();
  });

  it("gives kafkajs the lower-case names it expects for each mechanism", () => {
    const mechanisms = (["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const).map(
      (mechanism) => kafkajsSecurity(setting({ sasl: { ...scram, mechanism }, tls: true })).sasl?.mechanism,
    );
    expect(mechanisms).toEqual(["plain", "scram-sha-256", "scram-sha-512"]);
  });

  it("reports a mechanism it does not know with the caller's message and the text given", () => {
    const result = saslMechanismSchema("KAFKA_SASL_MECHANISM must be SCRAM").safeParse("gssapi", {
      reportInput: true,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      message: "KAFKA_SASL_MECHANISM must be SCRAM",
      input: "gssapi",
    });
  });
});

describe("the security rules, kept once for every reader of the setting", () => {
  it.for([
    { mechanism: "PLAIN", tls: false, caGiven: false, broken: ["plainNeedsTls"] },
    { mechanism: "PLAIN", tls: false, caGiven: true, broken: ["plainNeedsTls", "caNeedsTls"] },
    { mechanism: "PLAIN", tls: true, caGiven: true, broken: [] },
    { mechanism: "SCRAM-SHA-512", tls: false, caGiven: false, broken: [] },
    { mechanism: undefined, tls: false, caGiven: true, broken: ["caNeedsTls"] },
  ] as const)("$mechanism, tls $tls, CA $caGiven: breaks $broken", ({ broken, ...security }) => {
    expect(brokenKafkaSecurityRules(security)).toEqual(broken);
  });
});
