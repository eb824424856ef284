import { describe, expect, it } from "vitest";
import { DeliveryLedger, PendingSend } from "../../workloads/producer/delivery-ledger.ts";

/** Queues a send's records (their partitions, in order) in the ledger; returns the send and whether it settled. */
function queue(ledger: DeliveryLedger, partitions: number[]) {
  const send = new PendingSend();
  const state: { outcome: "pending" | "acked" | Error } = { outcome: "pending" };
  send.settled.then(
    () => {
      state.outcome = "acked";
    },
    (error: Error) => {
      state.outcome = error;
    },
  );
  for (const partition of partitions) ledger.recordQueued(partition);
  ledger.queued(send, new Set(partitions));
  return { send, state };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the delivery ledger", () => {
  it("settles a send only once every partition's reports reach its last record", async () => {
    const ledger = new DeliveryLedger();
    const first = queue(ledger, [0, 1, 0]);
    const second = queue(ledger, [1, 0]);
    ledger.report(0, undefined);
    ledger.report(1, undefined);
    await settle();
    expect(first.state.outcome).toBe("pending");
    ledger.report(0, undefined);
    await settle();
    expect(first.state.outcome).toBe("acked");
    expect(second.state.outcome).toBe("pending");
    ledger.report(1, undefined);
    await settle();
    expect(second.state.outcome).toBe("pending");
    ledger.report(0, undefined);
    await settle();
    expect(second.state.outcome).toBe("acked");
  });

  it("rejects the send a failed record belongs to, naming the reason, and leaves the others acked", async () => {
    const ledger = new DeliveryLedger();
    const first = queue(ledger, [2, 2]);
    const second = queue(ledger, [2, 3]);
    ledger.report(2, undefined);
    ledger.report(2, undefined);
    ledger.report(3, "Broker: Not enough in-sync replicas");
    ledger.report(2, undefined);
    await settle();
    expect(first.state.outcome).toBe("acked");
    expect(second.state.outcome).toBeInstanceOf(Error);
    expect((second.state.outcome as Error).message).toBe(
      "producer: 1 records of a send were not stored: Broker: Not enough in-sync replicas",
    );
  });

  it("counts records refused before they were queued, and settles on the reports of those that were", async () => {
    const ledger = new DeliveryLedger();
    const send = new PendingSend();
    let outcome: unknown = "pending";
    send.settled.catch((error: unknown) => {
      outcome = error;
    });
    ledger.recordQueued(4);
    send.failedRecords(3, "Broker: Message size too large");
    ledger.queued(send, [4]);
    await settle();
    expect(outcome).toBe("pending");
    ledger.report(4, undefined);
    await settle();
    expect((outcome as Error).message).toBe(
      "producer: 3 records of a send were not stored: Broker: Message size too large",
    );
  });

  it("settles a send none of whose records was queued at once", async () => {
    const ledger = new DeliveryLedger();
    const send = new PendingSend();
    send.failedRecords(1, "Local: Queue full");
    ledger.queued(send, []);
    await expect(send.settled).rejects.toThrow("1 records of a send were not stored: Local: Queue full");
  });
});
