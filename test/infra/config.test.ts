import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  ConfigError,
  configFields,
  parseConfig,
  secretConfigKeys,
  sparkHeapFor,
} from "../../infra/config.ts";
import { projectName, projectRoot, readProjectFile, stackConfig } from "./harness.ts";

const documentation = readFileSync(join(projectRoot, "docs", "kubernetes.md"), "utf8");

/** The problems parseConfig reports for the defaults plus these values. */
function problemsWith(values: Record<string, string>, secrets: string[] = []): string[] {
  try {
    parseConfig({ imageRegistry: "localhost:5000/log-pipeline", ...values }, new Set(secrets));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

function pulumiType(expected: string): string {
  if (expected.startsWith("an integer")) return "integer";
  if (expected === "true or false") return "boolean";
  return "string";
}

describe("Pulumi.yaml", () => {
  test("runs index.ts through tsx, with no TypeScript build", () => {
    const project = readProjectFile();
    expect(project.runtime).toEqual({
      name: "nodejs",
      options: { typescript: false, nodeargs: "--import tsx" },
    });
    expect(project.main).toBe("index.ts");
    const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
    expect(manifest.type).toBe("module");
    expect(manifest.dependencies).toHaveProperty("tsx");
  });

  test("declares every config key the program reads, with its type, default and a description", () => {
    const declared = readProjectFile().config;
    expect(Object.keys(declared).sort()).toEqual([...Object.keys(configFields), ...secretConfigKeys].sort());
    for (const [key, field] of Object.entries(configFields)) {
      expect(declared[key]?.type, key).toBe(pulumiType(field.expected));
      expect(String(declared[key]?.default), key).toBe(field.default);
    }
    for (const [key, declaration] of Object.entries(declared))
      expect(declaration.description.length, key).toBeGreaterThan(10);
  });

  test("declares no key `secret: true`, which the engine then refuses in every stack that has not set it", () => {
    // A secret key with a plaintext default fails `pulumi up` with "must be encrypted as it's
    // secret" (found by the real engine); secrets are read with getSecret and set with --secret.
    for (const [key, declaration] of Object.entries(readProjectFile().config))
      expect((declaration as { secret?: boolean }).secret, key).toBeUndefined();
  });

  test("Pulumi.dev.yaml sets only declared keys and parses", () => {
    const stack = parse(readFileSync(join(projectRoot, "Pulumi.dev.yaml"), "utf8")) as {
      config: Record<string, unknown>;
    };
    for (const key of Object.keys(stack.config)) {
      expect(key.startsWith(`${projectName}:`), key).toBe(true);
      expect(readProjectFile().config, key).toHaveProperty(key.slice(projectName.length + 1));
    }
    const config = parseConfig(stackConfig("Pulumi.dev.yaml"));
    expect(config.kafka).toMatchObject({ mode: "strimzi", replicas: 1 });
    expect(config.spark).toMatchObject({ workers: 2, workersMax: 0 });
  });
});

describe("bad config is rejected with a message naming the key and what it accepts", () => {
  test("zero workers", () => {
    const message = 'sparkWorkers must be an integer from 1 to 100, got "0"';
    expect(problemsWith({ sparkWorkers: "0" })).toEqual([message]);
    expect(documentation).toContain(message);
  });

  test('memory "lots"', () => {
    const message = 'sparkWorkerMemory must be a memory quantity in Mi or Gi, e.g. "2Gi", got "lots"';
    expect(problemsWith({ sparkWorkerMemory: "lots" })).toEqual([message]);
    expect(documentation).toContain(message);
  });

  test("an unknown Kafka mode", () => {
    const message = 'kafkaMode must be one of strimzi, external, got "confluent"';
    expect(problemsWith({ kafkaMode: "confluent" })).toEqual([message]);
    expect(documentation).toContain(message);
  });

  test("a log format the stream job does not read", () => {
    expect(problemsWith({ logFormat: "xml" })).toEqual([
      'logFormat must be one of auto, json, syslog, syslog-rfc3164, logfmt, apache, got "xml"',
    ]);
    expect(
      parseConfig({ imageRegistry: "localhost:5000/log-pipeline", logFormat: "auto" }).streamJob,
    ).toEqual({
      logFormat: "auto",
      realTimeDeadLetters: false,
    });
  });

  test("realTimeDeadLetters must be a boolean", () => {
    expect(problemsWith({ realTimeDeadLetters: "yes" })).toEqual([
      'realTimeDeadLetters must be true or false, got "yes"',
    ]);
  });

  test("builds on without a registry", () => {
    const problems = problemsWith({ imageRegistry: "", imageBuild: "true" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^imageRegistry is required when imageBuild is true/);
    expect(documentation).toContain(problems[0]);
  });

  test("external Kafka without bootstrap servers or credentials", () => {
    expect(problemsWith({ kafkaMode: "external" })).toEqual([
      'kafkaBootstrapServers is required when kafkaMode is "external" (host:port[,host:port…])',
      'kafkaUsername and kafkaPassword (pulumi config set --secret kafkaPassword …) are required when kafkaMode is "external"',
    ]);
    expect(
      problemsWith({ kafkaMode: "external", kafkaBootstrapServers: "kafka:9092", kafkaUsername: "u" }, [
        "kafkaPassword",
      ]),
    ).toEqual([]);
  });

  test("an autoscaler maximum below the minimum", () => {
    expect(problemsWith({ sparkWorkers: "4", sparkWorkersMax: "2" })).toEqual([
      "sparkWorkersMax must be 0 (no autoscaling) or at least sparkWorkers (4), got 2",
    ]);
  });

  test("more topic replicas than Kafka nodes", () => {
    expect(problemsWith({ topicReplicas: "3" })).toEqual([
      "topicReplicas must be from 1 to kafkaReplicas (1), got 3",
    ]);
  });

  test("a lake without checkpoints, and prebuilt images tagged latest", () => {
    expect(problemsWith({ lakeUri: "s3a://bucket/lake" })).toEqual([
      "lakeUri and checkpointUri must be set together (or both left empty for a shared volume)",
    ]);
    expect(
      problemsWith({ imageBuild: "false", producerImage: "acme/node:latest", sparkImage: "acme/spark:1" }),
    ).toEqual([
      'producerImage must be an image reference with a pinned tag or digest (not "latest"), or empty, got "acme/node:latest"',
    ]);
  });

  test("memory below what Spark needs", () => {
    expect(problemsWith({ sparkDriverMemory: "512Mi" })).toEqual([
      'sparkDriverMemory must be at least 1Gi (Spark needs it), got "512Mi"',
    ]);
  });

  test("every problem is reported at once", () => {
    expect(problemsWith({ sparkWorkers: "0", kafkaMode: "confluent", monitoring: "yes" })).toHaveLength(3);
  });
});

describe("Spark's heaps", () => {
  test.each(["1Gi", "1536Mi", "2Gi", "16Gi"])(
    "fit a %s container with the worker daemon beside the executor",
    (memory) => {
      const containerMi = memory.endsWith("Gi")
        ? Number.parseInt(memory, 10) * 1024
        : Number.parseInt(memory, 10);
      const executorMi = Number.parseInt(sparkHeapFor(memory, 256), 10);
      expect(256 + executorMi).toBeLessThan(containerMi);
      expect(containerMi - 256 - executorMi).toBeGreaterThanOrEqual(Math.min(384, containerMi / 4));
    },
  );
});
