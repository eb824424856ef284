/**
 * Generates the TypeScript protocol code of the Spark Connect client from the `.proto` files
 * inside the pinned Spark release's `spark-connect` jar (a zip that buf reads directly), into
 * the ignored `gen/` folder. Runs on `npm install`; does nothing when `gen/` already matches
 * the pinned version.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readJvmVersions } from "../../pinned-jars/manifest.ts";
import { fetchMavenArtifact } from "../../pinned-jars/maven-artifact.ts";

const clientDir = dirname(dirname(fileURLToPath(import.meta.url)));
const projectRoot = dirname(dirname(clientDir));
const genDir = join(clientDir, "gen");
const stampFile = join(genDir, "VERSION");

const versions = readJvmVersions();
const stamp = `spark-connect_${versions.scalaBinary}-${versions.spark}`;

if (existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === stamp) {
  process.exit(0);
}

let lastPercent = -1;
const jar = await fetchMavenArtifact(
  {
    groupId: "org.apache.spark",
    artifactId: `spark-connect_${versions.scalaBinary}`,
    version: versions.spark,
  },
  (received, total) => {
    const percent = total ? Math.floor((received / total) * 100) : -1;
    if (percent !== lastPercent && percent % 10 === 0) {
      lastPercent = percent;
      process.stderr.write(`spark-connect protos: downloading ${stamp}.jar ${percent}%\n`);
    }
  },
);

const template = {
  version: "v2",
  plugins: [{ local: "protoc-gen-es", out: genDir, opt: ["target=ts", "import_extension=ts"] }],
};
rmSync(genDir, { recursive: true, force: true });
execFileSync(
  join(projectRoot, "node_modules", ".bin", "buf"),
  ["generate", `${jar}#format=zip`, "--path", "spark/connect", "--template", JSON.stringify(template)],
  {
    stdio: "inherit",
    env: { ...process.env, PATH: `${join(projectRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}` },
  },
);
writeFileSync(stampFile, `${stamp}\n`);
process.stderr.write(`spark-connect protos: generated from ${stamp} into ${genDir}\n`);
