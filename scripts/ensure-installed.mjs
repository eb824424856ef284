// Runs before `npm start` and `npm test` so that both work straight after `git clone`:
// installs the npm dependencies (which also generates the Spark Connect protocol code) when
// node_modules is missing or older than the lockfile. Plain JavaScript: it runs before tsx exists.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lockfile = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
if (!upToDate) {
  process.stderr.write("first run: installing npm dependencies (npm ci)\n");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
}
