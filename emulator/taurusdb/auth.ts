// Who is calling: AK/SK signature (SDK-HMAC-SHA256) or an IAM token, and may they act on the project in
// the path. Failure answers follow the gateway's documented messages (APIG.0301 / APIG.0303).
import type { EmuContext, EmuRequest, EmuResponse } from "../core/types";
import { CODES, fail } from "./errors";
import { AKSK, TOKENS } from "./fixtures";
import { parseAuthorization, parseSdkDate, verifySignature } from "./signature";
import { apiTime } from "./state";

/** The gateway accepts an X-Sdk-Date at most this far from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;

const IAM = "Incorrect IAM authentication information";

function header(req: EmuRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/** The {project_id} segment of /v3/{project_id}/… or /mysql/v3/{project_id}/…. */
export function projectInPath(path: string): string | undefined {
  const m = /^(?:\/mysql)?\/v3\/([^/]+)/.exec(path);
  return m?.[1];
}

/** The project the caller's credential belongs to, or the error answer. */
function callerProject(req: EmuRequest, ctx: EmuContext): string | EmuResponse {
  const authorization = header(req, "authorization");
  if (authorization === undefined) {
    const token = header(req, "x-auth-token");
    if (token === undefined) return fail(401, CODES.IAM_AUTH, `${IAM}: x-auth-token not found`);
    return TOKENS.get(token) ?? fail(401, CODES.IAM_AUTH, `${IAM}: decrypt token fail`);
  }
  const auth = parseAuthorization(authorization);
  if (auth === undefined) return fail(401, CODES.IAM_AUTH, `${IAM}: Authorization is not an SDK-HMAC-SHA256 signature`);
  const sdkDate = header(req, "x-sdk-date");
  const signedAt = parseSdkDate(sdkDate);
  if (sdkDate === undefined || signedAt === undefined) {
    return fail(401, CODES.IAM_AUTH, `${IAM}: X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ`);
  }
  const serverNow = ctx.wallNow();
  if (Math.abs(serverNow - signedAt) > MAX_SKEW_MS) {
    const serverDate = apiTime(serverNow).replace(/[-:]/g, "").replace("+0000", "Z");
    return fail(401, CODES.SIGNATURE_EXPIRED, `Incorrect app authentication information: signature expired, signature time:${sdkDate},server time:${serverDate}`);
  }
  const credential = AKSK.get(auth.accessKey);
  // An unknown key and a wrong signature answer alike, so the answer does not tell which keys exist.
  if (credential === undefined) return fail(401, CODES.IAM_AUTH, `${IAM}: verify aksk signature fail`);
  const check = verifySignature(req, auth, credential.secretKey, sdkDate);
  if (!check.ok) return fail(401, CODES.IAM_AUTH, `${IAM}: verify aksk signature fail (${check.reason})`);
  return credential.projectId;
}

export function authenticate(req: EmuRequest, ctx: EmuContext): EmuResponse | undefined {
  const project = callerProject(req, ctx);
  if (typeof project !== "string") return project;
  const headerProject = header(req, "x-project-id");
  if (projectInPath(req.path) !== project || (headerProject !== undefined && headerProject !== project)) {
    return fail(403, CODES.FORBIDDEN, "Authorization failed: the project in the request does not belong to the credential");
  }
  return undefined;
}
