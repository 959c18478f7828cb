import { inspect } from "node:util";
import {
  huaweiAkSkAuth,
  huaweiCanonicalQuery,
  huaweiCanonicalRequest,
  huaweiCanonicalUri,
  huaweiSdkDate,
  huaweiSignature,
  huaweiStringToSign,
  huaweiTokenAuth,
  sha256Hex,
} from "../../sdk/auth/huawei-signer";
import { InvalidInputError } from "../../sdk/errors";
import type { OutgoingRequest, RawResponse } from "../../sdk/transport/types";
import { FakeClock } from "../support/fake-clock";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("SDK-HMAC-SHA256 published test vectors", () => {
  test("official vector: canonical request hash and signature", () => {
    const url = new URL(
      "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    );
    const canonical = huaweiCanonicalRequest({
      method: "GET",
      url,
      headers: { "Content-Type": "application/json", host: "service.region.example.com", "x-sdk-date": "20191115T033655Z" },
      signedHeaders: ["content-type", "host", "x-sdk-date"],
    });
    expect(canonical).toBe(
      [
        "GET",
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n",
        "content-type;host;x-sdk-date",
        EMPTY_SHA256,
      ].join("\n"),
    );
    expect(sha256Hex(canonical)).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
    const signature = huaweiSignature("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", huaweiStringToSign("20191115T033655Z", canonical));
    expect(signature).toBe("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
  });

  test("Go SDK vector: only x-sdk-date signed", () => {
    const canonical = huaweiCanonicalRequest({
      method: "GET",
      url: new URL("http://example.com/path?limit=1"),
      headers: { "X-Sdk-Date": "20060102T150405Z" },
      signedHeaders: ["x-sdk-date"],
    });
    const signature = huaweiSignature("SecretKey", huaweiStringToSign("20060102T150405Z", canonical));
    expect(signature).toBe("5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
  });
});

describe("canonical forms", () => {
  test("each path segment is decoded then re-encoded with upper-case hex; a trailing slash is added once", () => {
    expect(huaweiCanonicalUri(new URL("http://h/v3/a b/it's(1)*"))).toBe("/v3/a%20b/it%27s%281%29%2A/");
    expect(huaweiCanonicalUri(new URL("http://h/v3/x/"))).toBe("/v3/x/");
    expect(huaweiCanonicalUri(new URL("http://h/v3/%C3%A9t%c3%a9"))).toBe("/v3/%C3%A9t%C3%A9/");
  });

  test("query keys sorted, then values; both encoded; spaces as %20", () => {
    const url = new URL("http://h/p");
    url.searchParams.append("name", "b c");
    url.searchParams.append("limit", "2");
    url.searchParams.append("name", "a*");
    expect(huaweiCanonicalQuery(url)).toBe("limit=2&name=a%2A&name=b%20c");
    expect(huaweiCanonicalQuery(new URL("http://h/p"))).toBe("");
  });

  test("header values are trimmed and the body hash covers the exact bytes", () => {
    const body = '{"name":"é"}';
    const canonical = huaweiCanonicalRequest({
      method: "post",
      url: new URL("http://h/p"),
      headers: { host: " h ", "x-sdk-date": "20200101T000000Z" },
      signedHeaders: ["x-sdk-date", "HOST"],
      body,
    });
    const lines = canonical.split("\n");
    expect(lines[0]).toBe("POST");
    expect(lines[3]).toBe("host:h");
    expect(lines[6]).toBe("host;x-sdk-date");
    expect(lines[7]).toBe(sha256Hex(body));
    expect(lines[7]).not.toBe(EMPTY_SHA256);
  });

  test("X-Sdk-Date is UTC YYYYMMDDTHHMMSSZ", () => {
    expect(huaweiSdkDate(Date.UTC(2019, 10, 15, 3, 36, 55, 999))).toBe("20191115T033655Z");
  });
});

function capture(): { send: (r: OutgoingRequest) => Promise<RawResponse>; sent: OutgoingRequest[] } {
  const sent: OutgoingRequest[] = [];
  return { sent, send: async (r) => (sent.push(r), { status: 200, headers: {}, body: "{}" }) };
}

describe("huaweiAkSkAuth", () => {
  const clock = new FakeClock({ start: Date.UTC(2019, 10, 15, 3, 36, 55) });

  test("signs host, x-sdk-date and content-type (when sent) with the date from the injected clock", async () => {
    const { send, sent } = capture();
    const auth = huaweiAkSkAuth({ accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", clock });
    await auth.authenticate(
      {
        method: "GET",
        url: new URL("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"),
        headers: { "content-type": "application/json", accept: "application/json" },
      },
      send,
    );
    const headers = sent[0]?.headers ?? {};
    expect(headers["x-sdk-date"]).toBe("20191115T033655Z");
    expect(headers.host).toBe("service.region.example.com");
    // Same request as the official vector, so the same signature.
    expect(headers.authorization).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  test("signs x-project-id when sent, and the host with its port", async () => {
    const { send, sent } = capture();
    const auth = huaweiAkSkAuth({ accessKey: "AK", secretKey: "SK", clock });
    await auth.authenticate({ method: "DELETE", url: new URL("http://127.0.0.1:8787/v3/p/backups/b"), headers: { "x-project-id": "p" } }, send);
    expect(sent[0]?.headers.host).toBe("127.0.0.1:8787");
    expect(sent[0]?.headers.authorization).toMatch(/SignedHeaders=host;x-project-id;x-sdk-date,/);
  });

  test("the secret key is not reachable from the authenticator object", () => {
    const auth = huaweiAkSkAuth({ accessKey: "AK-visible", secretKey: "super-secret-sk", clock });
    expect(JSON.stringify(auth)).not.toContain("super-secret-sk");
    expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain("super-secret-sk");
  });

  test("refuses empty credentials", () => {
    expect(() => huaweiAkSkAuth({ accessKey: "AK", secretKey: "" })).toThrow(InvalidInputError);
    expect(() => huaweiAkSkAuth({ accessKey: " ", secretKey: "SK" })).toThrow(InvalidInputError);
  });
});

describe("huaweiTokenAuth", () => {
  test("sends the token in X-Auth-Token only", async () => {
    const { send, sent } = capture();
    const auth = huaweiTokenAuth("tok-123");
    await auth.authenticate({ method: "GET", url: new URL("http://h/v3/p/jobs"), headers: {} }, send);
    expect(sent[0]?.headers["x-auth-token"]).toBe("tok-123");
    expect(sent[0]?.headers.authorization).toBeUndefined();
    expect(inspect(auth, { depth: 10, showHidden: true })).not.toContain("tok-123");
  });
});
