import type * as pulumi from "@pulumi/pulumi";

/**
 * CRDs as the API server stores them. A CRD's schema is decoded into Kubernetes'
 * `JSONSchemaProps`, whose fields are `omitempty`: an empty `properties: {}` (Strimzi's
 * `clusterSecurity`), `required: []` or `nullable: false` in a chart is gone when read back, so
 * every preview would propose to add it again. Giving the API server the CRD in the form it
 * keeps makes `pulumi preview` after `pulumi up` clean.
 */

const crdType = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/** Fields holding a map from names to schemas. */
const schemaMaps = ["properties", "patternProperties", "definitions"];
/** Fields holding a list of schemas. */
const schemaLists = ["allOf", "anyOf", "oneOf"];
/** Fields holding one schema (or, for some, a list of schemas or a boolean). */
const schemaValues = ["items", "not", "additionalProperties", "additionalItems"];

/** `omitempty` fields of JSONSchemaProps by the zero value the API server drops. */
const omittedWhenEmptyCollection = new Set([
  ...schemaMaps,
  ...schemaLists,
  "dependencies",
  "required",
  "enum",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-validations",
]);
const omittedWhenFalse = new Set([
  "nullable",
  "uniqueItems",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "x-kubernetes-embedded-resource",
  "x-kubernetes-int-or-string",
]);
const omittedWhenEmptyString = new Set([
  "id",
  "$schema",
  "description",
  "type",
  "format",
  "title",
  "pattern",
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isDropped(key: string, value: unknown): boolean {
  if (omittedWhenEmptyCollection.has(key))
    return (
      (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)
    );
  if (omittedWhenFalse.has(key)) return value === false;
  if (omittedWhenEmptyString.has(key)) return value === "";
  return false;
}

function normaliseSubschema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseSubschema);
  return isObject(value) ? normaliseSchema(value) : value;
}

/** One JSONSchemaProps node, and every schema below it, as the API server keeps them. */
export function normaliseSchema(schema: Json): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (isDropped(key, value)) continue;
    if (schemaMaps.includes(key) && isObject(value))
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, subschema]) => [name, normaliseSubschema(subschema)]),
      );
    else if (schemaLists.includes(key) || schemaValues.includes(key)) result[key] = normaliseSubschema(value);
    else if (key === "dependencies" && isObject(value))
      // Each dependency is a schema or a list of property names.
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, dependency]) => [name, normaliseSubschema(dependency)]),
      );
    else result[key] = value;
  }
  return result;
}

/** A CRD's properties with the schema of each version normalised. */
export function normaliseCrd(crd: Json): Json {
  const spec = crd.spec;
  if (!isObject(spec) || !Array.isArray(spec.versions)) return crd;
  const versions = spec.versions.map((version: unknown) => {
    if (!isObject(version) || !isObject(version.schema) || !isObject(version.schema.openAPIV3Schema))
      return version;
    return {
      ...version,
      schema: { ...version.schema, openAPIV3Schema: normaliseSchema(version.schema.openAPIV3Schema) },
    };
  });
  return { ...crd, spec: { ...spec, versions } };
}

/** A resource transform for charts: every CRD they install goes in as the API server keeps it. */
export function crdsAsStored(args: pulumi.ResourceTransformArgs): pulumi.ResourceTransformResult | undefined {
  if (args.type !== crdType) return undefined;
  return { props: normaliseCrd(args.props as Json), opts: args.opts };
}
