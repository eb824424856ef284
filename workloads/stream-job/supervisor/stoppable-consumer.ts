import type { Consumer, ConsumerConfig, Kafka } from "kafkajs";

export interface StoppableConsumer {
  readonly consumer: Consumer;
  /** Disconnects the consumer; no crash restarts it after this. */
  stop(): Promise<void>;
}

/**
 * A kafkajs consumer that stops for good. kafkajs restarts a crashed consumer on a timer, and
 * when its broker is gone, a restart under way when `disconnect()` is called crashes after it and
 * schedules the next one, forever: the process never exits (kafkajs issue 852). Once `stop()` is
 * called, a crash is no longer restarted.
 */
export function stoppableConsumer(kafka: Kafka, config: ConsumerConfig): StoppableConsumer {
  let stopping = false;
  const consumer = kafka.consumer({
    ...config,
    retry: { ...config.retry, restartOnFailure: async () => !stopping },
  });
  return {
    consumer,
    async stop() {
      stopping = true;
      await consumer.disconnect();
    },
  };
}
