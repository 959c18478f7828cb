// The storage access-key secrets of a strategy body (OSS and COS, primary and secondary storage). OCP's GET never
// returns them, so they are carried over from the previous state, and compared only where both sides know them.
import { isPlainObject as isObject } from "../../sdk/validate";

type Json = Record<string, unknown>;

// Where a storage configuration sits in a body, and which access-key blocks it may hold.
const STORAGE_PATHS: ReadonlyArray<readonly string[]> = [["obBackupServiceStorageConfig"], ["obSecondaryBackupConfig", "storageConfig"]];
const KEY_BLOCKS = ["ossAccessKey", "cosAccessKey"] as const;

function at(body: unknown, path: readonly string[]): unknown {
  let v = body;
  for (const k of path) v = isObject(v) ? v[k] : undefined;
  return v;
}

/** Every access-key block of a body, by a stable name ("obBackupServiceStorageConfig.ossAccessKey", …). */
function accessKeyBlocks(body: unknown): Map<string, Json> {
  const blocks = new Map<string, Json>();
  for (const path of STORAGE_PATHS) {
    const base = at(body, [...path, "obBackupStorageBaseInfo"]);
    for (const key of KEY_BLOCKS) {
      const block = isObject(base) ? base[key] : undefined;
      if (isObject(block)) blocks.set(`${path.join(".")}.${key}`, block);
    }
  }
  return blocks;
}

function copy<T>(v: T): T {
  return structuredClone(v);
}

/**
 * `body` (read from OCP, so without secrets) with each accessKeySecret that `previous` (the last known state) holds
 * for the same storage and the same key type. A secret OCP never told us is left out.
 */
export function withSecretsFrom(body: Json, previous: unknown): Json {
  const out = copy(body);
  const known = accessKeyBlocks(previous);
  for (const [name, block] of accessKeyBlocks(out)) {
    const secret = known.get(name)?.["accessKeySecret"];
    if (block["accessKeySecret"] === undefined && typeof secret === "string") block["accessKeySecret"] = secret;
  }
  return out;
}

/**
 * `news` without the secrets `olds` does not know, for comparison: after an import the state cannot know a
 * secret (the API never reveals it), so a secret counts as a change only when both sides have one.
 */
export function withoutSecretsUnknownIn(news: Json, olds: unknown): Json {
  const out = copy(news);
  const known = accessKeyBlocks(olds);
  for (const [name, block] of accessKeyBlocks(out)) {
    if (typeof known.get(name)?.["accessKeySecret"] !== "string") delete block["accessKeySecret"];
  }
  return out;
}
