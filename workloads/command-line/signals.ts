/** Resolves on the first Ctrl-C or SIGTERM; a second one exits at once. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    let received = 0;
    const onSignal = () => {
      received += 1;
      if (received > 1) process.exit(130);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
