/**
 * Runs the Pulumi program under mocks (no cluster, no engine) and records every resource it
 * registers: type, name, inputs, parent, explicit dependencies, provider and the resource
 * options the engine acts on (ignoreChanges, retainOnDelete, transforms). Mocks must be set
 * before the program is imported, and Pulumi.yaml's defaults are not applied under mocks, so
 * the harness reads them from Pulumi.yaml and the stack file itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { TransformCallback } from "./transforms.ts";

export const projectRoot = join(import.meta.dirname, "..", "..");
export const projectName = "log-analytics-pipeline";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Paths (a.b.c) of the inputs that are Pulumi secrets. */
  secretInputs: string[];
  parentUrn: string;
  dependencies: string[];
  provider: string;
  custom: boolean;
  ignoreChanges: string[];
  retainOnDelete: boolean;
  /** The resource's transforms, which a real engine applies to it and to its children. */
  transforms: TransformCallback[];
}

export interface ProgramRun {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  /** Whether each stack output is a Pulumi secret. */
  secretOutputs: Record<string, boolean>;
  /** Every value the mocks produced for a generated secret (passwords, tokens). */
  generatedSecrets: string[];
}

interface ProjectConfigDeclaration {
  type: "string" | "integer" | "boolean";
  default?: string | number | boolean;
  description: string;
}

export function readProjectFile(): {
  runtime: { name: string; options: Record<string, unknown> };
  main: string;
  config: Record<string, ProjectConfigDeclaration>;
} {
  return parse(readFileSync(join(projectRoot, "Pulumi.yaml"), "utf8"));
}

/** The stack's config as `pulumi up` would see it: Pulumi.yaml defaults, then the stack file, then overrides. */
export function stackConfig(
  stackFile: string | undefined,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, declaration] of Object.entries(readProjectFile().config)) {
    if (declaration.default !== undefined) values[key] = String(declaration.default);
  }
  if (stackFile !== undefined) {
    const stack = parse(readFileSync(join(projectRoot, stackFile), "utf8")) as {
      config: Record<string, unknown>;
    };
    for (const [key, value] of Object.entries(stack.config))
      values[key.replace(`${projectName}:`, "")] = String(value);
  }
  return { ...values, ...overrides };
}

/** The state a mocked resource reports back: its inputs, plus what the real provider computes. */
function mockState(type: string, name: string, inputs: Record<string, unknown>, secrets: string[]) {
  switch (type) {
    case "random:index/randomPassword:RandomPassword": {
      const result = `generated-${name}-${"x".repeat(8)}`;
      secrets.push(result);
      return { ...inputs, result };
    }
    case "docker-build:index:Image": {
      const tags = inputs.tags as string[];
      return { ...inputs, ref: `${tags[0]}@sha256:${"0".repeat(64)}`, digest: `sha256:${"0".repeat(64)}` };
    }
    default:
      return inputs;
  }
}

/**
 * Pulumi's mocks turn the `transforms` resource option off (registering a resource that has one
 * throws), although their monitor accepts such resources. The program's charts carry one; turn
 * the feature on so they register. The transforms themselves run only in a real engine, on the
 * charts' children, which mocks never see: test them as functions.
 */
async function enableTransforms(): Promise<void> {
  const state = (await import("@pulumi/pulumi/runtime/state.js")) as unknown as {
    getStore(): { supportsTransforms: boolean };
  };
  state.getStore().supportsTransforms = true;
}

const secretSignature = "4dabf18193072939515e22adb298388d";

/** Replaces Pulumi's serialized secrets by their values, noting where they were. */
function unwrapSecrets(value: unknown, path: string, secrets: string[]): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => unwrapSecrets(item, `${path}.${index}`, secrets));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (secretSignature in record) {
    secrets.push(path);
    return unwrapSecrets(record.value, path, secrets);
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [
      key,
      unwrapSecrets(item, path === "" ? key : `${path}.${key}`, secrets),
    ]),
  );
}

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}

type RegisterRequest = {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getProvider(): string;
  getCustom(): boolean;
  getIgnorechangesList(): string[];
  getRetainondelete(): boolean | undefined;
  getTransformsList(): { getTarget(): string; getToken(): string }[];
};
type Monitor = {
  registerResource(request: RegisterRequest, callback: (error: unknown, response: unknown) => void): void;
};

/** Runs index.ts once with this config (one program per test file: modules load once per worker). */
export async function runProgram(
  config: Record<string, string>,
  options: { stack?: string; secretKeys?: string[] } = {},
): Promise<ProgramRun> {
  const generatedSecrets: string[] = [];
  const inputsByKey = new Map<string, { inputs: Record<string, unknown>; custom: boolean }>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        inputsByKey.set(`${args.type}::${args.name}`, { inputs: args.inputs, custom: args.custom ?? true });
        return {
          id: args.custom === false ? undefined : `${args.name}-id`,
          state: mockState(args.type, args.name, args.inputs, generatedSecrets),
        };
      },
      call: (args) => args.inputs,
    },
    projectName,
    options.stack ?? "test",
    false,
  );
  await enableTransforms();
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([key, value]) => [`${projectName}:${key}`, value])),
    (options.secretKeys ?? []).map((key) => `${projectName}:${key}`),
  );

  const requests: { request: RegisterRequest; urn: Promise<string> }[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  const register = monitor.registerResource.bind(monitor);
  let pending = 0;
  monitor.registerResource = (request, callback) => {
    pending++;
    let settle: (urn: string) => void = () => {};
    requests.push({ request, urn: new Promise((done) => (settle = done)) });
    register(request, (error, response) => {
      pending--;
      settle((response as { getUrn(): string } | undefined)?.getUrn() ?? "");
      callback(error, response);
    });
  };

  // The program's default export is its stack outputs, as Pulumi reads them.
  const program = (await import("../../index.ts")).default as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  const secretOutputs: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(program)) {
    const output = pulumi.output(value);
    outputs[key] = await resolve(output);
    secretOutputs[key] = await pulumi.isSecret(output);
  }
  // Registrations run after the outputs they feed: wait until none is in flight.
  for (let idle = 0; idle < 20; idle = pending === 0 ? idle + 1 : 0) {
    await new Promise((done) => setImmediate(done));
  }

  const resources: RecordedResource[] = [];
  for (const { request, urn } of requests) {
    const recorded = inputsByKey.get(`${request.getType()}::${request.getName()}`);
    const secretInputs: string[] = [];
    resources.push({
      urn: await urn,
      type: request.getType(),
      name: request.getName(),
      inputs: unwrapSecrets(recorded?.inputs ?? {}, "", secretInputs) as Record<string, unknown>,
      secretInputs,
      parentUrn: request.getParent(),
      dependencies: request.getDependenciesList(),
      provider: request.getProvider(),
      custom: request.getCustom(),
      ignoreChanges: request.getIgnorechangesList(),
      retainOnDelete: request.getRetainondelete() ?? false,
      transforms: request
        .getTransformsList()
        .map((callback) => ({ target: callback.getTarget(), token: callback.getToken() })),
    });
  }
  return { resources, outputs, secretOutputs, generatedSecrets };
}

/** The Kubernetes objects the program declares, as the API server would receive them. */
export function kubernetesObjects(
  run: ProgramRun,
): { resource: RecordedResource; object: KubernetesObject }[] {
  return run.resources
    .filter((resource) => resource.type.startsWith("kubernetes:") && resource.custom)
    .filter((resource) => !resource.type.startsWith("kubernetes:helm.sh/"))
    .map((resource) => ({ resource, object: resource.inputs as unknown as KubernetesObject }));
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}
