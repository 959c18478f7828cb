// TaurusDB wire details without a server: error classification, case conversion, time formats.
import { ApiError, ErrorCodes } from "../../sdk/errors";
import { camelize, snakeize } from "../../sdk/taurusdb/case";
import { BUSY_CODES, taurusdbErrorMapper } from "../../sdk/taurusdb/errors";
import { formatTaurusDbTime, parseTaurusDbTime } from "../../sdk/taurusdb/time";

function mapped(status: number, body: unknown, headers: Record<string, string> = {}): ApiError {
  const e = taurusdbErrorMapper({ status, headers, body: typeof body === "string" ? body : JSON.stringify(body) }, "taurusdb.op");
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("taurusdbErrorMapper", () => {
  test.each([...BUSY_CODES])("%s is BUSY and retryable", (code) => {
    expect(mapped(409, { error_code: code, error_msg: "busy" })).toMatchObject({ code: ErrorCodes.BUSY, retryable: true, vendorCode: code });
  });

  test("throttling: APIG.0308, the older APIGW.0308, or any 429", () => {
    expect(mapped(429, { error_code: "APIG.0308", error_msg: "x" }).code).toBe(ErrorCodes.THROTTLED);
    expect(mapped(400, { error_code: "APIGW.0308", error_msg: "x" }).code).toBe(ErrorCodes.THROTTLED);
    expect(mapped(429, "not json").code).toBe(ErrorCodes.THROTTLED);
  });

  test("APIG.0303 is CLOCK_SKEW unless its message names another app-auth failure", () => {
    const skew = mapped(401, { error_code: "APIG.0303", error_msg: "Incorrect app authentication information: signature expired, signature time:20230527T000431Z" });
    expect(skew).toMatchObject({ code: ErrorCodes.CLOCK_SKEW, retryable: false });
    expect(mapped(401, { error_code: "APIG.0303", error_msg: "Incorrect app authentication information: app not found, appkey x" }).code).toBe(ErrorCodes.AUTH);
    expect(mapped(401, { error_code: "APIG.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail" }).code).toBe(ErrorCodes.AUTH);
  });

  test("not-found codes are NOT_FOUND even under 400; other statuses decide the rest", () => {
    expect(mapped(400, { error_code: "DBS.280124", error_msg: "Invalid backup ID." }).code).toBe(ErrorCodes.NOT_FOUND);
    expect(mapped(400, { error_code: "DBS.201210", error_msg: "Invalid backup name." })).toMatchObject({ code: ErrorCodes.API, retryable: false });
    expect(mapped(503, "<html>")).toMatchObject({ code: ErrorCodes.API, retryable: true, vendorCode: undefined });
  });

  test("the request id comes from X-Request-Id, else from the body", () => {
    expect(mapped(400, { error_code: "DBS.200001" }, { "x-request-id": "abc123" }).requestId).toBe("abc123");
    expect(mapped(400, { error_code: "DBS.200001", request_id: "from-body" }).requestId).toBe("from-body");
    expect(mapped(400, { error_code: "DBS.200001", error_msg: "Parameter error" }, { "x-request-id": "r1" }).message).toBe(
      "taurusdb.op: HTTP 400 DBS.200001: Parameter error (request id r1)",
    );
  });
});

describe("case conversion", () => {
  test("camelize converts keys at every depth and drops undefined", () => {
    expect(camelize({ backup_policy: { keep_days: 7, retention_num_backup_level1: undefined }, restore_times: [{ start_time: 1 }] })).toEqual({
      backupPolicy: { keepDays: 7 },
      restoreTimes: [{ startTime: 1 }],
    });
  });

  test("snakeize converts keys and omits undefined (optional fields are not sent)", () => {
    expect(snakeize({ instanceId: "i", description: undefined, backupPolicy: { keepDays: 1 } })).toEqual({
      instance_id: "i",
      backup_policy: { keep_days: 1 },
    });
  });
});

describe("time formats", () => {
  test("formatTaurusDbTime writes UTC with a +0000 offset", () => {
    expect(formatTaurusDbTime(Date.UTC(2020, 6, 7, 1, 17, 5, 123))).toBe("2020-07-07T01:17:05+0000");
  });

  test("parseTaurusDbTime reads offsets with or without a colon, and Z", () => {
    const utc = Date.UTC(2020, 6, 6, 17, 17, 5);
    expect(parseTaurusDbTime("2020-07-07T01:17:05+0800")).toBe(utc);
    expect(parseTaurusDbTime("2020-07-07T01:17:05+08:00")).toBe(utc);
    expect(parseTaurusDbTime("2020-07-06T17:17:05Z")).toBe(utc);
    expect(parseTaurusDbTime("yesterday")).toBeUndefined();
  });
});
