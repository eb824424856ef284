import { z } from "zod";
import type { OptionNamer } from "../command-line/options.ts";
import { SERVICES } from "../contract/log-event.ts";
import { INCIDENT_KINDS } from "./incidents.ts";
import { libraryOptionName, optionErrorFrom } from "./option-error.ts";
import { RATE_PROFILE_KINDS } from "./rate-profile.ts";

const positiveRate = z
  .number({ error: "must be a positive number of events/s" })
  .positive({ error: "must be a positive number of events/s" })
  .finite({ error: "must be a positive number of events/s" });
const positiveMs = z
  .number({ error: "must be a positive duration" })
  .positive({ error: "must be a positive duration" });

export const serviceNameSchema = z.enum(SERVICES, { error: `must name a service: ${SERVICES.join(", ")}` });

export const rateProfileSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("constant"), rate: positiveRate }),
    z.object({ kind: z.literal("ramp"), from: positiveRate, to: positiveRate, durationMs: positiveMs }),
    z
      .object({
        kind: z.literal("burst"),
        rate: positiveRate,
        factor: z.number({ error: "must be a factor >= 1" }).min(1, { error: "must be a factor >= 1" }),
        everyMs: positiveMs,
        lastingMs: positiveMs,
      })
      .refine((burst) => burst.lastingMs < burst.everyMs, { error: "burst must last less than its period" }),
    z.object({
      kind: z.literal("diurnal"),
      rate: positiveRate,
      amplitude: z
        .number({ error: "must be an amplitude in [0, 1)" })
        .min(0, { error: "must be an amplitude in [0, 1)" })
        .lt(1, { error: "must be an amplitude in [0, 1)" }),
      periodMs: positiveMs,
    }),
  ],
  { error: `must be a rate profile of kind ${RATE_PROFILE_KINDS.join(", ")}` },
);

export const incidentSpecSchema = z
  .object({
    service: serviceNameSchema,
    kind: z.enum(INCIDENT_KINDS, { error: `must be an incident kind: ${INCIDENT_KINDS.join(", ")}` }),
    startAfterMs: z.number({ error: "must be a duration >= 0" }).min(0, { error: "must be a duration >= 0" }),
    durationMs: positiveMs,
    errorRate: z
      .number({ error: "must be an error rate in (0, 1]" })
      .gt(0, { error: "must be an error rate in (0, 1]" })
      .max(1, { error: "must be an error rate in (0, 1]" })
      .optional(),
    latencyFactor: z
      .number({ error: "must be a latency factor > 1" })
      .gt(1, { error: "must be a latency factor > 1" })
      .optional(),
  })
  .refine((spec) => spec.kind === "error-spike" || spec.errorRate === undefined, {
    error: "errorRate applies to error-spike incidents only",
  })
  .refine((spec) => spec.kind === "latency-regression" || spec.latencyFactor === undefined, {
    error: "latencyFactor applies to latency-regression incidents only",
  });

const timeSchema = z
  .union([z.number(), z.string(), z.date()], { error: "must be a time (epoch ms, ISO-8601 string or Date)" })
  .transform((value, context) => {
    const ms =
      value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : value;
    if (!Number.isFinite(ms)) {
      context.addIssue({ code: "custom", message: "must be a time (epoch ms, ISO-8601 string or Date)" });
      return z.NEVER;
    }
    return ms;
  });

export const seedSchema = z
  .number({ error: "must be an integer in [0, 4294967295]" })
  .int({ error: "must be an integer in [0, 4294967295]" })
  .min(0, { error: "must be an integer in [0, 4294967295]" })
  .max(0xffffffff, { error: "must be an integer in [0, 4294967295]" });

/** The options of the event model, shared by the generator and the producer. */
export const modelOptionsShape = {
  seed: seedSchema.default(1),
  services: z
    .array(serviceNameSchema, { error: `must be a list of services from ${SERVICES.join(", ")}` })
    .min(1, { error: "must name at least one service" })
    .default([...SERVICES]),
  incidents: z.array(incidentSpecSchema, { error: "must be a list of incidents" }).default([]),
};

/** An incident on a service that is not generated would never show: reject it. */
export function incidentsTargetGeneratedServices(
  options: { services: readonly string[]; incidents: readonly { service: string }[] },
  context: z.RefinementCtx,
): void {
  const stray = options.incidents.find((incident) => !options.services.includes(incident.service));
  if (stray) {
    context.addIssue({
      code: "custom",
      path: ["incidents"],
      message: `must target generated services (${options.services.join(", ")})`,
      input: stray.service,
    });
  }
}

/** Events/s of the simulated clock when not told: what stamps events given no time of their own. */
export const defaultSimulatedRate = 1000;

export const generatorOptionsSchema = z
  .object({
    ...modelOptionsShape,
    /** Where the simulated clock starts (when events get no time of their own); now by default. */
    startTime: timeSchema.optional(),
    /** The simulated clock's traffic: a rate in events/s or a profile. */
    rate: z
      .union([positiveRate, rateProfileSchema], {
        error: "must be a positive number of events/s or a rate profile",
      })
      .default(defaultSimulatedRate),
  })
  .strict()
  .superRefine(incidentsTargetGeneratedServices);

export type LogGeneratorOptions = z.input<typeof generatorOptionsSchema>;
export type LogGeneratorConfig = z.output<typeof generatorOptionsSchema>;

export function parseGeneratorOptions(
  options: LogGeneratorOptions,
  nameOption: OptionNamer = libraryOptionName,
): LogGeneratorConfig {
  const parsed = generatorOptionsSchema.safeParse(options, { reportInput: true });
  if (!parsed.success) throw optionErrorFrom(parsed.error, nameOption, "createLogGenerator");
  return parsed.data;
}

/** Checks an incident started on demand (it has no `startAfterMs`: it starts now). */
export function parseIncidentNow(
  spec: unknown,
  nameOption: OptionNamer = libraryOptionName,
): Omit<z.output<typeof incidentSpecSchema>, "startAfterMs"> {
  const parsed = incidentSpecSchema.safeParse(
    { startAfterMs: 0, ...(spec as object) },
    { reportInput: true },
  );
  if (!parsed.success) throw optionErrorFrom(parsed.error, nameOption, "injectIncident");
  const { startAfterMs: _startAfterMs, ...now } = parsed.data;
  return now;
}
