// The one way the sdk talks HTTP: undici, a keep-alive pool per origin, timeouts, retries and typed errors.
import { Agent, buildConnector, errors as undiciErrors, Pool, type Dispatcher } from "undici";
import { systemClock, type Clock, type Random } from "../clock";
import {
  AbortedError,
  DbBackupError,
  InvalidInputError,
  NetworkError,
  RequestTimeoutError,
  type Platform,
} from "../errors";
import { fullJitterDelay, parseRetryAfter } from "./backoff";
import { sharedLimiter, type AdaptiveLimiter } from "./limiter";
import type {
  Authenticator,
  ClientTransportOptions,
  ErrorMapper,
  OutgoingRequest,
  RawResponse,
  RequestSpec,
  RetryPolicy,
  TransportTimeouts,
} from "./types";

export interface TransportOptions {
  platform: Platform;
  /** Base URL, possibly with a path prefix (e.g. "https://gaussdb.example.com/v3"). */
  baseUrl: string;
  auth: Authenticator;
  mapError: ErrorMapper;
  timeouts?: Partial<TransportTimeouts>;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  random?: Random;
  /** An undici dispatcher to use instead of the transport's own pooled Agent (tests: MockAgent). */
  dispatcher?: Dispatcher;
  userAgent?: string;
  /**
   * Turns TLS certificate verification off for the origin of baseUrl and nothing else (an https endpoint only).
   * Every connection made so writes a warning line through `warn`.
   */
  insecureSkipTlsVerify?: boolean;
  /** Where warnings go: one line each, no newline (default: stderr). */
  warn?: (line: string) => void;
  /**
   * Paces every request on the wire (limiter.ts): by default the process's shared limiter of this platform and origin,
   * so all clients of one API in a process draw from one adaptive rate; none with an injected `dispatcher` (tests)
   * unless one is given here; false for none.
   */
  limiter?: AdaptiveLimiter | false;
  /** The ceiling of the shared limiter, requests a second (a platform's published quota); default none. */
  maxRequestsPerSecond?: number;
}

/** The TransportOptions an API client passes through from its own options: the ones set, and no others. */
export function clientTransportOptions(o: ClientTransportOptions): ClientTransportOptions {
  const out: ClientTransportOptions = {};
  const keys: Array<keyof ClientTransportOptions> = ["clock", "random", "retry", "timeouts", "dispatcher", "userAgent", "warn", "limiter", "maxRequestsPerSecond"];
  for (const k of keys) if (o[k] !== undefined) Object.assign(out, { [k]: o[k] });
  if (o.insecureSkipTlsVerify === true) out.insecureSkipTlsVerify = true;
  return out;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, totalBudgetMs: 120_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Attempts answered 429 a request may make, per attempt of RetryPolicy.maxAttempts (they are counted apart). */
const THROTTLED_ATTEMPTS_PER_ATTEMPT = 2;

// undici codes meaning the connection was never established, so the server cannot have acted.
// Only while connecting or resolving the name: "read EHOSTUNREACH" on an open connection may come after the request
// was written, so the same code counts as before-send only with the connect/getaddrinfo syscall.
const BEFORE_SEND_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const BEFORE_SEND_SYSCALLS = new Set(["connect", "getaddrinfo"]);

export class Transport {
  readonly platform: Platform;
  private readonly base: URL;
  private readonly auth: Authenticator;
  private readonly mapError: ErrorMapper;
  private readonly timeouts: TransportTimeouts;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly userAgent: string;
  private readonly limiter: AdaptiveLimiter | undefined;

  constructor(opts: TransportOptions) {
    this.platform = opts.platform;
    this.base = parseBaseUrl(opts.baseUrl);
    this.auth = opts.auth;
    this.mapError = opts.mapError;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.userAgent = opts.userAgent ?? "pulumi-dbbackup";
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
      this.ownsDispatcher = false;
    } else {
      // Agent keeps one keep-alive pool per origin.
      const connect = { timeout: this.timeouts.connectMs };
      const factory = opts.insecureSkipTlsVerify === true ? insecurePoolFactory(insecureTlsOrigin(this.base), connect, opts.warn ?? writeStderr) : undefined;
      this.dispatcher = new Agent({
        connect,
        ...(factory === undefined ? {} : { factory }),
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        keepAliveTimeout: 30_000,
        connections: 16,
      });
      this.ownsDispatcher = true;
    }
    this.limiter =
      opts.limiter === false
        ? undefined
        : (opts.limiter ??
          (opts.dispatcher !== undefined
            ? undefined
            : sharedLimiter(this.platform, this.base.origin, { clock: this.clock, ...(opts.maxRequestsPerSecond !== undefined ? { maxPerSecond: opts.maxRequestsPerSecond } : {}) })));
  }

  /** Builds the full URL for a spec: base path + spec path, query keys in the order given. */
  url(spec: Pick<RequestSpec, "path" | "query">): URL {
    // Appended, not resolved with new URL(path, base): a leading "//" or a "scheme:" would escape the base.
    const url = new URL(`${this.base.origin}${this.base.pathname}${spec.path.replace(/^\/+/, "")}`);
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v !== undefined) url.searchParams.append(k, String(v));
    }
    return url;
  }

  /** Sends the request with retries; resolves with a 2xx response or throws a typed error. */
  async request(spec: RequestSpec): Promise<RawResponse> {
    const idempotent = spec.idempotent ?? (spec.method === "GET" || spec.method === "DELETE");
    const started = this.clock.now();
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    // Attempts that failed, and those answered 429, counted apart (see RetryPolicy.maxAttempts).
    let failed = 0;
    let throttledAttempts = 0;
    for (let attempt = 0; ; attempt++) {
      if (spec.signal?.aborted) throw new AbortedError(`${spec.operation} aborted`, this.ctx(spec));
      const req: OutgoingRequest = {
        method: spec.method,
        url: this.url(spec),
        headers: {
          accept: "application/json",
          "user-agent": this.userAgent,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...lowerCaseKeys(spec.headers ?? {}),
        },
        ...(body === undefined ? {} : { body }),
      };
      let res: RawResponse | undefined;
      // The family's mapped error is thrown exactly as mapError built it; retry decisions read the status.
      let failure: Error;
      let retryAfterMs: number | undefined;
      try {
        res = await this.auth.authenticate(req, (r) => this.send(r, spec));
        if (res.status >= 200 && res.status < 300) return res;
        failure = this.mapError(res, spec.operation);
        retryAfterMs = parseRetryAfter(res.headers["retry-after"], this.clock.now());
      } catch (e) {
        if (e instanceof AbortedError) throw e;
        if (!(e instanceof DbBackupError)) throw e;
        failure = e;
      }
      if (!this.mayRetry(failure, res, idempotent)) throw failure;
      if (res?.status === 429) throttledAttempts++;
      else failed++;
      const elapsed = this.clock.now() - started;
      const delay = retryAfterMs ?? fullJitterDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
      const spent = failed >= this.retry.maxAttempts || throttledAttempts >= THROTTLED_ATTEMPTS_PER_ATTEMPT * this.retry.maxAttempts;
      if (spent || elapsed + delay > this.retry.totalBudgetMs) throw failure;
      try {
        await this.clock.sleep(delay, spec.signal);
      } catch (e) {
        if (e instanceof AbortedError || spec.signal?.aborted) throw new AbortedError(`${spec.operation} aborted`, this.ctx(spec));
        throw e;
      }
    }
  }

  private mayRetry(failure: Error, res: RawResponse | undefined, idempotent: boolean): boolean {
    if (failure instanceof NetworkError) return failure.retryable && (idempotent || failure.beforeSend);
    if (failure instanceof RequestTimeoutError) return idempotent;
    if (res === undefined) return false;
    if (res.status === 429) return true; // throttled: the server did not act
    return idempotent && RETRYABLE_STATUS.has(res.status);
  }

  private async send(req: OutgoingRequest, spec: RequestSpec): Promise<RawResponse> {
    const waited = (await this.limiter?.acquire(spec.signal)) ?? false;
    try {
      const r = await this.dispatcher.request({
        origin: req.url.origin,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        ...(spec.signal ? { signal: spec.signal } : {}),
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      if (r.statusCode === 429) this.limiter?.throttled();
      else this.limiter?.succeeded(waited);
      const text = await r.body.text();
      // undici hands the connection back to its pool a little after the body ends; without this turn of
      // the event loop the caller's next request finds it "busy" and opens (and TLS-handshakes) another.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
      }
      return { status: r.statusCode, headers, body: text };
    } catch (e) {
      throw this.wrapSocketError(e, spec);
    }
  }

  private wrapSocketError(e: unknown, spec: RequestSpec): DbBackupError {
    const ctx = this.ctx(spec);
    const what = `${spec.method} ${spec.path}`;
    if (spec.signal?.aborted || errorName(e) === "AbortError") {
      return new AbortedError(`${spec.operation} aborted`, ctx);
    }
    const { code, syscall } = systemError(e);
    if (
      e instanceof undiciErrors.HeadersTimeoutError ||
      e instanceof undiciErrors.BodyTimeoutError ||
      code === "UND_ERR_HEADERS_TIMEOUT" ||
      code === "UND_ERR_BODY_TIMEOUT"
    ) {
      const phase = code === "UND_ERR_BODY_TIMEOUT" || e instanceof undiciErrors.BodyTimeoutError ? "body" : "headers";
      return new RequestTimeoutError(`${spec.operation}: ${what} timed out waiting for the response ${phase}`, {
        ...ctx,
        retryable: true,
      });
    }
    if (code !== undefined && TLS_VERIFY_CODE.test(code)) {
      // Refused before anything was sent, and a retry would meet the same certificate: not retryable.
      return new NetworkError(`${spec.operation}: ${what} failed: ${describeTlsFailure(code)}`, { ...ctx, beforeSend: true, retryable: false });
    }
    const beforeSend =
      code === "UND_ERR_CONNECT_TIMEOUT" || (code !== undefined && BEFORE_SEND_CODES.has(code) && syscall !== undefined && BEFORE_SEND_SYSCALLS.has(syscall));
    // Only the error code goes into the message: undici messages are safe today, but the code is enough.
    return new NetworkError(`${spec.operation}: ${what} failed: ${describeCode(code)}`, {
      ...ctx,
      beforeSend,
      retryable: true,
    });
  }

  private ctx(spec: RequestSpec): { platform: Platform; operation: string } {
    return { platform: this.platform, operation: spec.operation };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// TLS: verification is always on (Node's default), except for the one origin a user named
// (TransportOptions.insecureSkipTlsVerify), and each connection made without it says so.

// Node's and OpenSSL's codes for a certificate the client refused (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED,
// UNABLE_TO_VERIFY_LEAF_SIGNATURE, ERR_TLS_CERT_ALTNAME_INVALID, ...).
const TLS_VERIFY_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|^ERR_TLS_CERT/;

function describeTlsFailure(code: string): string {
  return (
    `TLS certificate verification failed (${code}): the server's certificate is not trusted by this machine. ` +
    "Trust its CA (NODE_EXTRA_CA_CERTS=/path/to/ca.pem) or check that the endpoint is the server you mean"
  );
}

function insecureTlsOrigin(base: URL): string {
  if (base.protocol !== "https:") throw new InvalidInputError("insecureSkipTlsVerify", "applies to an https endpoint only");
  return base.origin;
}

function writeStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** undici's Agent factory: the named origin's pool connects without verifying, every other origin as usual. */
function insecurePoolFactory(origin: string, connect: { timeout: number }, warn: (line: string) => void): (o: string | URL, opts: object) => Pool {
  const unverified = buildConnector({ ...connect, rejectUnauthorized: false });
  const connector: buildConnector.connector = (options, callback) => {
    warn(`WARNING: TLS certificate verification is OFF for ${origin}: this connection does not check who answers, so anyone on the network path can read or change its requests, credentials included`);
    unverified(options, callback);
  };
  return (o, opts) => new Pool(o, new URL(String(o)).origin === origin ? { ...opts, connect: connector } : opts);
}

// Credentials in the URL would be kept in this object, where util.inspect and JSON.stringify can see them.
function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.endsWith("/") ? raw : `${raw}/`);
  } catch {
    throw new InvalidInputError("baseUrl", "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidInputError("baseUrl", "must be an absolute http(s) URL");
  if (url.username !== "" || url.password !== "") {
    throw new InvalidInputError("baseUrl", "must not contain credentials (user:password@): configure them as keys");
  }
  if (url.search !== "" || url.hash !== "") throw new InvalidInputError("baseUrl", "must not contain a query or fragment");
  return url;
}

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

// Errors are read by shape, not instanceof: socket errors come from Node's core, whose Error is not the
// one a test runner's sandbox (jest's vm context) sees, and undici may be loaded twice.
interface ErrorShape {
  code?: unknown;
  syscall?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}
function asShape(e: unknown): ErrorShape | undefined {
  return typeof e === "object" && e !== null ? (e as ErrorShape) : undefined;
}
function errorName(e: unknown): string | undefined {
  const name = asShape(e)?.name;
  return typeof name === "string" ? name : undefined;
}

// The most specific code in an error's cause chain (undici wraps socket errors as UND_ERR_SOCKET with the
// system error as cause). A host name with several addresses fails with an AggregateError (one error per
// address): its first member stands for all.
function systemError(e: unknown): { code?: string; syscall?: string } {
  let cur = asShape(e);
  for (let i = 0; i < 5 && cur; i++) {
    const code = typeof cur.code === "string" ? cur.code : undefined;
    const syscall = typeof cur.syscall === "string" ? cur.syscall : undefined;
    if (code !== undefined && code !== "UND_ERR_SOCKET") return { code, ...(syscall !== undefined ? { syscall } : {}) };
    const inner = asShape(cur.cause) ?? (Array.isArray(cur.errors) ? asShape(cur.errors[0]) : undefined);
    if (!inner) return code !== undefined ? { code } : {};
    cur = inner;
  }
  return {};
}

function describeCode(code: string | undefined): string {
  switch (code) {
    case undefined:
      return "socket error";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "connect timed out (UND_ERR_CONNECT_TIMEOUT)";
    case "ECONNREFUSED":
      return "connection refused (ECONNREFUSED)";
    case "UND_ERR_SOCKET":
    case "ECONNRESET":
      return `connection closed by the server (${code})`;
    default:
      return code;
  }
}
