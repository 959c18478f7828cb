// OCP AccessKey signing and HTTP Basic. OCP publishes no test vector for its HMAC-SHA1 scheme, so the
// examples below are OUR READING of the docs (docs/api-ocp.md#string-to-sign), computed independently of the signer:
// the string to sign is written out by hand, MD5/HMAC come from node:crypto here, and the expected
// signatures were also computed once with the openssl CLI:
//   printf 'POST\n<MD5>\napplication/json\n<Date>\n<Host>\nx-ocp-origin:pulumi\nx-ocp-trace:abc\n<path>?a=1&b=2' \
//     | openssl dgst -sha1 -hmac test-sk -binary | base64
import { createHash, createHmac } from "node:crypto";
import { inspect } from "node:util";
import { basicAuth } from "../../sdk/auth/basic";
import { ocpHmacAuth } from "../../sdk/auth/ocp-hmac";
import type { OutgoingRequest, RawResponse } from "../../sdk/transport/types";
import { FakeClock } from "../support/fake-clock";

const DOCS_DATE_MS = Date.UTC(2023, 0, 17, 3, 36, 1); // the docs' example Date: Tue, 17 Jan 2023 03:36:01 GMT
const OK: RawResponse = { status: 200, headers: {}, body: "{}" };

async function signedHeaders(auth: ReturnType<typeof ocpHmacAuth>, req: OutgoingRequest): Promise<Record<string, string>> {
  let sent: OutgoingRequest | undefined;
  await auth.authenticate(req, async (r) => {
    sent = r;
    return OK;
  });
  if (!sent) throw new Error("nothing sent");
  return sent.headers;
}

describe("ocpHmacAuth", () => {
  const clock = new FakeClock({ start: DOCS_DATE_MS });
  const auth = ocpHmacAuth({ accessKeyId: "test-ak", accessKeySecret: "test-sk", clock });

  test("POST with body, x-ocp-* headers and an unsorted query matches the hand-built string to sign", async () => {
    const body = '{"backupMode":"PHYSICAL_BACKUP"}';
    const headers = await signedHeaders(auth, {
      method: "POST",
      url: new URL("http://ocp.example.internal:8080/api/v2/ob/clusters/1000005/backup/config/backupStrategy?b=2&a=1"),
      headers: { "content-type": "application/json", accept: "application/json", "x-ocp-trace": "abc", "x-ocp-origin": "pulumi" },
      body,
    });
    const md5 = createHash("md5").update(body).digest("hex").toUpperCase();
    expect(md5).toBe("2780E482DF8C73842E64B6AE4AFF8EF4");
    const stringToSign =
      "POST\n" +
      `${md5}\n` +
      "application/json\n" +
      "Tue, 17 Jan 2023 03:36:01 GMT\n" +
      "ocp.example.internal:8080\n" +
      "x-ocp-origin:pulumi\n" +
      "x-ocp-trace:abc\n" +
      "/api/v2/ob/clusters/1000005/backup/config/backupStrategy?a=1&b=2";
    const expected = createHmac("sha1", "test-sk").update(stringToSign).digest("base64");
    expect(expected).toBe("rjxCiHkPtLAUh8d40nmctEc33Hk="); // openssl, see the header comment
    expect(headers["date"]).toBe("Tue, 17 Jan 2023 03:36:01 GMT");
    expect(headers["authorization"]).toBe(`OCP-ACCESS-KEY-HMACSHA1 test-ak:${expected}`);
  });

  test("GET without body or x-ocp-* headers: empty MD5, Content-Type and header lines", async () => {
    const headers = await signedHeaders(auth, {
      method: "GET",
      url: new URL("http://ocp.example.internal:8080/api/v2/tasks/instances/3000041"),
      headers: { accept: "application/json" },
    });
    const stringToSign = "GET\n\n\nTue, 17 Jan 2023 03:36:01 GMT\nocp.example.internal:8080\n\n/api/v2/tasks/instances/3000041";
    const expected = createHmac("sha1", "test-sk").update(stringToSign).digest("base64");
    expect(expected).toBe("p3RuIZzAdfF3H/N0jBjXY9jt3fw=");
    expect(headers["authorization"]).toBe(`OCP-ACCESS-KEY-HMACSHA1 test-ak:${expected}`);
  });

  test("every attempt is signed afresh with the clock's current time", async () => {
    const c = new FakeClock({ start: DOCS_DATE_MS });
    const a = ocpHmacAuth({ accessKeyId: "test-ak", accessKeySecret: "test-sk", clock: c });
    const req: OutgoingRequest = { method: "GET", url: new URL("http://h/api/v2/tasks/instances/1"), headers: {} };
    const first = await signedHeaders(a, req);
    await c.advance(61_000);
    const second = await signedHeaders(a, req);
    expect(first["date"]).toBe("Tue, 17 Jan 2023 03:36:01 GMT");
    expect(second["date"]).toBe("Tue, 17 Jan 2023 03:37:02 GMT");
    expect(second["authorization"]).not.toBe(first["authorization"]);
    expect(req.headers).toEqual({}); // the caller's request object is not mutated
  });

  test("the secret is not visible on the authenticator", () => {
    const a = ocpHmacAuth({ accessKeyId: "test-ak", accessKeySecret: "very-secret-value" });
    expect(JSON.stringify(a)).not.toContain("very-secret-value");
    expect(inspect(a, { depth: 10, showHidden: true })).not.toContain("very-secret-value");
  });
});

describe("basicAuth", () => {
  test("sends RFC 7617 credentials and hides the password", async () => {
    const a = basicAuth({ username: "admin", password: "emulator" });
    let sent: OutgoingRequest | undefined;
    await a.authenticate({ method: "GET", url: new URL("http://h/x"), headers: {} }, async (r) => {
      sent = r;
      return OK;
    });
    expect(sent?.headers["authorization"]).toBe(`Basic ${Buffer.from("admin:emulator").toString("base64")}`);
    expect(sent?.headers["authorization"]).toBe("Basic YWRtaW46ZW11bGF0b3I=");
    expect(JSON.stringify(a)).not.toContain("emulator");
    expect(inspect(a, { depth: 10, showHidden: true })).not.toContain("YWRtaW46ZW11bGF0b3I");
  });
});
