// Finds credentials and storage secrets in texts a user or a log could see: a `__provider` string, `pulumi stack
// export` JSON, host transcripts and logs, progress lines, error messages, property maps.
//
// API (everything else here is private):
//
//   findLeaks(texts, secrets = TEST_SECRETS): Leak[]
//       texts: { where: string; text: unknown }[]; a non-string `text` is scanned as visibleText(text).
//       Each Leak names where, which secret, in which form, and an excerpt with the secret masked as «name».
//   expectNoLeaks(texts, secrets = TEST_SECRETS): void
//       jest assertion: fails listing every leak (and fails on an empty list of texts, which would prove nothing).
//   visibleText(value): string
//       JSON of a value with every secret-marked member (Pulumi's secret wrapper) replaced by "[secret]": what
//       `pulumi stack export` shows in clear. Plaintext under a secret mark is not a leak; anything else is.
//   TEST_SECRETS: every secret the tests use (the emulator's demo credentials, the storage access key secrets).
//       Add one with `{ name, value }` (and `user` when it is a password sent with a user name).
//
// Forms looked for, per secret: the value itself, URL-encoded (encodeURIComponent and form encoding), JSON-escaped,
// base64 and base64url, hex; with a user name also "user:password", its base64 (the HTTP Basic header) and the
// Digest HA1 (MD5 and SHA-256 of "user:realm:password", the realm of the emulator's challenge).
// A secret marked `word` (one that is also an ordinary word: the OCP Basic password is "emulator") counts only as a
// word of its own: not inside "/__emulator", "emulator-ak" or "the emulator's".
import { createHash } from "node:crypto";
import { REALM as DIGEST_REALM } from "../../emulator/oceanbase/digest";
import { isSecret } from "./properties";
import { EMULATOR_CREDENTIALS } from "./provider-host";
import { OSS_SECRET, SECONDARY_OSS_SECRET } from "../provider/backup-strategy/support";

export interface SecretSpec {
  /** What the secret is, for reports (never the value). */
  name: string;
  value: string;
  /** The user name sent with it (HTTP Basic, HTTP Digest): adds "user:password", Basic's base64 and Digest's HA1. */
  user?: string;
  /** Counts only as a word of its own (see above). */
  word?: true;
}

export interface Leak {
  where: string;
  secret: string;
  form: string;
  /** Up to 40 characters either side, the secret's form replaced by «name». */
  excerpt: string;
}

export interface ScannedText {
  where: string;
  text: unknown;
}

const c = EMULATOR_CREDENTIALS;
export const TEST_SECRETS: readonly SecretSpec[] = [
  { name: "OceanBase Cloud AccessKey secret", value: c.oceanbase.accessKeySecret, user: c.oceanbase.accessKeyId },
  { name: "OCP AccessKey secret", value: c.ocp.accessKeySecret },
  { name: "OCP Basic password", value: c.ocp.password, user: c.ocp.username, word: true },
  { name: "Huawei secret key", value: c.huawei.secretKey },
  { name: "OCP storage secret (BackupStrategy)", value: OSS_SECRET },
  { name: "OCP secondary storage secret", value: SECONDARY_OSS_SECRET },
  { name: "OCP storage secret (ManualBackup)", value: "oss-manual-backup-SECRET-5d1e" },
];

/** JSON of `value` with each secret-marked member replaced by "[secret]". */
export function visibleText(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_key, v: unknown) => (isSecret(v) ? "[secret]" : v)) ?? "";
}

interface Needle {
  secret: string;
  form: string;
  text: string;
  word: boolean;
}

const hash = (algorithm: "md5" | "sha256", text: string): string => createHash(algorithm).update(text, "utf8").digest("hex");

function needles(s: SecretSpec): Needle[] {
  const forms: Array<[string, string]> = [
    ["plain", s.value],
    ["URL-encoded", encodeURIComponent(s.value)],
    ["form-encoded", new URLSearchParams({ x: s.value }).toString().slice(2)],
    ["JSON-escaped", JSON.stringify(s.value).slice(1, -1)],
    ["base64", Buffer.from(s.value, "utf8").toString("base64")],
    ["base64url", Buffer.from(s.value, "utf8").toString("base64url")],
    ["hex", Buffer.from(s.value, "utf8").toString("hex")],
  ];
  if (s.user !== undefined) {
    const pair = `${s.user}:${s.value}`;
    forms.push(
      ["user:password", pair],
      ["HTTP Basic credentials (base64 of user:password)", Buffer.from(pair, "utf8").toString("base64")],
      ["Digest HA1 (MD5)", hash("md5", `${s.user}:${DIGEST_REALM}:${s.value}`)],
      ["Digest HA1 (SHA-256)", hash("sha256", `${s.user}:${DIGEST_REALM}:${s.value}`)],
    );
  }
  // Padding makes base64 differ from its occurrence inside a longer encoding: look for the unpadded prefix too.
  const seen = new Set<string>();
  const out: Needle[] = [];
  for (const [form, text] of forms) {
    for (const t of [text, text.replace(/=+$/, "")]) {
      if (t.length < 4 || seen.has(t)) continue;
      seen.add(t);
      // Only the plain form of a word-like secret is matched as a word; its encodings are long and distinctive.
      out.push({ secret: s.name, form, text: t, word: s.word === true && form === "plain" });
    }
  }
  return out;
}

const WORD_CHAR = /[A-Za-z0-9_./-]/;

function isWordAt(text: string, at: number, length: number): boolean {
  const before = at === 0 ? "" : text.charAt(at - 1);
  const after = text.charAt(at + length);
  if (before !== "" && WORD_CHAR.test(before)) return false;
  if (after !== "" && WORD_CHAR.test(after)) return false;
  return !/^'s\b/.test(text.slice(at + length)); // "the emulator's"
}

export function findLeaks(texts: readonly ScannedText[], secrets: readonly SecretSpec[] = TEST_SECRETS): Leak[] {
  const all = secrets.flatMap(needles);
  const leaks: Leak[] = [];
  for (const { where, text: raw } of texts) {
    const text = visibleText(raw);
    for (const n of all) {
      for (let at = text.indexOf(n.text); at >= 0; at = text.indexOf(n.text, at + 1)) {
        if (n.word && !isWordAt(text, at, n.text.length)) continue;
        const excerpt = `${text.slice(Math.max(0, at - 40), at)}«${n.secret}»${text.slice(at + n.text.length, at + n.text.length + 40)}`;
        leaks.push({ where, secret: n.secret, form: n.form, excerpt });
        break; // one report per text and form is enough
      }
    }
  }
  return leaks;
}

export function expectNoLeaks(texts: readonly ScannedText[], secrets: readonly SecretSpec[] = TEST_SECRETS): void {
  expect(texts.length).toBeGreaterThan(0);
  expect(findLeaks(texts, secrets)).toEqual([]);
}
