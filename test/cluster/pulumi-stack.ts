import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { engineProcessEnv, type PulumiEngine } from "../../workloads/control-plane/pulumi-engine.ts";

export const projectRoot = resolve(import.meta.dirname, "..", "..");

/** Stacks of the cluster tests are named so; their config files in the project root are ignored by git. */
export const testStackPrefix = "cluster-test-";

/** Encrypts the throwaway stacks' secrets in the run's own state backend. */
const passphrase = "loopback-cluster-tests";

/** A real engine command can take minutes on a busy machine; one that hangs must still end. */
const commandTimeoutMs = 15 * 60_000;

export interface EngineRun {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

/** A step of `pulumi preview --json`. */
export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }>;
}

interface PreviewJson {
  steps?: PreviewStep[];
  changeSummary?: Record<string, number>;
  diagnostics?: { severity: string; message: string; urn?: string }[];
}

export interface Preview {
  steps: PreviewStep[];
  /** "op type name" of every step that changes something, sorted: `update kubernetes:apps/v1:Deployment producer`. */
  changes: string[];
  run: EngineRun;
}

/** A resource of `pulumi stack export`. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
  retainOnDelete?: boolean;
}

/** The "type name" part of a URN: `urn:pulumi:s::p::a$b::name` → `b name`. */
export function urnTypeAndName(urn: string): string {
  const [, , types = "", name = ""] = urn.split("::");
  return `${types.split("$").at(-1)} ${name}`;
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** The engine's own diagnostics of a failed command, with its output's end for context. */
export class PulumiCommandError extends Error {
  override readonly name = "PulumiCommandError";
  constructor(readonly run: EngineRun) {
    super(
      `\`${run.command}\` failed (exit ${run.code}). The engine said:\n${diagnosticsOf(run)}\n--- stderr ---\n${tail(run.stderr, 40)}`,
    );
  }
}

function diagnosticsOf(run: EngineRun): string {
  try {
    const parsed = JSON.parse(run.stdout) as PreviewJson;
    const diagnostics = parsed.diagnostics ?? [];
    if (diagnostics.length)
      return diagnostics
        .map((d) => `${d.severity}: ${d.urn ? `${urnTypeAndName(d.urn)}: ` : ""}${d.message.trim()}`)
        .join("\n");
  } catch {
    // Not JSON: a plain command's output, whose end holds the diagnostics.
  }
  return tail(run.stdout, 80);
}

/**
 * One stack of the program driven through the real Pulumi CLI against the loopback control plane,
 * with a file state backend in the run folder. Every command is non-interactive; a failure throws
 * with the engine's diagnostics.
 */
export class PulumiStack {
  readonly name: string;
  /** Every command's output, for checks on warnings across the stack's life. */
  readonly runs: EngineRun[] = [];
  private readonly env: NodeJS.ProcessEnv;
  private readonly command: string;

  constructor(
    shortName: string,
    engine: PulumiEngine,
    runDir: string,
    private readonly kubeconfig: string,
  ) {
    this.name = `${testStackPrefix}${shortName}`;
    const backend = join(runDir, "pulumi-state");
    mkdirSync(backend, { recursive: true });
    this.env = engineProcessEnv(engine, {
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      // Nothing may reach a cluster other than the loopback one, whatever the ambient config says.
      KUBECONFIG: kubeconfig,
    });
    this.command = engine.command;
  }

  async pulumi(args: string[], { allowFailure = false } = {}): Promise<EngineRun> {
    const fullArgs = [...args, "--stack", this.name, "--non-interactive", "--color", "never"];
    const run = await new Promise<EngineRun>((resolvePromise, reject) => {
      const child = spawn(this.command, fullArgs, {
        cwd: projectRoot,
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
        timeout: commandTimeoutMs,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code, signal) =>
        resolvePromise({
          command: `pulumi ${fullArgs.join(" ")}`,
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8") + (signal ? `\n(killed by ${signal})` : ""),
        }),
      );
    });
    this.runs.push(run);
    if (run.code !== 0 && !allowFailure) throw new PulumiCommandError(run);
    return run;
  }

  /** Creates the stack with this config (plain values and secrets), the kubeconfig always the loopback one. */
  async init(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    await this.pulumi(["stack", "init"]);
    await this.setConfig({ kubeconfig: this.kubeconfig, ...config }, secrets);
  }

  async setConfig(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    const pairs = [
      ...Object.entries(config).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
      ...Object.entries(secrets).flatMap(([key, value]) => ["--secret", `${key}=${value}`]),
    ];
    await this.pulumi(["config", "set-all", ...pairs]);
  }

  async preview(extraArgs: string[] = []): Promise<Preview> {
    const run = await this.pulumi(["preview", "--json", ...extraArgs]);
    const parsed = JSON.parse(run.stdout) as PreviewJson;
    const steps = parsed.steps ?? [];
    const changes = steps
      .filter((step) => step.op !== "same")
      .map((step) => `${step.op} ${urnTypeAndName(step.urn)}`)
      .sort();
    return { steps, changes, run };
  }

  /** `pulumi preview --expect-no-changes`: fails, with the proposed changes, if any. */
  async previewExpectNoChanges(): Promise<Preview> {
    const run = await this.pulumi(["preview", "--json", "--expect-no-changes"], { allowFailure: true });
    const parsed = JSON.parse(run.stdout) as PreviewJson;
    const steps = parsed.steps ?? [];
    const changes = steps
      .filter((step) => step.op !== "same")
      .map((step) => {
        const fields = Object.keys(step.detailedDiff ?? {}).join(", ");
        return `${step.op} ${urnTypeAndName(step.urn)}${fields ? ` (${fields})` : ""}`;
      })
      .sort();
    if (run.code !== 0 && changes.length === 0) throw new PulumiCommandError(run);
    return { steps, changes, run };
  }

  up(): Promise<EngineRun> {
    return this.pulumi(["up", "--yes", "--skip-preview"]);
  }

  destroy(): Promise<EngineRun> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"]);
  }

  /** Removes the stack (and its config file); fails if resources remain. */
  rm(): Promise<EngineRun> {
    return this.pulumi(["stack", "rm", "--yes"]);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const run = await this.pulumi(["stack", "output", "--json"]);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  async resources(): Promise<StateResource[]> {
    const run = await this.pulumi(["stack", "export"]);
    const state = JSON.parse(run.stdout) as { deployment?: { resources?: StateResource[] } };
    return state.deployment?.resources ?? [];
  }

  /** Every line any command of this stack printed that matches `pattern`. */
  linesMatching(pattern: RegExp): string[] {
    return this.runs
      .flatMap((run) => `${run.stdout}\n${run.stderr}`.split("\n"))
      .filter((line) => pattern.test(line));
  }
}
