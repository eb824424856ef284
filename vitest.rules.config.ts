import { defineConfig } from "vitest/config";

// `npm run test:rules`: the program's alert rules and Alertmanager configuration, checked and
// unit-tested by Prometheus' and Alertmanager's own tools (promtool, amtool), built from the tool
// manifest by the global setup on a first run. Not part of `npm test`: CI runs it after.
export default defineConfig({
  test: {
    name: "rules",
    include: ["test/rules/**/*.rules.test.ts"],
    globalSetup: ["test/rules/global-setup.ts"],
    // Each file runs the Pulumi program under mocks once, then the tools on what it rendered.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
