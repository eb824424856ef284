/**
 * How Spark reaches a lake on object storage through the S3A connector (hadoop-aws, pinned in
 * spark/pom.xml): the one place that turns a store's endpoint into Spark settings, for the local
 * runtime and for the cluster alike.
 *
 * Credentials are never among these settings, so they never reach a plan, a ConfigMap or a log:
 * - "environment": AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the JVM's environment (a
 *   Kubernetes Secret in the cluster, generated per run locally), read by S3A's default chain;
 * - "workload identity": the AWS SDK's default chain, which takes the web-identity token that
 *   EKS (IRSA, Pod Identity) mounts into the pod, exchanged through STS.
 *
 * Consistency the file sink relies on: S3 (since December 2020) and S3-compatible stores such as
 * SeaweedFS give read-after-write and list-after-write consistency. The streaming Parquet sink
 * uses no S3A committer: each task writes its files straight to their final keys (an object
 * appears whole on close or not at all) and the micro-batch commits by adding one entry to
 * `_spark_metadata`; a batch that failed halfway leaves files no entry names, which readers
 * going through that log never see, and the retried batch writes new ones. The checkpoint and
 * metadata logs are written as a temporary object renamed into place (copy, then delete): safe
 * with one writer per checkpoint, which Spark enforces for a running query.
 */

export type S3Credentials = "environment" | "workload identity";

export interface S3Store {
  /** `http(s)://host:port` for an S3-compatible store; empty for AWS S3 (the region's endpoint). */
  endpoint: string;
  region: string;
  /** Bucket in the path (`host/bucket/key`) rather than the host name: what most non-AWS stores need. */
  pathStyleAccess: boolean;
  credentials: S3Credentials;
}

const credentialProviders: Record<S3Credentials, string> = {
  environment: "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
  "workload identity": "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
};

/** Spark settings (`spark.hadoop.fs.s3a.*`) for the lake's store. */
export function s3aSparkConf(store: S3Store): Record<string, string> {
  const hadoop = (key: string, value: string): [string, string] => [`spark.hadoop.fs.s3a.${key}`, value];
  return Object.fromEntries([
    ...(store.endpoint ? [hadoop("endpoint", store.endpoint)] : []),
    hadoop("endpoint.region", store.region),
    hadoop("path.style.access", String(store.pathStyleAccess)),
    hadoop("aws.credentials.provider", credentialProviders[store.credentials]),
    // A store that is down must fail the micro-batch within a minute, visibly, rather than
    // hold it in S3A's retries for many minutes; the stream job's supervisor restarts it.
    hadoop("retry.limit", "3"),
    hadoop("attempts.maximum", "2"),
    hadoop("connection.establish.timeout", "15s"),
    hadoop("connection.timeout", "30s"),
  ]);
}
