import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";
import { crdsAsStored, normaliseCrd, normaliseSchema } from "../../infra/crd-schemas.ts";
import { kafkaLikeCrd } from "./crd-fixtures.ts";
import { projectRoot } from "./harness.ts";

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/** Every path (a.b.c) where two JSON values differ. */
function differences(before: unknown, after: unknown, path = ""): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (typeof before !== "object" || typeof after !== "object" || before === null || after === null)
    return [path];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) =>
    differences(
      (before as Record<string, unknown>)[key],
      (after as Record<string, unknown>)[key],
      path === "" ? key : `${path}.${key}`,
    ),
  );
}

describe("CRDs as the API server stores them", () => {
  test("Strimzi's empty clusterSecurity properties are dropped, and nothing else", () => {
    const crd = kafkaLikeCrd();
    expect(differences(crd, normaliseCrd(crd))).toEqual([
      "spec.versions.0.schema.openAPIV3Schema.properties.status.properties.clusterSecurity.properties",
    ]);
  });

  test("the zero values of omitempty fields are dropped at every depth; set values and JSON values stay", () => {
    const schema = {
      type: "object",
      required: [],
      description: "",
      nullable: false,
      default: {},
      "x-kubernetes-preserve-unknown-fields": false,
      properties: {
        list: {
          type: "array",
          items: { type: "object", properties: {}, required: [], enum: [] },
          "x-kubernetes-list-map-keys": [],
        },
        map: { type: "object", additionalProperties: { type: "string", format: "", uniqueItems: false } },
        either: { anyOf: [{ type: "integer", "x-kubernetes-int-or-string": false }, { type: "string" }] },
        kept: { type: "string", enum: ["a", "b"], nullable: true },
      },
    };
    expect(normaliseSchema(schema)).toEqual({
      type: "object",
      default: {},
      "x-kubernetes-preserve-unknown-fields": false,
      properties: {
        list: { type: "array", items: { type: "object" } },
        map: { type: "object", additionalProperties: { type: "string" } },
        either: { anyOf: [{ type: "integer" }, { type: "string" }] },
        kept: { type: "string", enum: ["a", "b"], nullable: true },
      },
    });
  });

  test("properties named like schema keywords are field names, not keywords, and stay", () => {
    const schema = {
      type: "object",
      properties: {
        properties: { type: "object", properties: {} },
        required: { type: "boolean" },
        description: { type: "string" },
      },
    };
    expect(normaliseSchema(schema)).toEqual({
      type: "object",
      properties: {
        properties: { type: "object" },
        required: { type: "boolean" },
        description: { type: "string" },
      },
    });
  });

  test("normalising twice changes nothing more", () => {
    const once = normaliseCrd(kafkaLikeCrd());
    expect(normaliseCrd(once)).toEqual(once);
  });

  test("the transform rewrites CRDs only, and keeps their resource options", () => {
    const opts = { ignoreChanges: ["metadata.annotations"] };
    const crd = crdsAsStored({ custom: true, type: crdType, name: "kafkas", props: kafkaLikeCrd(), opts });
    expect(crd?.props).toEqual(normaliseCrd(kafkaLikeCrd()));
    expect(crd?.opts).toBe(opts);
    const configMap = { metadata: { name: "x" }, data: { properties: "{}" } };
    expect(
      crdsAsStored({ custom: true, type: "kubernetes:core/v1:ConfigMap", name: "x", props: configMap, opts }),
    ).toBeUndefined();
  });
});

// The pinned charts' own copies, beside the project on machines without chart repositories.
const sharedCharts = join(projectRoot, "..", "shared", "charts");

/** Every change normalising makes to the CRDs in a folder, as "crd-name path". */
function changesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .flatMap((file) => parseAllDocuments(readFileSync(join(folder, file), "utf8")))
    .map((document) => (document.toJS() ?? {}) as Record<string, unknown>)
    .filter((crd) => crd.kind === "CustomResourceDefinition")
    .flatMap((crd) => {
      const { name } = crd.metadata as { name: string };
      return differences(crd, normaliseCrd(crd)).map((path) => `${name} ${path}`);
    });
}

describe.skipIf(!existsSync(sharedCharts))("the pinned charts' CRDs", () => {
  test("change exactly where the API server would: Strimzi's clusterSecurity", () => {
    expect(changesIn(join(sharedCharts, "strimzi-kafka-operator", "crds"))).toEqual([
      "kafkas.kafka.strimzi.io spec.versions.0.schema.openAPIV3Schema.properties.status.properties.clusterSecurity.properties",
    ]);
    expect(changesIn(join(sharedCharts, "kube-prometheus-stack", "charts", "crds", "crds"))).toEqual([]);
  });
});
