import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { LocalRuntimeError } from "../../workloads/local-servers/errors.ts";
import { resolveLocalRuntime } from "../../workloads/local-servers/index.ts";
import { KafkaServer } from "../../workloads/local-servers/kafka-server.ts";
import { freeLoopbackPort } from "../../workloads/local-servers/ports.ts";
import { startLocalRuntime } from "../../workloads/local-servers/runtime.ts";
import "../integration/provided-context.ts";
import { isProcessAlive } from "../process-alive.ts";

// These start servers of their own (a broker is cheap) so the run's shared servers stay untouched.
describe("local runtime lifecycle", () => {
  const scratch = inject("runtimeDir");

  it("stop() leaves no process behind and frees the broker's port", async () => {
    const runtime = await startLocalRuntime({
      kafka: true,
      spark: false,
      runDir: join(scratch, "lifecycle-stop"),
    });
    const pid = runtime.kafka?.jvm?.pid;
    expect(isProcessAlive(pid)).toBe(true);
    await runtime.stop();
    expect(isProcessAlive(pid)).toBe(false);
    const port = Number(runtime.kafkaBootstrap?.split(":")[1]);
    await new Promise<void>((resolve, reject) => {
      const probe = createServer().once("error", reject);
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  });

  it("a broker that cannot start fails with the documented error: which server, its log tail, the log file", async () => {
    const { kafka: classpath } = await resolveLocalRuntime();
    const taken = createServer();
    const brokerPort = await new Promise<number>((resolve) =>
      taken.listen(0, "127.0.0.1", () => resolve((taken.address() as { port: number }).port)),
    );
    const dir = join(scratch, "lifecycle-port-taken");
    const broker = new KafkaServer({
      java: "java",
      classpath,
      dir,
      brokerPort,
      controllerPort: await freeLoopbackPort(),
    });
    try {
      const failure = await broker.start().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LocalRuntimeError);
      const error = failure as LocalRuntimeError;
      expect(error.server).toBe("Kafka broker");
      expect(error.message).toMatch(/Kafka broker (exited|failed) during start-up/);
      expect(error.logTail).toMatch(/Address already in use|BindException/);
      expect(error.message).toContain(`Full log: ${join(dir, "kafka.log")}`);
      expect(isProcessAlive(broker.jvm?.pid)).toBe(false);
    } finally {
      taken.close();
      await broker.stop();
    }
  });
});
