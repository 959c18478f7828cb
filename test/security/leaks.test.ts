// The leak scanner itself (test/support/leaks.ts): every form of every secret is found, the clear part of a property
// map is what counts, a word-like password only as a word, and a report never holds the secret it found.
import { createHash } from "node:crypto";
import { REALM } from "../../emulator/oceanbase/digest";
import { findLeaks, TEST_SECRETS, visibleText, type SecretSpec } from "../support/leaks";
import { secret } from "../support/pulumi-host";
import { EMULATOR_CREDENTIALS } from "../support/provider-host";

const c = EMULATOR_CREDENTIALS;
const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
const md5 = (s: string): string => createHash("md5").update(s).digest("hex");
const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

describe("findLeaks", () => {
  const spec: SecretSpec = { name: "test secret", value: "p@ss word~~~/+é", user: "me" };

  it.each([
    ["plain", "p@ss word~~~/+é"],
    ["URL-encoded", encodeURIComponent("p@ss word~~~/+é")],
    ["form-encoded", "p%40ss+word%7E%7E%7E%2F%2B%C3%A9"],
    ["base64", b64("p@ss word~~~/+é")],
    ["base64url", Buffer.from("p@ss word~~~/+é").toString("base64url")],
    ["hex", Buffer.from("p@ss word~~~/+é").toString("hex")],
    ["user:password", "me:p@ss word~~~/+é"],
    ["HTTP Basic credentials (base64 of user:password)", b64("me:p@ss word~~~/+é")],
    ["Digest HA1 (MD5)", md5(`me:${REALM}:p@ss word~~~/+é`)],
    ["Digest HA1 (SHA-256)", sha256(`me:${REALM}:p@ss word~~~/+é`)],
  ])("finds the %s form, and reports it masked", (form, text) => {
    const leaks = findLeaks([{ where: "log", text: `before ${text} after` }], [spec]);
    expect(leaks.map((l) => l.form)).toContain(form);
    for (const l of leaks) {
      expect(l.where).toBe("log");
      expect(l.secret).toBe("test secret");
      expect(l.excerpt).toContain("«test secret»");
      expect(l.excerpt).not.toContain(text);
    }
  });

  it("the JSON-escaped form of a secret with quotes and backslashes", () => {
    const q: SecretSpec = { name: "quoted", value: 'a"b\\c-long' };
    expect(findLeaks([{ where: "json", text: JSON.stringify({ m: q.value }) }], [q]).map((l) => l.form)).toEqual(["JSON-escaped"]);
  });

  it("reads the clear part of a property map: a secret-marked member is no leak, the same value in clear is", () => {
    const props = { storage: secret({ accessKeySecret: "oss-storage-SECRET-9f3c" }), name: "x" };
    expect(visibleText(props)).toBe('{"storage":"[secret]","name":"x"}');
    expect(findLeaks([{ where: "state", text: props }])).toEqual([]);
    expect(findLeaks([{ where: "state", text: { ...props, note: "oss-storage-SECRET-9f3c" } }]).map((l) => [l.where, l.secret])).toEqual([["state", "OCP storage secret (BackupStrategy)"]]);
  });

  it("the OCP Basic password 'emulator' counts only as a word of its own", () => {
    const innocent = ["http://127.0.0.1:1/__emulator/reset", "emulator-ak", "the emulator's clock", "pulumi-dbbackup-emulator.json"];
    expect(findLeaks(innocent.map((text, i) => ({ where: `innocent ${i}`, text })))).toEqual([]);
    const leaked = ["password emulator", "pw=emulator&x", '{"password":"emulator"}'];
    expect(findLeaks(leaked.map((text, i) => ({ where: `leak ${i}`, text }))).map((l) => l.where)).toEqual(["leak 0", "leak 1", "leak 2"]);
    expect(findLeaks([{ where: "basic", text: `Authorization: Basic ${b64(`${c.ocp.username}:${c.ocp.password}`)}` }]).map((l) => l.form)).toContain(
      "HTTP Basic credentials (base64 of user:password)",
    );
  });

  it("knows every emulator secret and the storage secrets the tests use", () => {
    const values = TEST_SECRETS.map((s) => s.value);
    for (const v of [c.oceanbase.accessKeySecret, c.ocp.accessKeySecret, c.ocp.password, c.huawei.secretKey, "oss-storage-SECRET-9f3c"]) expect(values).toContain(v);
    expect(findLeaks([{ where: "digest", text: md5(`${c.oceanbase.accessKeyId}:${REALM}:${c.oceanbase.accessKeySecret}`) }]).map((l) => l.form)).toEqual(["Digest HA1 (MD5)"]);
  });
});
