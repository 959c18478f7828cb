// Splits a request-target as received into raw path, decoded path and query, without normalising it:
// the emulator must see exactly what a client sent (dot segments, encodings), as a strict server would.

export interface ParsedTarget {
  /** Path as sent, still percent-encoded. */
  rawPath: string;
  /** Path percent-decoded; undefined when the encoding is invalid. */
  path: string | undefined;
  query: URLSearchParams;
}

export function parseRequestTarget(target: string): ParsedTarget {
  let rest = target;
  // Absolute-form ("http://host/path?q") is legal HTTP/1.1; keep only the path and query.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || "/";
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  const rawPath = q >= 0 ? rest.slice(0, q) : rest;
  const rawQuery = q >= 0 ? rest.slice(q + 1) : "";
  let path: string | undefined;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = undefined;
  }
  return { rawPath, path, query: new URLSearchParams(rawQuery) };
}

/** The query as a plain object for logs: a repeated key becomes an array of its values. */
export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
  // A Map, then fromEntries: a key like "__proto__" becomes a plain own property, never the prototype.
  const values = new Map<string, string[]>();
  for (const [key, value] of query) values.set(key, [...(values.get(key) ?? []), value]);
  return Object.fromEntries([...values].map(([key, list]) => [key, list.length === 1 ? (list[0] as string) : list]));
}
