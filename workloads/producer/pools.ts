import type { Faker } from "@faker-js/faker";
import { faker as englishFaker } from "@faker-js/faker/locale/en";
import { LOG_LEVELS, type LogLevel, type Region, SERVICES, type ServiceName } from "../contract/log-event.ts";
import { type ROUTE_PARAMS, type RouteParam, SERVICE_PROFILES } from "./service-profiles.ts";

/** A client: the same person comes back with the same address and browser. */
export interface Client {
  ip: string;
  userAgent: string;
  /** Null for an anonymous visitor. */
  userId: string | null;
}

export interface PodIdentity {
  pod: string;
  host: string;
  region: Region;
}

/**
 * Everything faker makes, made once per seed: calling faker per event caps the generator at a
 * few thousand events/s, drawing from these pools does not.
 */
export interface Pools {
  clients: readonly Client[];
  params: Readonly<Record<RouteParam, readonly string[]>>;
  pods: Readonly<Record<ServiceName, readonly PodIdentity[]>>;
  appMessages: Readonly<Record<ServiceName, Readonly<Record<LogLevel, readonly string[]>>>>;
  /** Why a request failed with a server error, per service. */
  failureReasons: Readonly<Record<ServiceName, readonly string[]>>;
}

const machineClients = [
  "curl/8.5.0",
  "okhttp/4.12.0",
  "Go-http-client/1.1",
  "python-requests/2.31.0",
  "ShopApp/5.12.3 (iPhone; iOS 17.2; Scale/3.00)",
  "ShopApp/5.12.1 (Android 14; Pixel 8)",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "kube-probe/1.30",
];

const errorCauses = [
  "connection reset by peer",
  "deadline exceeded",
  "connect ECONNREFUSED",
  "503 Service Unavailable",
  "unique constraint violation",
  "context canceled",
  "too many connections",
];

const messageTemplates: Record<LogLevel, readonly string[]> = {
  DEBUG: [
    "cache hit for {key}",
    "loaded {n} rows from {table} in {ms} ms",
    "feature flag {flag} evaluated to {bool}",
    "span exported to collector in {ms} ms",
  ],
  INFO: [
    "processed batch of {n} records",
    "connected to {dep} pool with {n} connections",
    "configuration reloaded ({n} keys)",
    "scheduled job {flag} finished in {ms} ms",
  ],
  WARN: [
    "retrying call to {dep} (attempt {small}/3)",
    "connection pool at {pct}% capacity",
    "slow query on {table}: {ms} ms",
    "cache miss ratio above {pct}% for {table}",
  ],
  ERROR: [
    "call to {dep} failed: {cause}",
    "failed to process message {key}: {cause}",
    "database error on {table}: {cause}",
    "circuit breaker opened for {dep}",
  ],
  FATAL: [
    "out of memory: heap limit of {mb} MB reached, exiting",
    "cannot reach {table} database after 5 attempts, exiting",
  ],
};

const pooledMessagesPerLevel = 32;

/**
 * The English-only entry: the package's main one loads every locale, about 40 MB resident for
 * nothing. Its single instance is seeded here and drawn from synchronously by `poolsFor`, so
 * the pools of different seeds never mix.
 */
function makeFaker(seed: number): Faker {
  englishFaker.seed(seed);
  return englishFaker;
}

/** A browser user agent, skipping the joke bots faker sometimes returns. */
function browserUserAgent(faker: Faker): string {
  for (;;) {
    const agent = faker.internet.userAgent();
    if (!/faker/i.test(agent)) return agent;
  }
}

function makeClients(faker: Faker, count: number): Client[] {
  const browsers = faker.helpers.multiple(() => browserUserAgent(faker), { count: 300 });
  return Array.from({ length: count }, () => ({
    ip: faker.internet.ipv4(),
    userAgent: faker.helpers.arrayElement(faker.datatype.boolean(0.85) ? browsers : machineClients),
    userId: faker.datatype.boolean(0.7)
      ? `usr_${faker.string.alphanumeric({ length: 10, casing: "lower" })}`
      : null,
  }));
}

function makeParams(faker: Faker): Record<RouteParam, string[]> {
  const make = (count: number, one: () => string) => faker.helpers.multiple(one, { count });
  return {
    user_id: make(2000, () => `usr_${faker.string.alphanumeric({ length: 10, casing: "lower" })}`),
    product_id: make(5000, () => `sku-${faker.string.numeric(6)}`),
    order_id: make(3000, () => faker.string.uuid()),
    cart_id: make(2000, () => faker.string.alphanumeric({ length: 16, casing: "lower" })),
    payment_id: make(2000, () => `pay_${faker.string.alphanumeric({ length: 14 })}`),
    shipment_id: make(1000, () => `shp_${faker.string.numeric(10)}`),
  } satisfies Record<(typeof ROUTE_PARAMS)[number], string[]>;
}

function makeNodes(faker: Faker): Record<Region, string[]> {
  const nodesOf = (region: Region) =>
    faker.helpers.multiple(
      () =>
        `ip-10-${faker.number.int(255)}-${faker.number.int(255)}-${faker.number.int(255)}.${region}.compute.internal`,
      { count: 6 },
    );
  return {
    "eu-west-1": nodesOf("eu-west-1"),
    "us-east-1": nodesOf("us-east-1"),
    "ap-southeast-1": nodesOf("ap-southeast-1"),
  };
}

function makePods(faker: Faker, nodes: Record<Region, string[]>): Record<ServiceName, PodIdentity[]> {
  const pods = {} as Record<ServiceName, PodIdentity[]>;
  for (const service of SERVICES) {
    const profile = SERVICE_PROFILES[service];
    const replicaSet = faker.string.alphanumeric({ length: 10, casing: "lower" });
    pods[service] = Array.from({ length: profile.replicas }, (_, index) => {
      const region = profile.regions[index % profile.regions.length] as Region;
      return {
        pod: `${service}-${replicaSet}-${faker.string.alphanumeric({ length: 5, casing: "lower" })}`,
        host: faker.helpers.arrayElement(nodes[region]),
        region,
      };
    });
  }
  return pods;
}

function fillTemplate(faker: Faker, template: string, service: ServiceName): string {
  const dependencies = SERVICE_PROFILES[service].dependencies;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    switch (name) {
      case "key":
        return `${faker.word.noun()}:${faker.string.alphanumeric({ length: 8, casing: "lower" })}`;
      case "table":
        return `${service.replace("-", "_")}_${faker.word.noun()}s`;
      case "flag":
        return `${faker.hacker.verb()}-${faker.hacker.noun()}`.replaceAll(" ", "-");
      case "dep":
        return dependencies.length > 0 ? faker.helpers.arrayElement(dependencies) : "postgres";
      case "cause":
        return faker.helpers.arrayElement(errorCauses);
      case "bool":
        return String(faker.datatype.boolean());
      case "n":
        return String(faker.number.int({ min: 1, max: 5000 }));
      case "ms":
        return String(faker.number.int({ min: 1, max: 2500 }));
      case "pct":
        return String(faker.number.int({ min: 70, max: 99 }));
      case "small":
        return String(faker.number.int({ min: 1, max: 3 }));
      case "mb":
        return String(faker.helpers.arrayElement([512, 1024, 2048]));
      default:
        throw new Error(`pools: unknown message placeholder {${name}}`);
    }
  });
}

function makeAppMessages(faker: Faker): Record<ServiceName, Record<LogLevel, string[]>> {
  const messages = {} as Record<ServiceName, Record<LogLevel, string[]>>;
  for (const service of SERVICES) {
    const byLevel = {} as Record<LogLevel, string[]>;
    for (const level of LOG_LEVELS) {
      byLevel[level] = faker.helpers.multiple(
        () => fillTemplate(faker, faker.helpers.arrayElement(messageTemplates[level]), service),
        { count: pooledMessagesPerLevel },
      );
    }
    messages[service] = byLevel;
  }
  return messages;
}

function makeFailureReasons(faker: Faker): Record<ServiceName, string[]> {
  const reasons = {} as Record<ServiceName, string[]>;
  for (const service of SERVICES) {
    const dependencies = SERVICE_PROFILES[service].dependencies;
    reasons[service] = faker.helpers.multiple(
      () =>
        dependencies.length > 0 && faker.datatype.boolean()
          ? `upstream ${faker.helpers.arrayElement(dependencies)}: ${faker.helpers.arrayElement(errorCauses)}`
          : `internal error: ${faker.helpers.arrayElement(errorCauses)}`,
      { count: 16 },
    );
  }
  return reasons;
}

const poolsBySeed = new Map<number, Pools>();

/** The pools for a seed, built on first use and shared after (they are never mutated). */
export function poolsFor(seed: number): Pools {
  let pools = poolsBySeed.get(seed);
  if (!pools) {
    const faker = makeFaker(seed);
    pools = {
      clients: makeClients(faker, 5000),
      params: makeParams(faker),
      pods: makePods(faker, makeNodes(faker)),
      appMessages: makeAppMessages(faker),
      failureReasons: makeFailureReasons(faker),
    };
    poolsBySeed.set(seed, pools);
  }
  return pools;
}
