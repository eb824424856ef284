/** A source's part of a micro-batch's progress. Offsets are the source's own JSON (Kafka: topic → partition → offset). */
export interface SourceProgress {
  description: string;
  startOffset: unknown;
  endOffset: unknown;
  latestOffset: unknown;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
  metrics: Record<string, string>;
}

export interface SinkProgress {
  description: string;
  numOutputRows: number;
  metrics: Record<string, string>;
}

/** A stateful operator's state after a micro-batch. */
export interface StateOperatorProgress {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
  memoryUsedBytes: number;
  allUpdatesTimeMs: number;
  commitTimeMs: number;
  numShufflePartitions: number;
  numStateStoreInstances: number;
  customMetrics: Record<string, number>;
}

/** One micro-batch of a streaming query, as Spark reports it (`StreamingQueryProgress`). */
export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string | null;
  timestamp: string;
  batchId: number;
  batchDuration: number;
  /** Milliseconds per phase: addBatch, getBatch, latestOffset, queryPlanning, triggerExecution, walCommit… */
  durationMs: Record<string, number>;
  /** Event-time statistics of the batch: `watermark`, `min`, `max`, `avg` (ISO-8601 strings). */
  eventTime: Record<string, string>;
  stateOperators: StateOperatorProgress[];
  sources: SourceProgress[];
  sink: SinkProgress;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
  observedMetrics: Record<string, unknown>;
  /** The progress exactly as the server sent it. */
  json: string;
}

type Json = Record<string, unknown>;

const num = (value: unknown): number => {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value !== "" && !Number.isNaN(Number(value))) return Number(value);
  return value === "NaN" ? Number.NaN : 0;
};
const str = (value: unknown): string =>
  typeof value === "string" ? value : value == null ? "" : String(value);
const obj = (value: unknown): Json => (value !== null && typeof value === "object" ? (value as Json) : {});
const arr = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(value)).map(([k, v]) => [k, str(v)]));
const numbers = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(obj(value)).map(([k, v]) => [k, num(v)]));

/** Offsets arrive as JSON text inside the progress JSON; parse them when they are JSON, keep them otherwise. */
function offset(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Parses the JSON of a `StreamingQueryProgress`; absent numbers read as 0. The batch's input
 * counts and rates are the sums over its sources, as Spark derives them (its JSON omits them).
 */
export function parseProgress(json: string): StreamingQueryProgress {
  const p = obj(JSON.parse(json));
  const sources = arr(p.sources);
  const total = (key: string) => (key in p ? num(p[key]) : sources.reduce((sum, s) => sum + num(s[key]), 0));
  return {
    id: str(p.id),
    runId: str(p.runId),
    name: typeof p.name === "string" ? p.name : null,
    timestamp: str(p.timestamp),
    batchId: num(p.batchId),
    batchDuration: num(p.batchDuration),
    durationMs: numbers(p.durationMs),
    eventTime: strings(p.eventTime),
    stateOperators: arr(p.stateOperators).map((s) => ({
      operatorName: str(s.operatorName),
      numRowsTotal: num(s.numRowsTotal),
      numRowsUpdated: num(s.numRowsUpdated),
      numRowsRemoved: num(s.numRowsRemoved),
      numRowsDroppedByWatermark: num(s.numRowsDroppedByWatermark),
      memoryUsedBytes: num(s.memoryUsedBytes),
      allUpdatesTimeMs: num(s.allUpdatesTimeMs),
      commitTimeMs: num(s.commitTimeMs),
      numShufflePartitions: num(s.numShufflePartitions),
      numStateStoreInstances: num(s.numStateStoreInstances),
      customMetrics: numbers(s.customMetrics),
    })),
    sources: sources.map((s) => ({
      description: str(s.description),
      startOffset: offset(s.startOffset),
      endOffset: offset(s.endOffset),
      latestOffset: offset(s.latestOffset),
      numInputRows: num(s.numInputRows),
      inputRowsPerSecond: num(s.inputRowsPerSecond),
      processedRowsPerSecond: num(s.processedRowsPerSecond),
      metrics: strings(s.metrics),
    })),
    sink: {
      description: str(obj(p.sink).description),
      numOutputRows: num(obj(p.sink).numOutputRows),
      metrics: strings(obj(p.sink).metrics),
    },
    numInputRows: total("numInputRows"),
    inputRowsPerSecond: total("inputRowsPerSecond"),
    processedRowsPerSecond: total("processedRowsPerSecond"),
    observedMetrics: obj(p.observedMetrics),
    json,
  };
}
