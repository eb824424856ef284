import { expect, test } from "vitest";
import { runProgram, stackConfig } from "./harness.ts";

test("the program refuses bad config before it declares any resource", async () => {
  const attempt = runProgram(stackConfig("Pulumi.dev.yaml", { sparkWorkers: "0", kafkaMode: "confluent" }));
  await expect(attempt).rejects.toThrow(
    [
      "invalid stack configuration:",
      '  - kafkaMode must be one of strimzi, external, got "confluent"',
      '  - sparkWorkers must be an integer from 1 to 100, got "0"',
    ].join("\n"),
  );
});
