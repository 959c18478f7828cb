// Property values in the engine's wire form (what the resource monitor and the provider host exchange):
// a secret is { [SECRET_SIG_KEY]: SECRET_SIG, value }, a value unknown during preview is the UNKNOWN string,
// everything else is plain JSON. These helpers port what the engine does to such maps (plugin/provider_plugin.go).
import { pulumiRequire } from "../../scripts/paths";

const rpc = pulumiRequire("./runtime/rpc") as {
  specialSigKey: string;
  specialSecretSig: string;
  unknownValue: string;
  isRpcSecret(v: unknown): boolean;
};

export type PropertyMap = Record<string, unknown>;
export const SECRET_SIG_KEY: string = rpc.specialSigKey;
export const SECRET_SIG: string = rpc.specialSecretSig;
/** The engine's "unknown during preview" sentinel (sent only in preview Check/Diff). */
export const UNKNOWN: string = rpc.unknownValue;

export interface SecretValue {
  [key: string]: unknown;
  value: unknown;
}

/** Marks a value secret, exactly as the engine and the language SDK encode it on the wire. */
export function secret(value: unknown): SecretValue {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value: value === undefined ? null : value };
}

export function isSecret(v: unknown): v is SecretValue {
  return rpc.isRpcSecret(v) === true;
}

/** The paths at which `needle` occurs in a property value outside a secret wrapper (a leak when not empty). */
export function unwrappedPaths(v: unknown, needle: string, at = "$"): string[] {
  if (isSecret(v)) return [];
  if (typeof v === "string") return v.includes(needle) ? [at] : [];
  if (Array.isArray(v)) return v.flatMap((e, i) => unwrappedPaths(e, needle, `${at}[${i}]`));
  if (typeof v === "object" && v !== null) return Object.entries(v).flatMap(([k, e]) => unwrappedPaths(e, needle, `${at}.${k}`));
  return [];
}

/** A JSON object that is not a wire secret. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);
}

export function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isPlainObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

export function containsUnknowns(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (isSecret(v)) return containsUnknowns(v.value);
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (isPlainObject(v)) return Object.values(v).some(containsUnknowns);
  return false;
}

/** Deep copy with secrets replaced by their values and undefined object members dropped (MarshalProperties, KeepSecrets=false). */
export function stripSecrets(v: unknown): unknown {
  if (isSecret(v)) return stripSecrets(v.value);
  if (Array.isArray(v)) return v.map(stripSecrets);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) out[k] = stripSecrets(e);
    return out;
  }
  return v;
}

/** Deep copy dropping undefined object members only (MarshalProperties, KeepSecrets=true). */
export function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) out[k] = dropUndefined(e);
    return out;
  }
  return v;
}

/** Port of the engine's annotateSecrets (provider_plugin.go): copy secretness from ins to outs, recursing into objects. */
export function annotateSecrets(outs: PropertyMap | undefined, ins: PropertyMap | undefined): void {
  if (outs === undefined || ins === undefined) return;
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in outs)) continue;
    const outValue = outs[key];
    if (isPlainObject(outValue) && isPlainObject(inValue)) annotateSecrets(outValue, inValue);
    else if (!isSecret(outValue) && containsSecrets(inValue)) outs[key] = secret(outValue);
  }
}

/** urn:pulumi:<stack>::<project>::<type>::<name>, as the engine builds it for a resource without a parent. */
export function makeUrn(type: string, name: string, opts: { stack?: string; project?: string } = {}): string {
  return `urn:pulumi:${opts.stack ?? "test"}::${opts.project ?? "test"}::${type}::${name}`;
}

/** The resource name and (unqualified) type of a URN. */
export function urnParts(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return { name: parts.slice(3).join("::"), type: qualifiedType.split("$").pop() ?? "" };
}
