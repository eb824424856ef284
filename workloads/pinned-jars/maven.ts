import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fetchMavenArtifact } from "./maven-artifact.ts";

/** Apache Maven itself, taken from Maven Central when a machine has no `mvn`. */
const bootstrapMavenVersion = "3.9.11";

function hasMvnOnPath(): boolean {
  try {
    execFileSync("mvn", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Returns a `mvn` command: the user's own, or one unpacked from Maven Central into the cache. */
export async function locateMaven(cacheDir: string, log: (line: string) => void): Promise<string> {
  if (hasMvnOnPath()) return "mvn";
  const home = join(cacheDir, `apache-maven-${bootstrapMavenVersion}`);
  const mvn = join(home, "bin", "mvn");
  if (existsSync(mvn)) return mvn;
  log(`Maven not found on PATH: fetching Apache Maven ${bootstrapMavenVersion} from Maven Central`);
  const archive = await fetchMavenArtifact({
    groupId: "org.apache.maven",
    artifactId: "apache-maven",
    version: bootstrapMavenVersion,
    classifier: "bin",
    extension: "tar.gz",
  });
  mkdirSync(cacheDir, { recursive: true });
  execFileSync("tar", ["-xzf", archive, "-C", cacheDir]);
  return mvn;
}

export interface MavenRunProgress {
  downloadedArtifacts: number;
  downloadedBytes: number;
}

const sizeUnits: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/**
 * Runs Maven in batch mode, turning its "Downloaded from …" lines into progress callbacks and
 * keeping the rest of its output for the error message should it fail.
 */
export function runMaven(
  mvn: string,
  args: string[],
  onProgress: (progress: MavenRunProgress, artifact: string) => void,
): Promise<void> {
  const progress: MavenRunProgress = { downloadedArtifacts: 0, downloadedBytes: 0 };
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, ["-B", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? "-Xmx512m" },
    });
    let pending = "";
    const onData = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        output.push(line);
        if (output.length > 200) output.shift();
        const downloaded = /Downloaded from \S+: (\S+) \(([\d.]+) (B|kB|KB|MB|GB)/.exec(line);
        if (downloaded?.[1] && downloaded[2] && downloaded[3]) {
          progress.downloadedArtifacts += 1;
          progress.downloadedBytes += Number(downloaded[2]) * (sizeUnits[downloaded[3]] ?? 1);
          onProgress(progress, downloaded[1].split("/").pop() ?? downloaded[1]);
        }
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const errors = output.filter((line) => line.includes("[ERROR]")).slice(0, 8);
      reject(
        new Error(
          `Maven failed (exit ${code}) resolving the JVM runtime:\n${(errors.length ? errors : output.slice(-20)).join("\n")}`,
        ),
      );
    });
  });
}

/** Where the project caches what it resolves: XDG's cache folder unless LOG_PIPELINE_CACHE says otherwise. */
export function projectCacheDir(): string {
  return (
    process.env.LOG_PIPELINE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "log-analytics-pipeline")
  );
}
