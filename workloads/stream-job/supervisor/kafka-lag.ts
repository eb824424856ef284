import type { Admin } from "kafkajs";
import type { StreamingQueryProgress } from "../../spark-connect/index.ts";

/** The Kafka source's end offsets in a progress: `{ "<topic>": { "<partition>": offset } }`. */
export function sourceEndOffsets(progress: StreamingQueryProgress, topic: string): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const source of progress.sources) {
    const byTopic = (typeof source.endOffset === "string" ? safeJson(source.endOffset) : source.endOffset) as
      | Record<string, Record<string, number>>
      | null
      | undefined;
    for (const [partition, offset] of Object.entries(byTopic?.[topic] ?? {})) {
      offsets.set(Number(partition), Number(offset));
    }
  }
  return offsets;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The records a query has yet to read: the topic's latest offsets minus the query's end offsets.
 * Spark's Kafka source commits no consumer-group offsets, so this, not the group lag a Kafka
 * exporter shows, is the stream job's true lag.
 */
export async function kafkaLag(
  admin: Admin,
  topic: string,
  progress: StreamingQueryProgress,
): Promise<number> {
  const read = sourceEndOffsets(progress, topic);
  const latest = await admin.fetchTopicOffsets(topic);
  return latest.reduce(
    (lag, { partition, high }) => lag + Math.max(0, Number(high) - (read.get(partition) ?? 0)),
    0,
  );
}
