import type { OptionNamer } from "../command-line/options.ts";
import {
  catalogEntry,
  type HttpMethod,
  type HttpStatus,
  type LogEvent,
  type LogLevel,
  type ServiceName,
} from "../contract/log-event.ts";
import {
  type LogGeneratorConfig,
  type LogGeneratorOptions,
  parseGeneratorOptions,
  parseIncidentNow,
} from "./generator-options.ts";
import {
  type IncidentEffect,
  type IncidentRecord,
  IncidentSchedule,
  type IncidentSpec,
} from "./incidents.ts";
import { libraryOptionName, ProducerOptionError } from "./option-error.ts";
import { type PodIdentity, type Pools, poolsFor } from "./pools.ts";
import { Random, WeightedTable } from "./random.ts";
import { type RateProfile, rateAt } from "./rate-profile.ts";
import {
  type RouteParam,
  type RouteProfile,
  SERVICE_PROFILES,
  type ServiceProfile,
} from "./service-profiles.ts";

export type { LogGeneratorOptions } from "./generator-options.ts";

/** A seeded stream of log events: the same options give the same events. */
export interface LogGenerator extends Iterable<LogEvent> {
  readonly seed: number;
  /** The next event, at `eventTimeMs` (epoch ms) or else at the simulated clock's next tick. */
  next(eventTimeMs?: number): LogEvent;
  /** `count` events, all at `eventTimeMs` or else along the simulated clock. */
  batch(count: number, eventTimeMs?: number): LogEvent[];
  /** Starts an incident at the time of the last event generated (or the start time). */
  injectIncident(spec: Omit<IncidentSpec, "startAfterMs">): IncidentRecord;
  /** The incidents so far, with their windows in event time and the events they affected. */
  incidents(): IncidentRecord[];
  /** Incidents whose window contains the last event's time. */
  activeIncidents(): IncidentRecord[];
}

interface CompiledRoute {
  profile: RouteProfile;
  /** The template split at its placeholders: literal, param, literal, param, …, literal. */
  literals: string[];
  params: RouteParam[];
}

interface CompiledService {
  name: ServiceName;
  profile: ServiceProfile;
  sloMs: number;
  routes: WeightedTable<CompiledRoute>;
}

const successByMethod: Record<HttpMethod, WeightedTable<HttpStatus>> = {
  GET: new WeightedTable<HttpStatus>([
    [200, 93],
    [304, 6],
    [301, 1],
  ]),
  POST: new WeightedTable<HttpStatus>([
    [201, 55],
    [200, 45],
  ]),
  PUT: new WeightedTable<HttpStatus>([[200, 1]]),
  PATCH: new WeightedTable<HttpStatus>([[200, 1]]),
  DELETE: new WeightedTable<HttpStatus>([[204, 1]]),
};

const clientErrors = new WeightedTable<HttpStatus>([
  [404, 40],
  [400, 20],
  [401, 15],
  [403, 8],
  [409, 5],
  [422, 7],
  [429, 5],
]);

const serverErrors = new WeightedTable<HttpStatus>([
  [500, 50],
  [502, 20],
  [503, 30],
]);

const appLevels = new WeightedTable<LogLevel>([
  ["DEBUG", 30],
  ["INFO", 58],
  ["WARN", 9],
  ["ERROR", 2.9],
  ["FATAL", 0.1],
]);

/** During an error spike the application logs what goes wrong. */
const appLevelsInErrorSpike = new WeightedTable<LogLevel>([
  ["DEBUG", 10],
  ["INFO", 30],
  ["WARN", 20],
  ["ERROR", 38],
  ["FATAL", 2],
]);

function compileRoute(profile: RouteProfile): CompiledRoute {
  const pieces = profile.route.split(/\{(\w+)\}/);
  return {
    profile,
    literals: pieces.filter((_, index) => index % 2 === 0),
    params: pieces.filter((_, index) => index % 2 === 1) as RouteParam[],
  };
}

function compileService(name: ServiceName): CompiledService {
  const profile = SERVICE_PROFILES[name];
  return {
    name,
    profile,
    sloMs: catalogEntry(name).latency_slo_p95_ms,
    routes: new WeightedTable(profile.routes.map((route) => [compileRoute(route), route.weight] as const)),
  };
}

/** Content and time draw from separate streams: timing a run differently never changes its events. */
const contentStream = 1;
const timeStream = 2;

class SeededLogGenerator implements LogGenerator {
  readonly seed: number;
  private readonly serviceNames: readonly ServiceName[];
  private readonly random: Random;
  private readonly timeRandom: Random;
  private readonly pools: Pools;
  private readonly services: WeightedTable<CompiledService>;
  private readonly schedule: IncidentSchedule;
  private readonly rate: RateProfile;
  private readonly startMs: number;
  private simulatedMs: number;
  private firstEventMs: number | undefined;
  private lastEventMs: number;
  private isoCacheMs = Number.NaN;
  private isoCache = "";

  constructor(config: LogGeneratorConfig) {
    this.seed = config.seed;
    this.serviceNames = config.services;
    this.random = new Random(config.seed, contentStream);
    this.timeRandom = new Random(config.seed, timeStream);
    this.pools = poolsFor(config.seed);
    this.services = new WeightedTable(
      config.services.map((name) => [compileService(name), SERVICE_PROFILES[name].trafficWeight] as const),
    );
    this.schedule = new IncidentSchedule(config.incidents);
    this.rate = typeof config.rate === "number" ? { kind: "constant", rate: config.rate } : config.rate;
    this.startMs = config.startTime ?? Date.now();
    this.simulatedMs = this.startMs;
    this.lastEventMs = this.startMs;
  }

  next(eventTimeMs?: number): LogEvent {
    const timeMs = eventTimeMs ?? this.tick();
    if (this.firstEventMs === undefined) {
      this.firstEventMs = timeMs;
      this.schedule.begin(timeMs);
    }
    this.lastEventMs = timeMs;
    return this.event(timeMs);
  }

  batch(count: number, eventTimeMs?: number): LogEvent[] {
    const events = new Array<LogEvent>(count);
    for (let i = 0; i < count; i++) events[i] = this.next(eventTimeMs);
    return events;
  }

  *[Symbol.iterator](): Iterator<LogEvent> {
    for (;;) yield this.next();
  }

  injectIncident(spec: Omit<IncidentSpec, "startAfterMs">): IncidentRecord {
    const checked = parseIncidentNow(spec);
    if (!this.serviceNames.includes(checked.service)) {
      throw new ProducerOptionError(
        "service",
        `injectIncident: option "service" must be a generated service (${this.serviceNames.join(", ")}), got "${checked.service}"`,
      );
    }
    return this.schedule.injectAt(checked, this.lastEventMs);
  }

  incidents(): IncidentRecord[] {
    return this.schedule.records();
  }

  activeIncidents(): IncidentRecord[] {
    return this.schedule.activeAt(this.lastEventMs);
  }

  /** Poisson arrivals at the profile's rate for the simulated time. */
  private tick(): number {
    const elapsed = this.simulatedMs - this.startMs;
    this.simulatedMs += this.timeRandom.exponential(1000 / rateAt(this.rate, elapsed));
    return Math.floor(this.simulatedMs);
  }

  /** Events of a batch often share their millisecond: format each one once. */
  private isoTime(timeMs: number): string {
    if (timeMs !== this.isoCacheMs) {
      this.isoCacheMs = timeMs;
      this.isoCache = new Date(timeMs).toISOString();
    }
    return this.isoCache;
  }

  private event(timeMs: number): LogEvent {
    const random = this.random;
    const service = this.services.pick(random);
    const effect = this.schedule.effectFor(service.name, timeMs);
    const pod = random.pick(this.pools.pods[service.name]);
    const timestamp = this.isoTime(timeMs);
    const traceId = random.hex(32);
    const spanId = random.hex(16);
    if (random.chance(service.profile.appEventRatio)) {
      const level = (effect?.errorRate !== undefined ? appLevelsInErrorSpike : appLevels).pick(random);
      return {
        timestamp,
        service: service.name,
        host: pod.host,
        pod: pod.pod,
        region: pod.region,
        level,
        message: random.pick(this.pools.appMessages[service.name][level]),
        trace_id: traceId,
        span_id: spanId,
        method: null,
        route: null,
        path: null,
        status: null,
        latency_ms: null,
        bytes: null,
        user_agent: null,
        client_ip: null,
        user_id: null,
      };
    }
    return this.accessEvent(service, effect, timestamp, pod, traceId, spanId);
  }

  private accessEvent(
    service: CompiledService,
    effect: IncidentEffect | undefined,
    timestamp: string,
    pod: PodIdentity,
    traceId: string,
    spanId: string,
  ): LogEvent {
    const random = this.random;
    const { profile } = service;
    const route = service.routes.pick(random);
    let path = route.literals[0] as string;
    for (let i = 0; i < route.params.length; i++) {
      path +=
        random.pick(this.pools.params[route.params[i] as RouteParam]) + (route.literals[i + 1] as string);
    }
    const client = random.pick(this.pools.clients);
    let latency =
      random.logNormal(profile.latency.medianMs * route.profile.latencyFactor, profile.latency.sigma) *
      (effect?.latencyFactor ?? 1);
    const serverErrorRate = effect?.errorRate ?? profile.serverErrorRate;
    const outcome = random.next();
    let status: HttpStatus;
    let reason = "";
    if (latency >= profile.timeoutMs) {
      status = 504;
      latency = profile.timeoutMs;
      reason = `: timed out after ${profile.timeoutMs} ms`;
    } else if (outcome < serverErrorRate) {
      status = serverErrors.pick(random);
      if (status === 503) latency *= 0.05;
      reason = `: ${random.pick(this.pools.failureReasons[service.name])}`;
    } else if (outcome < serverErrorRate + profile.clientErrorRate) {
      status = clientErrors.pick(random);
      latency *= 0.3;
    } else {
      status = successByMethod[route.profile.method].pick(random);
    }
    const latencyMs = Math.max(0.1, Math.round(latency * 10) / 10);
    const slow = latencyMs > service.sloMs;
    const level: LogLevel = status >= 500 ? "ERROR" : status === 429 || slow ? "WARN" : "INFO";
    const bytes =
      status === 204 || status === 304
        ? 0
        : Math.round(random.logNormal(status >= 400 ? 180 : route.profile.medianBytes, 0.6));
    const method = route.profile.method;
    return {
      timestamp,
      service: service.name,
      host: pod.host,
      pod: pod.pod,
      region: pod.region,
      level,
      message: `${method} ${path} ${status} ${latencyMs} ms${slow && status < 500 ? " (slow)" : ""}${reason}`,
      trace_id: traceId,
      span_id: spanId,
      method,
      route: route.profile.route,
      path,
      status,
      latency_ms: latencyMs,
      bytes,
      user_agent: client.userAgent,
      client_ip: client.ip,
      user_id: client.userId,
    };
  }
}

/** Checks the options (naming the bad one) and returns a generator; pure and seeded, no I/O. */
export function createLogGenerator(
  options: LogGeneratorOptions = {},
  nameOption: OptionNamer = libraryOptionName,
): LogGenerator {
  return new SeededLogGenerator(parseGeneratorOptions(options, nameOption));
}

/** Builds a generator from options already parsed (by the producer's own config). */
export function generatorFromConfig(config: LogGeneratorConfig): LogGenerator {
  return new SeededLogGenerator(config);
}
