import { defineConfig } from "vitest/config";

// `npm run test:cluster`: a real Pulumi engine deploys the program onto a real Kubernetes control
// plane on loopback, started once for the run by the global setup (after building the pinned
// tools on a first run). Not part of `npm test`: CI runs it after.
export default defineConfig({
  test: {
    name: "cluster",
    include: ["test/cluster/**/*.cluster.test.ts"],
    globalSetup: ["test/cluster/global-setup.ts"],
    // One control plane and one engine at a time on two cores: files run one after another.
    fileParallelism: false,
    // Each test is a whole engine command (preview, up, destroy) on a busy machine.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
