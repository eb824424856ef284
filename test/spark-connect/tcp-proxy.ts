import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of the Spark Connect server that the tests can cut: it drops every open
 * connection once `cutAfterBytes` have gone to the client, or refuses everything once closed.
 */
export class TcpProxy {
  connections = 0;
  private downstreamBytes = 0;
  private cutAfterBytes = Number.POSITIVE_INFINITY;
  private onCut: (() => void) | undefined;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async listen(): Promise<number> {
    const server = createServer((client) => {
      this.connections++;
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream);
      upstream.on("data", (chunk: Buffer) => {
        this.downstreamBytes += chunk.length;
        client.write(chunk);
        if (this.downstreamBytes >= this.cutAfterBytes) this.cut();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("proxy has no port");
    return address.port;
  }

  /** Drops every connection once `bytes` more have reached the client; resolves when it did. */
  cutAfter(bytes: number): Promise<void> {
    this.cutAfterBytes = this.downstreamBytes + bytes;
    return new Promise((resolve) => {
      this.onCut = resolve;
    });
  }

  /** Stops accepting and drops every connection, as a server that went away. */
  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private cut(): void {
    this.cutAfterBytes = Number.POSITIVE_INFINITY;
    for (const socket of this.sockets) socket.destroy();
    this.onCut?.();
    this.onCut = undefined;
  }
}
