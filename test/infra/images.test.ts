import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  contentTag,
  imageSources,
  officialSparkImageDigests,
  sparkImageBuildArgs,
} from "../../infra/images.ts";
import { readJvmVersions } from "../../workloads/pinned-jars/manifest.ts";
import { projectRoot } from "./harness.ts";

/** The build arguments the program passes to each image's build. */
const programBuildArgs: Record<keyof typeof imageSources, Record<string, string>> = {
  producer: {},
  sparkDriver: sparkImageBuildArgs(readJvmVersions()),
};

const dockerfiles = Object.entries(imageSources).map(([key, source]) => ({
  path: source.dockerfile,
  text: readFileSync(join(projectRoot, source.dockerfile), "utf8"),
  buildArgs: programBuildArgs[key as keyof typeof imageSources],
}));

/** `FROM` lines with build arguments substituted by the given ones, else by their defaults. */
function baseImages(text: string, buildArgs: Record<string, string> = {}): string[] {
  const defaults = {
    ...Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((match) => [match[1], match[2]])),
    ...buildArgs,
  };
  const stages = new Set([...text.matchAll(/^FROM .+ AS (\S+)$/gm)].map((match) => match[1]));
  return [...text.matchAll(/^FROM (\S+)/gm)]
    .map((match) =>
      (match[1] ?? "").replace(/\$\{(\w+)\}/g, (_, name: string) => defaults[name] ?? `\${${name}}`),
    )
    .filter((image) => !stages.has(image));
}

describe("images/", () => {
  test.each(dockerfiles)("$path is multi-stage and ends as a non-root user", ({ text }) => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const users = [...text.matchAll(/^USER (\S+)$/gm)].map((match) => match[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
  });

  test.each(dockerfiles)(
    "$path pins every base image, as the program builds it, to a version and a digest",
    ({ text, buildArgs }) => {
      const images = baseImages(text, buildArgs);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toMatch(/^[a-z0-9./-]+:\d[\w.-]*@sha256:[0-9a-f]{64}$/);
    },
  );

  test("the Node image runs a supported Node.js LTS release (22 or 24), pinned to a patch version and a digest", () => {
    const [node] = baseImages(readFileSync(join(projectRoot, imageSources.producer.dockerfile), "utf8"));
    expect(node).toMatch(/^node:(22|24)\.\d+\.\d+-[a-z]+-slim@sha256:[0-9a-f]{64}$/);
  });

  test("the Spark image's base digest is the one recorded for the manifest's Spark version", () => {
    const versions = readJvmVersions();
    const [, spark] = baseImages(
      readFileSync(join(projectRoot, imageSources.sparkDriver.dockerfile), "utf8"),
      programBuildArgs.sparkDriver,
    );
    expect(spark).toBe(`apache/spark:${versions.spark}@${officialSparkImageDigests[versions.spark]}`);
  });

  test("a manifest Spark version without a recorded base digest stops the build, saying where to add it", () => {
    expect(() => sparkImageBuildArgs({ ...readJvmVersions(), spark: "9.9.9" })).toThrow(
      /no digest of apache\/spark:9\.9\.9 .*officialSparkImageDigests.*imagetools inspect apache\/spark:9\.9\.9/,
    );
  });

  test.each(dockerfiles)("$path has a Dockerfile-specific ignore file", ({ path }) => {
    expect(readFileSync(join(projectRoot, `${path}.dockerignore`), "utf8")).toMatch(/^\*\*$/m);
  });

  test("the Spark image is the official apache/spark of the manifest's version, with the connector from the same manifest", () => {
    const text = readFileSync(join(projectRoot, imageSources.sparkDriver.dockerfile), "utf8");
    expect(text).toMatch(/^FROM apache\/spark:\$\{SPARK_VERSION\}@\$\{SPARK_IMAGE_DIGEST\}$/m);
    expect(text).not.toContain(readJvmVersions().spark);
    expect(text).toContain("-gs jvm/settings.xml -f jvm/spark/pom.xml dependency:copy-dependencies");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile build argument, not a template
    expect(text).toContain("spark-sql-kafka-0-10_${SCALA_BINARY_VERSION}");
  });

  test("the Node image installs without dev dependencies and copies no node_modules from the context", () => {
    const text = readFileSync(join(projectRoot, imageSources.producer.dockerfile), "utf8");
    expect(text).toContain("npm ci --omit=dev");
    expect(
      readFileSync(join(projectRoot, `${imageSources.producer.dockerfile}.dockerignore`), "utf8"),
    ).toContain("**/node_modules");
  });
});

describe("content tags", () => {
  test.each(Object.entries(imageSources))(
    "of %s hash exactly what its build context lets in",
    (_, source) => {
      const ignore = readFileSync(join(projectRoot, `${source.dockerfile}.dockerignore`), "utf8");
      const allowed = [...ignore.matchAll(/^!(\S+?)(\/\*\*)?$/gm)].map((match) => match[1]);
      const dockerfileDirectory = source.dockerfile.replace(/\/Dockerfile$/, "");
      expect([...source.inputs].filter((input) => input !== dockerfileDirectory).sort()).toEqual(
        allowed.sort(),
      );
    },
  );

  test("change exactly when an input of the image changes", () => {
    const root = mkdtempSync(join(tmpdir(), "content-tag-"));
    try {
      cpSync(join(projectRoot, "images", "spark-driver"), join(root, "images", "spark-driver"), {
        recursive: true,
      });
      cpSync(join(projectRoot, "workloads", "pinned-jars"), join(root, "workloads", "pinned-jars"), {
        recursive: true,
      });
      const inputs = imageSources.sparkDriver.inputs;
      const before = contentTag(root, inputs);
      expect(contentTag(root, inputs)).toBe(before);
      writeFileSync(join(root, "README.md"), "not an input\n");
      expect(contentTag(root, inputs)).toBe(before);
      writeFileSync(join(root, "workloads", "pinned-jars", "pom.xml"), "<project/>\n");
      expect(contentTag(root, inputs)).not.toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
