// The one place where Huawei's snake_case wire names meet the client's camelCase names, both at the
// type level (so response types are derived from the zod wire schemas) and at run time.
import { isPlainObject } from "../validate";

type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S;

/** A wire type with every key, at every depth, in camelCase. */
export type Camelize<T> = T extends readonly (infer U)[]
  ? Camelize<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: Camelize<T[K]> }
    : T;


function mapKeysDeep(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeysDeep(v, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[rename(k)] = mapKeysDeep(v, rename);
  }
  return out;
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Wire → client: every key camelCased (undefined values dropped). */
export function camelize<T>(wire: T): Camelize<T> {
  return mapKeysDeep(wire, snakeToCamel) as Camelize<T>;
}

/** Client → wire: every key snake_cased (undefined values dropped, so optional fields are omitted). */
export function snakeize(value: Record<string, unknown>): Record<string, unknown> {
  return mapKeysDeep(value, camelToSnake) as Record<string, unknown>;
}
