// Exponential backoff with full jitter (AWS architecture blog): delay = random(0, min(cap, base * 2^n)).
import type { Random } from "../clock";

export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: Random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After in milliseconds (RFC 9110: delay-seconds or an HTTP-date), or undefined when absent or
 * unreadable. A date in the past means "now".
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
