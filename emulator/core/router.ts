// Matches a request to one of a family's routes by method and ":param" pattern. Works on the raw path
// segments and decodes each one, so an encoded '/' (%2F) inside an id can never split or join segments.
import type { Route } from "./types";

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  route: Route;
  segments: Segment[];
}

export type Router = (method: string, rawPath: string) => RouteMatch;

export function createRouter(routes: readonly Route[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: compileRoutePattern(route.pattern) }));
  return (method, rawPath) => {
    const segments = decodeSegments(rawPath);
    if (segments === undefined) return { kind: "not-found" };
    const allowed: string[] = [];
    for (const { route, segments: pattern } of compiled) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) continue;
      if (route.method === method.toUpperCase()) return { kind: "found", route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed: [...new Set(allowed)] } : { kind: "not-found" };
  };
}

function compileRoutePattern(pattern: string): Segment[] {
  if (!pattern.startsWith("/")) throw new Error(`route pattern must start with '/': ${pattern}`);
  return pattern
    .slice(1)
    .split("/")
    .map((part) => (part.startsWith(":") && part.length > 1 ? { param: part.slice(1) } : { literal: part }));
}

/** Splits "/a/b%20c" into ["a", "b c"]; undefined when a segment is not valid percent-encoding. */
function decodeSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith("/")) return undefined;
  const decoded: string[] = [];
  for (const part of rawPath.slice(1).split("/")) {
    try {
      decoded.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  return decoded;
}

function matchSegments(pattern: Segment[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as Segment;
    const got = segments[i] as string;
    if ("literal" in want) {
      if (want.literal !== got) return undefined;
    } else {
      // A parameter is one real path segment: never empty, never a dot segment, never carrying a '/'.
      if (got === "" || got === "." || got === ".." || got.includes("/")) return undefined;
      params[want.param] = got;
    }
  }
  return params;
}
