// The contract between the transport, the auth schemes and the API clients.
import type { Dispatcher } from "undici";
import type { Clock, Random } from "../clock";
import type { Platform } from "../errors";
import type { AdaptiveLimiter } from "./limiter";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One HTTP exchange exactly as it goes on the wire. Header names are lower-case. */
export interface OutgoingRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  /** The exact body bytes (JSON text), or undefined for no body. */
  body?: string;
}

export interface RawResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export type Send = (req: OutgoingRequest) => Promise<RawResponse>;

/**
 * An auth scheme. It sends `req` through `send`, adding what the scheme needs; a challenge-response
 * scheme (Digest) may call `send` more than once. It must never put a secret anywhere but the
 * Authorization (or scheme-specific) header.
 */
export interface Authenticator {
  authenticate(req: OutgoingRequest, send: Send): Promise<RawResponse>;
}

/** Turns a non-success answer into the platform's typed error (each API family has its own shape). */
export type ErrorMapper = (res: RawResponse, operation: string) => Error;

/** What an API client asks the transport to do. */
export interface RequestSpec {
  /** The sdk operation name, for errors, e.g. "ocp.getClusterStrategy". */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL, segments already checked and encoded with pathSegment(). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Serialized with JSON.stringify; sent with content-type application/json. */
  body?: unknown;
  /**
   * Safe to repeat after an ambiguous failure (socket reset, timeout, 5xx)? Defaults to true for GET and
   * DELETE, false otherwise. Non-idempotent requests are retried only where the server certainly did not
   * act: a connect error before sending, or a 429.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface TransportTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export interface RetryPolicy {
  /**
   * Attempts that may fail, including the first. Attempts answered 429 are counted apart, up to twice as many: a
   * throttled request was not carried out and the limiter (limiter.ts) slows the client down meanwhile, so a request
   * that meets the rate limit and server errors in turn does not give up after maxAttempts answers in all.
   */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry may start after this long since the first attempt. */
  totalBudgetMs: number;
}

export interface PlatformContext {
  platform: Platform;
}

/** What every API client passes through to its Transport (tests inject clock, random and dispatcher). */
export interface ClientTransportOptions {
  clock?: Clock;
  random?: Random;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<TransportTimeouts>;
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** TLS certificate verification off for this client's endpoint only (TransportOptions.insecureSkipTlsVerify). */
  insecureSkipTlsVerify?: boolean;
  /** Where the transport's warnings go, one line each (default: stderr). */
  warn?: (line: string) => void;
  /** The pacing of this client's requests (TransportOptions.limiter): false for none. */
  limiter?: AdaptiveLimiter | false;
  /** The ceiling of the process's shared limiter for this API, requests a second (TransportOptions.maxRequestsPerSecond). */
  maxRequestsPerSecond?: number;
}

/** Per-call options of every client operation. */
export interface CallOptions {
  signal?: AbortSignal;
}
