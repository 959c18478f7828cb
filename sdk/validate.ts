// Input checks shared by every client: run before any request is built, so bad input never reaches a server.
import { InvalidInputError } from "./errors";

// Ids go into URL paths: anything that could change the path's meaning is refused, not encoded away.
// \s covers Unicode spaces (NBSP, U+2028…); C1 controls (U+0080–U+009F) are not in \s, hence listed.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const FORBIDDEN_IN_ID = /[/\\?#%\s\u0000-\u001f\u007f-\u009f]/;
// Invisible format characters (zero-width spaces and joiners, direction marks and overrides, the byte-order mark):
// an id holding one looks like another id, and no platform issues one.
const INVISIBLE = /\p{Cf}/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A lone UTF-16 surrogate cannot be percent-encoded (encodeURIComponent throws URIError).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A copy without the members whose value is undefined (shallow). */
export function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Checks an identifier that becomes one URL path segment and returns it percent-encoded. */
export function pathSegment(field: string, value: unknown): string {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== "string") throw new InvalidInputError(field, "must be a string or a safe integer");
  if (id.length === 0) throw new InvalidInputError(field, "must not be empty");
  if (id === "." || id === ".." || id.includes("..")) throw new InvalidInputError(field, "must not contain '..'");
  if (FORBIDDEN_IN_ID.test(id)) {
    throw new InvalidInputError(field, "must not contain '/', '\\', '?', '#', '%', whitespace or control characters");
  }
  if (INVISIBLE.test(id)) throw new InvalidInputError(field, "must not contain invisible format characters (zero-width spaces, direction marks, byte-order marks)");
  if (LONE_SURROGATE.test(id)) throw new InvalidInputError(field, "must be well-formed Unicode text");
  if (id.length > 256) throw new InvalidInputError(field, "must be at most 256 characters");
  return encodeURIComponent(id);
}

/**
 * An id the platform documents as a string (OceanBase Cloud, TaurusDB): the path-segment rules, and no number. A number
 * is refused rather than turned into text: the platforms' ids are not numbers, so one is most likely another
 * platform's id (OCP's are), and a large one may already have lost digits in JavaScript.
 */
export function stringId(field: string, value: unknown): string {
  if (typeof value === "number") throw new InvalidInputError(field, `must be a string: got the number ${String(value)} (the platform's ids are strings: write "${String(value)}" if that is the id)`);
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  pathSegment(field, value);
  return value;
}

/** An id OCP documents as a number (clusterId, tenantId): a positive safe integer, given as a number or as digits. */
export function positiveIntegerId(field: string, value: unknown): number {
  const ok =
    (typeof value === "number" && Number.isSafeInteger(value) && value > 0) ||
    (typeof value === "string" && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)));
  if (!ok) throw new InvalidInputError(field, "must be a positive integer (a number, or a string of digits)");
  return Number(value);
}

/** Refuses text holding a control character (a newline, a tab, NUL…), naming the text. */
export function withoutControlCharacters(field: string, text: string): string {
  if (CONTROL.test(text)) throw new InvalidInputError(field, `must not contain control characters such as a newline, a tab or NUL (got ${JSON.stringify(text)})`);
  return text;
}

/**
 * Text sent in a request body (a name, a zone, a description): a non-empty string, not only whitespace, without
 * control characters (a newline or a NUL is never part of one); `trimmed`: nor with whitespace at either end (a name
 * or a zone that differs from the real one only there is a typo the platform would refuse or, worse, keep).
 */
export function bodyText(field: string, value: unknown, opts: { trimmed?: boolean } = {}): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  if (value.length === 0) throw new InvalidInputError(field, "must not be empty");
  if (value.trim().length === 0) throw new InvalidInputError(field, `must not be only whitespace (got ${JSON.stringify(value)})`);
  withoutControlCharacters(field, value);
  if (opts.trimmed === true && value.trim() !== value) throw new InvalidInputError(field, `must not start or end with whitespace (got ${JSON.stringify(value)})`);
  return value;
}

/**
 * `build` memoized by its argument's identity: an envelope schema built around each response's data schema is made
 * once, not per response (building and first use of a zod object cost far more than parsing with it).
 */
export function memoizedByIdentity<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key) as V;
    const v = build(key);
    made.set(key, v);
    return v;
  };
}
