import type { HttpMethod, Region, ServiceName } from "../contract/log-event.ts";

/** The kinds of id a route template takes, each drawn from a pre-generated pool. */
export const ROUTE_PARAMS = [
  "user_id",
  "product_id",
  "order_id",
  "cart_id",
  "payment_id",
  "shipment_id",
] as const;
export type RouteParam = (typeof ROUTE_PARAMS)[number];

export interface RouteProfile {
  method: HttpMethod;
  /** Template with `{param}` placeholders, e.g. `/api/v1/orders/{order_id}`. */
  route: string;
  /** Relative share of the service's requests. */
  weight: number;
  /** Multiplies the service's median latency for this route. */
  latencyFactor: number;
  /** Median response size in bytes (log-normal around it). */
  medianBytes: number;
}

/** How a service behaves when nothing is wrong: what the generator draws its events from. */
export interface ServiceProfile {
  /** Relative share of all traffic. */
  trafficWeight: number;
  replicas: number;
  regions: readonly Region[];
  /** Log-normal latency: the median and the sigma of its logarithm. */
  latency: { medianMs: number; sigma: number };
  /** Past this a request fails with 504. */
  timeoutMs: number;
  /** Baseline share of 5xx responses. */
  serverErrorRate: number;
  /** Baseline share of 4xx responses. */
  clientErrorRate: number;
  /** Share of events that are application logs rather than HTTP access logs. */
  appEventRatio: number;
  /** Services it calls: named in its application messages. */
  dependencies: readonly ServiceName[];
  routes: readonly RouteProfile[];
}

const allRegions: readonly Region[] = ["eu-west-1", "us-east-1", "ap-southeast-1"];

function route(method: HttpMethod, template: string, weight: number, latencyFactor = 1, medianBytes = 1800) {
  return { method, route: template, weight, latencyFactor, medianBytes };
}

export const SERVICE_PROFILES: Readonly<Record<ServiceName, ServiceProfile>> = {
  "api-gateway": {
    trafficWeight: 20,
    replicas: 6,
    regions: allRegions,
    latency: { medianMs: 60, sigma: 0.45 },
    timeoutMs: 5000,
    serverErrorRate: 0.0004,
    clientErrorRate: 0.03,
    appEventRatio: 0.1,
    dependencies: ["auth", "catalog", "search", "cart", "checkout"],
    routes: [
      route("GET", "/", 4, 0.3, 24_000),
      route("GET", "/health", 2, 0.05, 40),
      route("GET", "/api/v1/session", 3, 0.5, 600),
      route("POST", "/api/v1/graphql", 5, 1.4, 5200),
    ],
  },
  auth: {
    trafficWeight: 10,
    replicas: 4,
    regions: allRegions,
    latency: { medianMs: 25, sigma: 0.5 },
    timeoutMs: 2000,
    serverErrorRate: 0.0002,
    clientErrorRate: 0.06,
    appEventRatio: 0.12,
    dependencies: ["users"],
    routes: [
      route("POST", "/oauth/token", 6, 1.2, 900),
      route("POST", "/api/v1/login", 2, 1.6, 700),
      route("POST", "/api/v1/logout", 1, 0.4, 80),
      route("GET", "/.well-known/jwks.json", 1, 0.2, 1500),
    ],
  },
  users: {
    trafficWeight: 6,
    replicas: 3,
    regions: allRegions,
    latency: { medianMs: 35, sigma: 0.5 },
    timeoutMs: 3000,
    serverErrorRate: 0.001,
    clientErrorRate: 0.03,
    appEventRatio: 0.15,
    dependencies: ["notifications"],
    routes: [
      route("GET", "/api/v1/users/{user_id}", 6, 1, 1200),
      route("PATCH", "/api/v1/users/{user_id}", 1, 1.8, 1200),
      route("GET", "/api/v1/users/{user_id}/preferences", 2, 0.8, 700),
      route("POST", "/api/v1/users", 1, 2.2, 900),
    ],
  },
  catalog: {
    trafficWeight: 14,
    replicas: 5,
    regions: allRegions,
    latency: { medianMs: 45, sigma: 0.55 },
    timeoutMs: 3000,
    serverErrorRate: 0.001,
    clientErrorRate: 0.04,
    appEventRatio: 0.1,
    dependencies: ["inventory", "search"],
    routes: [
      route("GET", "/api/v1/products/{product_id}", 8, 1, 4800),
      route("GET", "/api/v1/products", 4, 1.6, 18_000),
      route("GET", "/api/v1/categories", 2, 0.6, 3000),
      route("PUT", "/api/v1/products/{product_id}", 0.2, 2.5, 900),
    ],
  },
  search: {
    trafficWeight: 10,
    replicas: 4,
    regions: allRegions,
    latency: { medianMs: 110, sigma: 0.6 },
    timeoutMs: 5000,
    serverErrorRate: 0.002,
    clientErrorRate: 0.02,
    appEventRatio: 0.12,
    dependencies: ["catalog", "recommendations"],
    routes: [
      route("GET", "/api/v1/search", 8, 1, 22_000),
      route("GET", "/api/v1/search/suggest", 5, 0.3, 1600),
    ],
  },
  recommendations: {
    trafficWeight: 7,
    replicas: 3,
    regions: ["eu-west-1", "us-east-1"],
    latency: { medianMs: 160, sigma: 0.6 },
    timeoutMs: 4000,
    serverErrorRate: 0.004,
    clientErrorRate: 0.01,
    appEventRatio: 0.15,
    dependencies: ["catalog", "users"],
    routes: [
      route("GET", "/api/v1/recommendations/{user_id}", 6, 1, 7000),
      route("GET", "/api/v1/products/{product_id}/similar", 4, 0.8, 6000),
    ],
  },
  cart: {
    trafficWeight: 9,
    replicas: 4,
    regions: allRegions,
    latency: { medianMs: 40, sigma: 0.5 },
    timeoutMs: 2000,
    serverErrorRate: 0.0003,
    clientErrorRate: 0.03,
    appEventRatio: 0.1,
    dependencies: ["inventory", "catalog"],
    routes: [
      route("GET", "/api/v1/carts/{cart_id}", 5, 1, 2400),
      route("POST", "/api/v1/carts/{cart_id}/items", 3, 1.5, 2400),
      route("DELETE", "/api/v1/carts/{cart_id}/items/{product_id}", 1, 1.2, 300),
    ],
  },
  checkout: {
    trafficWeight: 4,
    replicas: 3,
    regions: allRegions,
    latency: { medianMs: 150, sigma: 0.55 },
    timeoutMs: 8000,
    serverErrorRate: 0.0003,
    clientErrorRate: 0.04,
    appEventRatio: 0.15,
    dependencies: ["payments", "inventory", "shipping", "cart"],
    routes: [
      route("POST", "/api/v1/checkout/{cart_id}", 4, 1.3, 1400),
      route("GET", "/api/v1/orders/{order_id}", 3, 0.5, 2600),
      route("GET", "/api/v1/users/{user_id}/orders", 2, 0.9, 9000),
    ],
  },
  payments: {
    trafficWeight: 3,
    replicas: 3,
    regions: ["eu-west-1", "us-east-1"],
    latency: { medianMs: 240, sigma: 0.5 },
    timeoutMs: 10_000,
    serverErrorRate: 0.0002,
    clientErrorRate: 0.05,
    appEventRatio: 0.2,
    dependencies: ["users"],
    routes: [
      route("POST", "/api/v1/payments", 4, 1.2, 800),
      route("GET", "/api/v1/payments/{payment_id}", 2, 0.3, 900),
      route("POST", "/api/v1/payments/{payment_id}/refund", 0.3, 1.5, 700),
    ],
  },
  inventory: {
    trafficWeight: 8,
    replicas: 3,
    regions: allRegions,
    latency: { medianMs: 30, sigma: 0.55 },
    timeoutMs: 2000,
    serverErrorRate: 0.001,
    clientErrorRate: 0.01,
    appEventRatio: 0.15,
    dependencies: ["shipping"],
    routes: [
      route("GET", "/api/v1/stock/{product_id}", 8, 1, 400),
      route("POST", "/api/v1/reservations", 2, 2, 500),
      route("DELETE", "/api/v1/reservations/{order_id}", 0.5, 1.5, 100),
    ],
  },
  shipping: {
    trafficWeight: 3,
    replicas: 2,
    regions: ["eu-west-1", "us-east-1"],
    latency: { medianMs: 150, sigma: 0.6 },
    timeoutMs: 8000,
    serverErrorRate: 0.003,
    clientErrorRate: 0.03,
    appEventRatio: 0.2,
    dependencies: ["notifications"],
    routes: [
      route("POST", "/api/v1/shipments", 2, 1.5, 1100),
      route("GET", "/api/v1/shipments/{shipment_id}", 4, 0.6, 1900),
      route("GET", "/api/v1/shipments/{shipment_id}/tracking", 3, 1.2, 3500),
    ],
  },
  notifications: {
    trafficWeight: 6,
    replicas: 2,
    regions: ["eu-west-1"],
    latency: { medianMs: 220, sigma: 0.7 },
    timeoutMs: 10_000,
    serverErrorRate: 0.004,
    clientErrorRate: 0.01,
    appEventRatio: 0.35,
    dependencies: ["users"],
    routes: [
      route("POST", "/api/v1/notifications/email", 4, 1, 200),
      route("POST", "/api/v1/notifications/push", 5, 0.6, 200),
      route("GET", "/api/v1/users/{user_id}/notifications", 2, 0.5, 5000),
    ],
  },
};
