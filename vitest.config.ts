import { defineConfig } from "vitest/config";

// Two projects: `unit` needs no servers; `integration` shares one real Kafka broker and one
// Spark Connect server for the whole run, started by the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // test/cluster and test/rules run on their own (`npm run test:cluster`, `npm run test:rules`).
          exclude: ["test/**/*.int.test.ts", "test/cluster/**", "test/rules/**", "node_modules/**"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/**/*.int.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          // Two cores and two JVMs: run files one after another against the shared servers.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
