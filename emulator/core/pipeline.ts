// One API request through a family: body → authenticate() → rate limit → fault (explicit, else random) → route
// handler → persist → answer → log. Limits and faults apply only after auth passed, so a Digest challenge round never
// consumes one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { ResettableClock } from "./clock";
import type { Durations } from "./durations";
import type { Fault, FaultStore } from "./faults";
import type { RandomFaults } from "./random-faults";
import type { RateLimits } from "./rate-limit";
import { readBody, sendResponse, encodeBody } from "./http-io";
import type { RequestLog, RequestLogEntry } from "./request-log";
import { loggableBody } from "./request-log";
import type { ParsedTarget } from "./request-target";
import { queryToObject } from "./request-target";
import type { Router } from "./router";
import type { StateStore } from "./state-store";
import type { EmuContext, EmuRequest, EmuResponse, Family } from "./types";

export interface PipelineDeps {
  families: ReadonlyArray<{ family: Family; router: Router }>;
  clock: ResettableClock;
  store: StateStore;
  durations: Durations;
  faults: FaultStore;
  limits: RateLimits;
  randomFaults: RandomFaults;
  log: RequestLog;
  bodyLimit: number;
}

export async function handleApiRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  target: ParsedTarget,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const path = target.path ?? target.rawPath;
  const owner = deps.families.find(({ family }) => family.owns(path));
  const body = await readBody(req, deps.bodyLimit);
  if (body.kind === "aborted") return;

  const record = (entry: Pick<RequestLogEntry, "authorized" | "status" | "fault">): void => {
    deps.log.add({
      at: new Date(deps.clock.now()).toISOString(),
      method,
      path,
      query: queryToObject(target.query),
      family: owner?.family.name ?? null,
      ...entry,
      ...(body.kind === "ok" && body.body.length > 0 ? withBody(body.body) : {}),
    });
  };
  const answer = (response: EmuResponse, authorized: boolean, fault?: Fault): void => {
    sendResponse(res, response);
    record({ authorized, status: response.status, ...faultRef(fault) });
  };

  if (owner === undefined) {
    return answer({ status: 404, body: { error: "NotFound", message: `no API family serves ${path}` } }, false);
  }
  const { family, router } = owner;
  if (body.kind === "too-large") {
    const message = `request body of ${body.bytes} bytes exceeds the limit of ${deps.bodyLimit}`;
    return answer({ status: 413, headers: { connection: "close" }, body: family.errorBody(413, "RequestEntityTooLarge", message) }, false);
  }
  if (target.path === undefined) {
    return answer({ status: 400, body: family.errorBody(400, "BadRequest", "request path is not valid percent-encoding") }, false);
  }

  const request: EmuRequest = {
    method,
    path: target.path,
    rawTarget: req.url ?? "/",
    query: target.query,
    headers: req.headers,
    rawBody: body.body,
    params: {},
  };
  const ctx: EmuContext = {
    clock: deps.clock,
    wallNow: () => Date.now(),
    state: deps.store.slice(family.name),
    duration: (key) => deps.durations.get(key),
    markDirty: () => deps.store.markDirty(),
  };

  const denied = await guarded(family, request, () => family.authenticate(request, ctx));
  if (denied !== undefined) {
    await deps.store.persistIfDirty();
    return answer(denied, false);
  }

  const throttled = deps.limits.take(family.name);
  if (throttled !== undefined) return answer(injectedStatus(family, throttled), true, throttled);
  const fault = deps.faults.take(method, request.path) ?? deps.randomFaults.draw(family.name);
  switch (fault?.action) {
    case "reset-before":
      dropConnection(req);
      return record({ authorized: true, status: "reset", ...faultRef(fault) });
    case "status":
      return answer(injectedStatus(family, fault), true, fault);
    case "latency":
      await delay(fault.latencyMs ?? 0);
      break;
    default:
      break;
  }

  const response = await dispatch(family, router, target.rawPath, request, ctx);
  await deps.store.persistIfDirty();
  if (fault?.action === "reset-after") {
    dropConnection(req);
    return record({ authorized: true, status: "reset", ...faultRef(fault) });
  }
  if (fault?.action === "malformed") {
    return answer({ status: 200, headers: { "content-type": "application/json", ...fault.headers }, body: truncatedJson(response.body) }, true, fault);
  }
  if (fault?.action === "status-after") return answer(injectedStatus(family, fault), true, fault);
  if (fault?.action === "garbage") {
    return answer({ status: 200, headers: { "content-type": "text/html; charset=utf-8", ...fault.headers }, body: fault.body ?? GATEWAY_PAGE }, true, fault);
  }
  return answer(response, true, fault);
}

/** Routes to the handler; 404/405 in the family's error shape. */
function dispatch(family: Family, router: Router, rawPath: string, request: EmuRequest, ctx: EmuContext): Promise<EmuResponse> {
  const match = router(request.method, rawPath);
  if (match.kind === "not-found") {
    return Promise.resolve({ status: 404, body: family.errorBody(404, "NotFound", `no such API: ${request.method} ${request.path}`) });
  }
  if (match.kind === "method-not-allowed") {
    return Promise.resolve({
      status: 405,
      headers: { allow: match.allowed.join(", ") },
      body: family.errorBody(405, "MethodNotAllowed", `${request.method} is not allowed on ${request.path}`),
    });
  }
  const routed: EmuRequest = { ...request, params: match.params };
  return guarded(family, routed, () => match.route.handler(routed, ctx)).then(
    (response) => response ?? { status: 500, body: family.errorBody(500, "InternalError", "handler returned no response") },
  );
}

/** Runs family code; a throw becomes a 500 in the family's shape, logged without bodies or headers. */
async function guarded(
  family: Family,
  request: EmuRequest,
  run: () => EmuResponse | undefined | Promise<EmuResponse | undefined>,
): Promise<EmuResponse | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`emulator: ${family.name} ${request.method} ${request.path} failed: ${error instanceof Error ? error.stack : message}`);
    return { status: 500, body: family.errorBody(500, "InternalError", `emulator error: ${message}`) };
  }
}

/** Drops the connection without an answer: an RST where the platform allows it, so the client sees a reset. */
function dropConnection(req: IncomingMessage): void {
  const socket = req.socket;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** The answer of an injected "status" or "status-after": the status with the family's error body (or the fault's body). */
function injectedStatus(family: Family, fault: Fault): EmuResponse {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  const body = fault.body ?? family.errorBody(status, fault.code ?? statusCode(status), fault.message ?? "injected fault");
  return { status, headers, body };
}

/** What "garbage" answers by default under 200: a gateway's HTML page, which is not JSON at all. */
const GATEWAY_PAGE = "<html><head><title>Gateway</title></head><body><h1>Service temporarily unavailable</h1><p>injected fault</p></body></html>\n";

/** A JSON text cut short, guaranteed not to parse. */
function truncatedJson(body: unknown): string {
  const text = encodeBody(body)?.bytes.toString("utf8") ?? "";
  const cut = text.slice(0, Math.floor(text.length / 2));
  if (cut.length === 0) return '{"truncated":';
  try {
    JSON.parse(cut);
  } catch {
    return cut;
  }
  return '{"truncated":';
}

/** "TooManyRequests" for 429: the default code of an injected status. */
function statusCode(status: number): string {
  return (STATUS_CODES[status] ?? "Error").replace(/[^A-Za-z0-9 ]/g, "").replace(/(?:^|\s+)(\w)/g, (_m, c: string) => c.toUpperCase());
}

function faultRef(fault: Fault | undefined): Pick<RequestLogEntry, "fault"> {
  return fault ? { fault: { id: fault.id, action: fault.action } } : {};
}

function withBody(raw: Buffer): Pick<RequestLogEntry, "body"> {
  const body = loggableBody(raw);
  return body === undefined ? {} : { body };
}
