/**
 * The official PySpark Connect client (`pyspark-client` from PyPI) of a given Spark version, in a
 * virtual environment of its own, for the programs that compare this client with it (the
 * benchmark and the conformance suite). The environment lives in the project cache, one per
 * version, and is made once: later calls find it ready.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectCacheDir } from "../../pinned-jars/maven.ts";

const run = promisify(execFile);

/** The Python that makes the environment: PYSPARK_CLIENT_PYTHON, else `python3` on PATH. */
function basePython(): string {
  return process.env.PYSPARK_CLIENT_PYTHON ?? "python3";
}

async function hasClient(python: string, sparkVersion: string): Promise<boolean> {
  try {
    const { stdout } = await run(python, ["-c", "import pyspark, pyarrow; print(pyspark.__version__)"]);
    return stdout.trim() === sparkVersion;
  } catch {
    return false;
  }
}

/**
 * The path of a Python interpreter that imports `pyspark` at `sparkVersion`. A new environment
 * is built beside its final place and renamed into it, so a concurrent run never sees half of one.
 */
export async function ensurePysparkClient(
  sparkVersion: string,
  log: (line: string) => void = () => {},
): Promise<string> {
  const root = join(projectCacheDir(), "python");
  const venv = join(root, `pyspark-client-${sparkVersion}`);
  const python = join(venv, "bin", "python");
  if (existsSync(python) && (await hasClient(python, sparkVersion))) return python;

  mkdirSync(root, { recursive: true });
  const building = `${venv}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  log(`creating a Python environment with pyspark-client ${sparkVersion} (once per version)…`);
  try {
    await run(basePython(), ["-m", "venv", building]);
  } catch (error) {
    throw new Error(
      `Cannot create a Python virtual environment with "${basePython()}" (${(error as Error).message.split("\n")[0]}): ` +
        "install Python 3.10+ with its venv module, or set PYSPARK_CLIENT_PYTHON to such an interpreter",
    );
  }
  await run(
    join(building, "bin", "python"),
    ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `pyspark-client==${sparkVersion}`],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  rmSync(venv, { recursive: true, force: true });
  try {
    renameSync(building, venv);
  } catch (error) {
    // Another run finished first; use its environment.
    rmSync(building, { recursive: true, force: true });
    if (!(await hasClient(python, sparkVersion))) throw error;
  }
  return python;
}

/**
 * The connection string as PySpark needs it: PySpark sends a token over a plain channel only to
 * a host named "localhost", so the loopback address is spelled that way.
 */
export function pysparkUrlOf(url: string): string {
  return url.replace("sc://127.0.0.1:", "sc://localhost:");
}
