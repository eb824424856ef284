/**
 * A real Spark standalone master and workers from the pinned Spark jars, started the way the
 * cluster starts them (`spark.authenticate`, `spark.network.crypto.enabled`, the shared secret
 * in `_SPARK_AUTH_SECRET`), for tests of who may register with the master.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { JvmProcess, waitUntilReady } from "../../workloads/local-servers/jvm-process.ts";
import { freeLoopbackPort } from "../../workloads/local-servers/ports.ts";
import { javaModuleOptions } from "../../workloads/local-servers/spark-connect-server.ts";

export interface StandaloneOptions {
  java: string;
  classpath: string[];
  dir: string;
}

/** How a daemon authenticates: with a secret (right or wrong), or not at all. */
export type Authentication = { secret: string } | "none";

export interface MasterState {
  workers: { id: string; state: string }[];
}

function daemonOptions(authentication: Authentication, dir: string): string[] {
  const security =
    authentication === "none"
      ? ["-Dspark.authenticate=false"]
      : ["-Dspark.authenticate=true", "-Dspark.network.crypto.enabled=true"];
  return ["-Xmx256m", ...javaModuleOptions, `-Djava.io.tmpdir=${dir}`, ...security];
}

function secretEnv(authentication: Authentication): Record<string, string> {
  return authentication === "none" ? {} : { _SPARK_AUTH_SECRET: authentication.secret };
}

export class StandaloneMaster {
  readonly processes: JvmProcess[] = [];
  private port = 0;
  private uiPort = 0;

  constructor(private readonly options: StandaloneOptions) {}

  get url(): string {
    return `spark://127.0.0.1:${this.port}`;
  }

  /** The master's view of its workers, from its web UI's JSON. */
  async state(): Promise<MasterState> {
    const response = await fetch(`http://127.0.0.1:${this.uiPort}/json/`);
    if (!response.ok) throw new Error(`master UI answered ${response.status}`);
    return (await response.json()) as MasterState;
  }

  async start(authentication: Authentication): Promise<void> {
    this.port = await freeLoopbackPort();
    this.uiPort = await freeLoopbackPort();
    const dir = join(this.options.dir, "master");
    mkdirSync(dir, { recursive: true });
    const master = this.launch("Spark master", dir, authentication, "org.apache.spark.deploy.master.Master", [
      "--host",
      "127.0.0.1",
      "--port",
      String(this.port),
      "--webui-port",
      String(this.uiPort),
    ]);
    await waitUntilReady(master, async () => (await this.state()).workers !== undefined, 120_000);
  }

  /** Starts a worker that tries to register with this master; resolves once its JVM runs. */
  async startWorker(name: string, authentication: Authentication): Promise<JvmProcess> {
    const dir = join(this.options.dir, name);
    mkdirSync(dir, { recursive: true });
    return this.launch(`Spark worker ${name}`, dir, authentication, "org.apache.spark.deploy.worker.Worker", [
      "--host",
      "127.0.0.1",
      "--port",
      String(await freeLoopbackPort()),
      "--webui-port",
      String(await freeLoopbackPort()),
      "--cores",
      "1",
      "--memory",
      "512m",
      "--work-dir",
      join(dir, "work"),
      this.url,
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.stop(5_000)));
  }

  private launch(
    name: string,
    dir: string,
    authentication: Authentication,
    mainClass: string,
    args: string[],
  ): JvmProcess {
    const jvm = JvmProcess.start({
      name,
      java: this.options.java,
      classpath: this.options.classpath,
      jvmOptions: daemonOptions(authentication, dir),
      mainClass,
      args,
      env: secretEnv(authentication),
      logFile: join(dir, "daemon.log"),
      argFile: join(dir, "daemon.args"),
    });
    this.processes.push(jvm);
    return jvm;
  }
}

/** Resolves when `pattern` shows in the JVM's log (a real signal, checked as it is written). */
export async function logShows(jvm: JvmProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 100;
  while (Date.now() < deadline) {
    const match = jvm.logTail(2_000).match(pattern);
    if (match) return match[0];
    if (!jvm.running) throw jvm.error(`exited before its log showed ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 1_000);
  }
  throw jvm.error(`its log did not show ${pattern} within ${timeoutMs / 1000} s`);
}
