import { describe, expect, it } from "vitest";
import { parseConnectionString, redactToken } from "../../workloads/spark-connect/connection-string.ts";
import { SparkConnectClientError } from "../../workloads/spark-connect/errors.ts";

describe("parseConnectionString", () => {
  it("reads host, port and every known parameter", () => {
    const options = parseConnectionString(
      "sc://spark.example:15099/;token=abc;user_id=alice;session_id=00112233-4455-6677-8899-aabbccddeeff;use_ssl=true;user_agent=job;x-extra=1",
    );
    expect(options).toEqual({
      host: "spark.example",
      port: 15099,
      token: "abc",
      userId: "alice",
      sessionId: "00112233-4455-6677-8899-aabbccddeeff",
      useSsl: true,
      userAgent: "job",
      headers: { "x-extra": "1" },
    });
  });

  it("defaults the port to 15002 and TLS to off", () => {
    expect(parseConnectionString("sc://localhost")).toMatchObject({
      host: "localhost",
      port: 15002,
      useSsl: false,
    });
    expect(parseConnectionString("sc://localhost/")).toMatchObject({ port: 15002, token: undefined });
  });

  it("accepts a bracketed IPv6 host", () => {
    expect(parseConnectionString("sc://[::1]:15002/;token=t")).toMatchObject({ host: "::1", port: 15002 });
  });

  it.each([
    ["http://localhost:15002", /scheme must be "sc:\/\/"/],
    ["sc://:15002", /host is missing/],
    ["sc://localhost:port", /port must be a number/],
    ["sc://localhost:70000", /port must be a number/],
    ["sc://localhost:15002;token=x", /parameters must follow "\/;"/],
    ["sc://localhost:15002/;token", /is not key=value/],
    ["sc://localhost/;session_id=abc", /session_id must be a UUID/],
    ["sc://localhost/;use_ssl=yes", /use_ssl must be true or false/],
    ["sc://localhost/;user_id=a;user_id=b", /given twice/],
    ["sc://localhost/path", /unexpected path/],
  ])("rejects %s with a message naming the problem", (url, message) => {
    expect(() => parseConnectionString(url)).toThrow(SparkConnectClientError);
    expect(() => parseConnectionString(url)).toThrow(message);
  });

  it("never repeats the token in an error", () => {
    expect(() => parseConnectionString("sc://localhost:x/;token=secret")).toThrow(/token=\*\*\*/);
    expect(redactToken("sc://h/;token=secret;user_id=u")).toBe("sc://h/;token=***;user_id=u");
  });
});
