/** The records of one send awaiting their delivery reports: settles once all have one. */
export class PendingSend {
  readonly settled: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  /** Partitions whose reports have not yet reached this send's last record, plus one while records are still being queued. */
  private awaiting = 1;
  private failed = 0;
  private firstReason: string | undefined;

  constructor() {
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** `count` of its records were not stored (or never queued), for `reason`. */
  failedRecords(count: number, reason: string): void {
    this.failed += count;
    this.firstReason ??= reason;
  }

  awaitPartition(): void {
    this.awaiting++;
  }

  /** One partition's reports, or the queueing (once), are done; the last one settles the send. */
  done(): void {
    if (--this.awaiting > 0) return;
    if (this.firstReason === undefined) this.resolve();
    else
      this.reject(
        new Error(`producer: ${this.failed} records of a send were not stored: ${this.firstReason}`),
      );
  }
}

interface PartitionMark {
  send: PendingSend;
  /** How many records the partition will have been reported for once this send's last one is. */
  end: number;
}

/**
 * Settles sends from one producer's delivery reports without tagging each record: a send's
 * records for a partition are counted, and the send is done with that partition once the
 * partition's reports reach its last record. This holds because librdkafka reports a
 * partition's records in the order they were produced; a record that fails out of that order
 * (a queued record timing out while earlier ones are still in flight) is counted against the
 * oldest send still waiting on that partition, so a failure is still reported, by an earlier
 * send of the same partition. A per-record tag (librdkafka's opaque) costs a V8 persistent
 * handle per record: about a quarter of the producer's CPU per record.
 */
export class DeliveryLedger {
  private readonly produced: number[] = [];
  private readonly reported: number[] = [];
  private readonly waiting: PartitionMark[][] = [];

  /** A record was queued for `partition`; `queued` follows once the send's records all are. */
  recordQueued(partition: number): void {
    this.produced[partition] = (this.produced[partition] ?? 0) + 1;
  }

  /**
   * Every record of `send` that was going to be queued is: it now waits on the partitions its
   * records went to (each given once).
   */
  queued(send: PendingSend, partitions: Iterable<number>): void {
    for (const partition of partitions) {
      const end = this.produced[partition] ?? 0;
      if (end <= (this.reported[partition] ?? 0)) continue;
      send.awaitPartition();
      let marks = this.waiting[partition];
      if (marks === undefined) {
        marks = [];
        this.waiting[partition] = marks;
      }
      marks.push({ send, end });
    }
    send.done();
  }

  /** A delivery report for `partition`: with librdkafka's reason when the record was not stored. */
  report(partition: number, failure: string | undefined): void {
    const reported = (this.reported[partition] ?? 0) + 1;
    this.reported[partition] = reported;
    const marks = this.waiting[partition];
    if (marks === undefined) return;
    if (failure !== undefined) marks[0]?.send.failedRecords(1, failure);
    while (marks.length > 0 && (marks[0] as PartitionMark).end <= reported) {
      (marks.shift() as PartitionMark).send.done();
    }
  }
}
