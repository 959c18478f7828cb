// Input checks shared by every client: run before any request is built, so bad input never reaches a server.
import { InvalidInputError } from "./errors";

// Ids go into URL paths: anything that could change the path's meaning is refused, not encoded away.
// \s covers Unicode spaces (NBSP, U+2028…); C1 controls (U+0080–U+009F) are not in \s, hence listed.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const FORBIDDEN_IN_ID = /[/\\?#%\s\u0000-\u001f\u007f-\u009f]/;
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
  if (LONE_SURROGATE.test(id)) throw new InvalidInputError(field, "must be well-formed Unicode text");
  if (id.length > 256) throw new InvalidInputError(field, "must be at most 256 characters");
  return encodeURIComponent(id);
}
