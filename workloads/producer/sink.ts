/** One message for the topic: keyed by service so that a service's events keep their order. */
export interface SinkRecord {
  key: string | null;
  value: string | Buffer | null;
}

/** Where batches go: Kafka in a run, a fake in unit tests. */
export interface LogSink {
  /** Resolves once every record of the batch is acknowledged; rejects if any is not. */
  send(records: SinkRecord[]): Promise<void>;
  close(): Promise<void>;
  /**
   * Sends it takes at once while still storing each key's records in the order of the sends;
   * one when unset.
   */
  readonly maxSendsInFlight?: number;
}
