import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A stand-in for `java` that behaves like a server: it prints its pid, then runs until signalled
 * (or exits at once with the code in FAKE_JAVA_EXIT, or prints FAKE_JAVA_FATAL and hangs on). Lets the process lifecycle be tested
 * without starting a JVM.
 */
export function fakeJava(): { java: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "fake-java-"));
  const java = join(dir, "java");
  writeFileSync(
    java,
    [
      "#!/bin/sh",
      'echo "fake-java pid $$ args $*"',
      'if [ -n "$FAKE_JAVA_EXIT" ]; then echo "fatal: cannot start"; exit "$FAKE_JAVA_EXIT"; fi',
      'if [ -n "$FAKE_JAVA_FATAL" ]; then echo "$FAKE_JAVA_FATAL"; fi',
      "trap 'echo \"fake-java got TERM\"; exit 143' TERM",
      "while :; do sleep 1; done",
      "",
    ].join("\n"),
  );
  chmodSync(java, 0o755);
  return { java, dir };
}
