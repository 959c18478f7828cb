// Secret values in the runner's state file. The offline runner has no key service, so (as the Pulumi CLI's
// passphrase provider does) it derives a key from PULUMI_CONFIG_PASSPHRASE: scrypt(passphrase, per-state salt),
// AES-256-GCM per value. On disk a secret is { <sig key>: <secret sig>, ciphertext: "v1:<base64 iv|tag|data>" };
// in memory it is the wire secret { <sig key>: <secret sig>, value }.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import * as fs from "node:fs";
import { isPlainObject, isSecret, SECRET_SIG, SECRET_SIG_KEY } from "./properties";

const VERSION = "v1";
const CHECK_TEXT = "pulumi-dbbackup offline state";

export class SecretsError extends Error {
  override readonly name = "SecretsError";
}

/** The passphrase from PULUMI_CONFIG_PASSPHRASE or the file PULUMI_CONFIG_PASSPHRASE_FILE names, if any. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) return env.PULUMI_CONFIG_PASSPHRASE;
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (file !== undefined && file !== "") return fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
  return undefined;
}

export interface SecretsCipher {
  encrypt(plain: string): string;
  decrypt(ciphertext: string): string;
}

export function createCipher(passphrase: string, salt: Buffer): SecretsCipher {
  const key = scryptSync(passphrase, salt, 32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([c.update(plain, "utf8"), c.final()]);
      return `${VERSION}:${Buffer.concat([iv, c.getAuthTag(), data]).toString("base64")}`;
    },
    decrypt(ciphertext) {
      if (!ciphertext.startsWith(`${VERSION}:`)) throw new SecretsError("the state file holds a secret in an unknown format");
      const raw = Buffer.from(ciphertext.slice(VERSION.length + 1), "base64");
      const d = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8");
      } catch {
        throw new SecretsError("incorrect passphrase: PULUMI_CONFIG_PASSPHRASE does not decrypt the secrets in the state file");
      }
    },
  };
}

/** The value that proves a passphrase right before any secret is decrypted (stored beside the salt). */
export function checkValue(cipher: SecretsCipher): string {
  return cipher.encrypt(CHECK_TEXT);
}

export function verifyCheckValue(cipher: SecretsCipher, stored: string): void {
  if (cipher.decrypt(stored) !== CHECK_TEXT) throw new SecretsError("incorrect passphrase for the state file");
}

function isEncrypted(v: unknown): v is { ciphertext: string } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG && typeof (v as { ciphertext?: unknown }).ciphertext === "string";
}

export function containsEncrypted(v: unknown): boolean {
  if (isEncrypted(v)) return true;
  if (Array.isArray(v)) return v.some(containsEncrypted);
  if (typeof v === "object" && v !== null) return Object.values(v).some(containsEncrypted);
  return false;
}

/** Deep copy with every wire secret replaced by its encrypted form. */
export function encryptSecrets(v: unknown, cipher: () => SecretsCipher): unknown {
  if (isSecret(v)) return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext: cipher().encrypt(JSON.stringify(v.value ?? null)) };
  if (Array.isArray(v)) return v.map((e) => encryptSecrets(e, cipher));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, encryptSecrets(e, cipher)]));
  return v;
}

/** Deep copy with every encrypted secret turned back into a wire secret. */
export function decryptSecrets(v: unknown, cipher: () => SecretsCipher): unknown {
  if (isEncrypted(v)) return { [SECRET_SIG_KEY]: SECRET_SIG, value: JSON.parse(cipher().decrypt(v.ciphertext)) as unknown };
  if (Array.isArray(v)) return v.map((e) => decryptSecrets(e, cipher));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, decryptSecrets(e, cipher)]));
  return v;
}

export function newSalt(): Buffer {
  return randomBytes(16);
}
