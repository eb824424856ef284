// What the integration global setup hands to every integration test through `inject()`.
declare module "vitest" {
  export interface ProvidedContext {
    /** host:port of the run's Kafka broker. */
    kafkaBootstrap: string;
    /** sc:// connection string (with its token) of the run's Spark Connect server. */
    sparkConnectUrl: string;
    /** The run directory holding the servers' data, logs and scratch space for tests. */
    runtimeDir: string;
    /** `s3a://bucket` of the run's object store, which the shared Spark server reaches through S3A. */
    objectStoreLake: string;
    /** How a client outside Spark reaches that store: endpoint (path-style), region, credentials. */
    objectStore: {
      endpoint: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };
  }
}

export {};
