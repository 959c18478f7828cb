// The one way the sdk talks HTTP: undici, a keep-alive pool per origin, timeouts, retries and typed errors.
import { Agent, errors as undiciErrors, type Dispatcher } from "undici";
import { systemClock, type Clock, type Random } from "../clock";
import {
  AbortedError,
  DbBackupError,
  NetworkError,
  RequestTimeoutError,
  type Platform,
} from "../errors";
import { fullJitterDelay, parseRetryAfter } from "./backoff";
import type {
  Authenticator,
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
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, totalBudgetMs: 120_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

// undici codes meaning the connection was never established, so the server cannot have acted.
const BEFORE_SEND_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

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

  constructor(opts: TransportOptions) {
    this.platform = opts.platform;
    this.base = new URL(opts.baseUrl.endsWith("/") ? opts.baseUrl : `${opts.baseUrl}/`);
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
      this.dispatcher = new Agent({
        connect: { timeout: this.timeouts.connectMs },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        keepAliveTimeout: 30_000,
        connections: 16,
      });
      this.ownsDispatcher = true;
    }
  }

  /** Builds the full URL for a spec: base path + spec path, query keys in the order given. */
  url(spec: Pick<RequestSpec, "path" | "query">): URL {
    const url = new URL(spec.path.replace(/^\//, ""), this.base);
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
      let failure: DbBackupError;
      let retryAfterMs: number | undefined;
      try {
        res = await this.auth.authenticate(req, (r) => this.send(r, spec));
        if (res.status >= 200 && res.status < 300) return res;
        failure = toDbBackupError(this.mapError(res, spec.operation), spec, this.platform);
        retryAfterMs = parseRetryAfter(res.headers["retry-after"], this.clock.now());
      } catch (e) {
        if (e instanceof AbortedError) throw e;
        if (!(e instanceof DbBackupError)) throw e;
        failure = e;
      }
      if (!this.mayRetry(failure, res, idempotent)) throw failure;
      const elapsed = this.clock.now() - started;
      const delay = retryAfterMs ?? fullJitterDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
      if (attempt + 1 >= this.retry.maxAttempts || elapsed + delay > this.retry.totalBudgetMs) throw failure;
      await this.clock.sleep(delay, spec.signal);
    }
  }

  private mayRetry(failure: DbBackupError, res: RawResponse | undefined, idempotent: boolean): boolean {
    if (failure instanceof NetworkError) return idempotent || failure.beforeSend;
    if (failure instanceof RequestTimeoutError) return idempotent;
    if (res === undefined) return false;
    if (res.status === 429) return true; // throttled: the server did not act
    return idempotent && RETRYABLE_STATUS.has(res.status);
  }

  private async send(req: OutgoingRequest, spec: RequestSpec): Promise<RawResponse> {
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
      const text = await r.body.text();
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
    if (spec.signal?.aborted || (e instanceof Error && e.name === "AbortError")) {
      return new AbortedError(`${spec.operation} aborted`, ctx);
    }
    if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError) {
      return new RequestTimeoutError(`${spec.operation}: ${what} timed out waiting for the server`, { ...ctx, retryable: true });
    }
    const code = errorCode(e);
    const beforeSend = code !== undefined && BEFORE_SEND_CODES.has(code);
    return new NetworkError(`${spec.operation}: ${what} failed: ${code ?? "socket error"}`, {
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

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur instanceof Error; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_SOCKET") return code;
    if (typeof code === "string" && code === "UND_ERR_SOCKET" && !(cur.cause instanceof Error)) return code;
    cur = cur.cause;
  }
  return undefined;
}

function toDbBackupError(e: Error, spec: RequestSpec, platform: Platform): DbBackupError {
  if (e instanceof DbBackupError) return e;
  return new DbBackupError("DBB_ERR_API", `${spec.operation}: ${e.message}`, { platform, operation: spec.operation });
}
