import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand, HeadBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { S3Store } from "../pinned-jars/s3a.ts";
import { JvmProcess, waitUntilReady } from "./jvm-process.ts";

/** The S3 credentials of one local store: generated per run, handed over by environment only. */
export interface ObjectStoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function newObjectStoreCredentials(): ObjectStoreCredentials {
  return {
    accessKeyId: randomBytes(10).toString("hex"),
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
}

export interface ObjectStoreServerOptions {
  java: string;
  classpath: string[];
  /** Holds the store's data, config and log; survives restarts, so a restarted store has every object. */
  dir: string;
  port: number;
  credentials: ObjectStoreCredentials;
  /** Created at start when missing. */
  bucket: string;
  startTimeoutMs?: number;
}

/** Where a store answers (its credentials go by environment: see {@link s3Environment}). */
export type S3Endpoint = Omit<S3Store, "credentials">;

/** The standard AWS variables, which S3A's default credential chain reads. */
export function s3Environment(credentials: ObjectStoreCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
}

/** Logback's default is DEBUG for everything: warnings only, plus S3Proxy's start line. */
const logbackXml = `<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n</pattern></encoder>
  </appender>
  <logger name="org.gaul.s3proxy.Main" level="INFO"/>
  <root level="WARN"><appender-ref ref="OUT"/></root>
</configuration>
`;

/**
 * A real S3-compatible object store on loopback: S3Proxy (the S3 API with SigV4 authentication,
 * multipart uploads and server-side copy) over a filesystem blob store in the run folder, ready
 * once it answers a signed request for the bucket.
 */
export class ObjectStoreServer {
  private process: JvmProcess | undefined;

  constructor(private readonly options: ObjectStoreServerOptions) {}

  get credentials(): ObjectStoreCredentials {
    return this.options.credentials;
  }

  get endpoint(): S3Endpoint {
    // A loopback store has no virtual-host names for buckets; its region is any the client signs for.
    return { endpoint: `http://127.0.0.1:${this.options.port}`, region: "us-east-1", pathStyleAccess: true };
  }

  get bucket(): string {
    return this.options.bucket;
  }

  get jvm(): JvmProcess | undefined {
    return this.process;
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  /** Starts the store (again, after a stop: same port, same data) and creates the bucket if missing. */
  async start(): Promise<void> {
    const { dir, java, classpath, port, credentials } = this.options;
    const data = join(dir, "data");
    mkdirSync(data, { recursive: true });
    // The credentials go in a file only this user reads, never on a command line.
    const config = join(dir, "s3proxy.properties");
    writeFileSync(
      config,
      [
        `s3proxy.endpoint=http://127.0.0.1:${port}`,
        "s3proxy.authorization=aws-v2-or-v4",
        `s3proxy.identity=${credentials.accessKeyId}`,
        `s3proxy.credential=${credentials.secretAccessKey}`,
        "jclouds.provider=filesystem-nio2",
        `jclouds.filesystem.basedir=${data}`,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    const logback = join(dir, "logback.xml");
    writeFileSync(logback, logbackXml);
    this.process = JvmProcess.start({
      name: "object store (S3Proxy)",
      java,
      classpath,
      jvmOptions: [
        "-Xmx256m",
        "-XX:+UseSerialGC",
        `-Djava.io.tmpdir=${dir}`,
        `-Dlogback.configurationFile=${logback}`,
      ],
      mainClass: "org.gaul.s3proxy.Main",
      args: ["--properties", config],
      logFile: join(dir, "object-store.log"),
      argFile: join(dir, "object-store.args"),
    });
    await waitUntilReady(this.process, () => this.bucketReady(), this.options.startTimeoutMs ?? 60_000);
  }

  /** A signed HeadBucket: the gateway, its filer and the credentials all answer, or it is not ready. */
  private async bucketReady(): Promise<boolean> {
    const client = this.client();
    try {
      try {
        await client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      } catch (error) {
        if (!(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) throw error;
        await client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      }
      return true;
    } finally {
      client.destroy();
    }
  }

  /** An S3 client with this store's endpoint and credentials; the caller destroys it. */
  client(): S3Client {
    const { endpoint, region, pathStyleAccess } = this.endpoint;
    return new S3Client({
      endpoint,
      region,
      forcePathStyle: pathStyleAccess,
      credentials: this.options.credentials,
      maxAttempts: 1,
    });
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /** Kills the store at once, as a crash or a lost network would: for the outage tests. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }
}
