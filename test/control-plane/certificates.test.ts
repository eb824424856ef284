import { X509Certificate } from "node:crypto";
import { describe, expect, test } from "vitest";
import { makeControlPlaneCertificates } from "../../workloads/control-plane/certificates.ts";
import { kubeconfigFor } from "../../workloads/control-plane/kubeconfig.ts";

describe("the control plane's certificates", () => {
  const certs = makeControlPlaneCertificates("10.96.0.1");
  const ca = new X509Certificate(certs.ca.cert);
  const apiServer = new X509Certificate(certs.apiServer.cert);
  const admin = new X509Certificate(certs.admin.cert);
  // Made while collecting, like the first set: RSA key generation is slow on a busy machine.
  const otherRun = makeControlPlaneCertificates("10.96.0.1");

  test("the API server's and the admin's certificates are signed by the run's authority", () => {
    expect(ca.ca).toBe(true);
    expect(apiServer.verify(ca.publicKey)).toBe(true);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(apiServer.checkIssued(ca)).toBe(true);
  });

  test("the serving certificate names loopback and the in-cluster kubernetes Service", () => {
    expect(apiServer.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(apiServer.checkIP("10.96.0.1")).toBe("10.96.0.1");
    expect(apiServer.checkHost("kubernetes.default.svc")).toBe("kubernetes.default.svc");
    expect(apiServer.ca).toBe(false);
  });

  test("the admin is in system:masters", () => {
    expect(admin.subject).toContain("O=system:masters");
  });

  test("each run gets its own authority", () => {
    const other = new X509Certificate(otherRun.ca.cert);
    expect(other.fingerprint256).not.toBe(ca.fingerprint256);
    expect(apiServer.verify(other.publicKey)).toBe(false);
  });

  test("the kubeconfig embeds the authority and the admin's key pair", () => {
    const access = { server: "https://127.0.0.1:6443", ca: certs.ca.cert, ...certs.admin };
    const config = JSON.parse(kubeconfigFor("loopback", access));
    const decode = (value: string) => Buffer.from(value, "base64").toString("utf8");
    expect(config["current-context"]).toBe("loopback");
    expect(decode(config.clusters[0].cluster["certificate-authority-data"])).toBe(certs.ca.cert);
    expect(decode(config.users[0].user["client-key-data"])).toBe(certs.admin.key);
    expect(config.clusters[0].cluster.server).toBe("https://127.0.0.1:6443");
  });
});
