import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/** A PEM certificate and its PEM private key. */
export interface KeyPair {
  cert: string;
  key: string;
}

export interface ControlPlaneCertificates {
  /** The cluster's certificate authority: the API server trusts clients it signed, clients trust it. */
  ca: KeyPair;
  /** The API server's serving certificate (loopback and the in-cluster `kubernetes` names). */
  apiServer: KeyPair;
  /** A `system:masters` client: the admin kubeconfig, the controller manager, the scheduler and kwok. */
  admin: KeyPair;
  /** Signs and verifies service account tokens. */
  serviceAccount: { publicKey: string; privateKey: string };
}

const validityDays = 365;

/** RSA keys from Node's own crypto (fast, native); node-forge only assembles and signs the certificates. */
function rsaKeys(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

interface CertificateRequest {
  subject: forge.pki.CertificateField[];
  extensions: object[];
  /** Who signs it; none for the self-signed authority. */
  issuer?: KeyPair;
}

function certificate({ subject, extensions, issuer }: CertificateRequest): KeyPair {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  // A positive serial: the leading 0 keeps the DER integer from reading as negative.
  cert.serialNumber = `00${randomBytes(16).toString("hex")}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + validityDays * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer ? forge.pki.certificateFromPem(issuer.cert).subject.attributes : subject);
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(issuer?.key ?? keys.privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKey };
}

/**
 * A fresh certificate authority and the certificates one loopback control plane needs, made for
 * each run (nothing secret is kept between runs).
 */
export function makeControlPlaneCertificates(serviceClusterIp: string): ControlPlaneCertificates {
  const ca = certificate({
    subject: [{ name: "commonName", value: "log-analytics-pipeline loopback CA" }],
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const apiServer = certificate({
    subject: [{ name: "commonName", value: "kube-apiserver" }],
    issuer: ca,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: serviceClusterIp },
          { type: 2, value: "localhost" },
          { type: 2, value: "kubernetes" },
          { type: 2, value: "kubernetes.default" },
          { type: 2, value: "kubernetes.default.svc" },
          { type: 2, value: "kubernetes.default.svc.cluster.local" },
        ],
      },
    ],
  });
  const admin = certificate({
    subject: [
      { name: "commonName", value: "admin" },
      { name: "organizationName", value: "system:masters" },
    ],
    issuer: ca,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", clientAuth: true },
    ],
  });
  return { ca, apiServer, admin, serviceAccount: rsaKeys() };
}
