/**
 * A throwaway certificate authority and a broker certificate for 127.0.0.1, made for one test
 * run with the JDK's keytool (the local runtime needs a JDK anyway, so this adds no dependency;
 * Node's crypto makes keys but not certificates). Nothing here is committed.
 */

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export interface TestCa {
  /** The CA's certificate, PEM. */
  caFile: string;
  /** The broker's key and certificate (signed by the CA), PKCS12. */
  keystore: { file: string; password: string };
}

/** keytool from the same JDK as `java`; passwords go by environment, never on its command line. */
function keytool(java: string, password: string, args: string[]): void {
  const tool = java.includes("/") ? join(dirname(java), "keytool") : "keytool";
  const result = spawnSync(tool, args, {
    encoding: "utf8",
    env: { ...process.env, TEST_CA_PASSWORD: password },
  });
  if (result.error || result.status !== 0)
    throw new Error(`keytool ${args[0]} failed: ${result.error?.message ?? result.stderr ?? result.stdout}`);
}

function newCa(java: string, dir: string, name: string, password: string) {
  const store = ["-storetype", "PKCS12", "-storepass:env", "TEST_CA_PASSWORD"];
  const keystore = join(dir, `${name}.p12`);
  keytool(java, password, [
    "-genkeypair",
    ...["-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"],
    ...["-dname", `CN=${name}`, "-ext", "bc:c", "-keystore", keystore, ...store],
  ]);
  const caFile = join(dir, `${name}.crt`);
  keytool(java, password, [
    "-exportcert",
    "-rfc",
    "-alias",
    "ca",
    "-keystore",
    keystore,
    "-file",
    caFile,
    ...store,
  ]);
  return { keystore, caFile, store };
}

/** A CA with no certificate signed: what a client that trusts the wrong CA holds. */
export function makeUnrelatedCa(java: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  return newCa(java, dir, "unrelated-ca", randomBytes(12).toString("hex")).caFile;
}

/** A CA and a broker certificate for 127.0.0.1 and localhost signed by it. */
export function makeTestCa(java: string, dir: string): TestCa {
  mkdirSync(dir, { recursive: true });
  const password = randomBytes(12).toString("hex");
  const ca = newCa(java, dir, "test-ca", password);
  const broker = join(dir, "broker.p12");
  const san = ["-ext", "SAN=ip:127.0.0.1,dns:localhost"];
  keytool(java, password, [
    "-genkeypair",
    ...["-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"],
    ...["-dname", "CN=localhost", ...san, "-keystore", broker, ...ca.store],
  ]);
  const request = join(dir, "broker.csr");
  const signed = join(dir, "broker.crt");
  keytool(java, password, [
    "-certreq",
    "-alias",
    "broker",
    "-keystore",
    broker,
    "-file",
    request,
    ...ca.store,
  ]);
  keytool(java, password, [
    "-gencert",
    ...["-alias", "ca", "-keystore", ca.keystore, "-infile", request, "-outfile", signed, "-rfc"],
    ...san,
    ...["-validity", "2", ...ca.store],
  ]);
  // The chain goes in: the CA first, then the signed certificate replaces the self-signed one.
  keytool(java, password, [
    "-importcert",
    "-noprompt",
    "-alias",
    "ca",
    "-file",
    ca.caFile,
    "-keystore",
    broker,
    ...ca.store,
  ]);
  keytool(java, password, [
    "-importcert",
    "-alias",
    "broker",
    "-file",
    signed,
    "-keystore",
    broker,
    ...ca.store,
  ]);
  return { caFile: ca.caFile, keystore: { file: broker, password } };
}
