import * as grpc from "@grpc/grpc-js";
import { RpcFailure } from "./connection.ts";

/** Client-side retries of transient gRPC failures, with exponential backoff and jitter. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffMultiplier: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 8,
  initialBackoffMs: 50,
  maxBackoffMs: 5_000,
  backoffMultiplier: 3,
};

/**
 * Transient: the server could not be reached, or a reattachable stream's cursor was lost with
 * its connection. Spark's own errors and everything else fail at once.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof RpcFailure)) return false;
  if (error.code === grpc.status.UNAVAILABLE) return error.errorInfo === undefined;
  return error.code === grpc.status.INTERNAL && error.message.includes("INVALID_CURSOR.DISCONNECTED");
}

/** The wait before retry number `attempt` (0-based): exponential, capped, with up to 20% jitter. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.backoffMultiplier ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.2));
}

/** Runs `call`, retrying transient failures under `policy`; the last failure is rethrown. */
export async function withRetries<T>(policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.maxRetries || !isTransient(error)) throw error;
      await sleep(backoffMs(policy, attempt));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
