// provider/config.ts: docs/design.md's configuration table (config key → environment → default), the clients built from
// it, the errors naming both the key and the variable, and the same through the real host (a missing credential fails
// check() before any request is sent; the environment is the fallback inside the host too).
import { inspect } from "node:util";
import {
  activeClients,
  activeConfig,
  createClients,
  InvalidConfigError,
  MissingConfigError,
  pollDefaults,
  resolveConfig,
  setConfiguration,
  SETTINGS,
  type ConfigSource,
  type SettingName,
} from "../../provider/config";
import { useEmulator } from "../support/emulator";
import { EMULATOR_CREDENTIALS, useProviderHost } from "../support/provider-host";
import { HostError, secret } from "../support/pulumi-host";

const source = (values: Record<string, unknown>): ConfigSource => ({ get: (key) => values[key] });

// docs/design.md#provider-configuration, transcribed independently of provider/config.ts.
const TABLE: [SettingName, string, string, string | undefined][] = [
  ["oceanbaseEndpoint", "dbbackup:oceanbaseEndpoint", "OCEANBASE_ENDPOINT", "https://api-cloud.oceanbase.com"],
  ["oceanbaseAccessKeyId", "dbbackup:oceanbaseAccessKeyId", "OCEANBASE_ACCESS_KEY_ID", undefined],
  ["oceanbaseAccessKeySecret", "dbbackup:oceanbaseAccessKeySecret", "OCEANBASE_ACCESS_KEY_SECRET", undefined],
  ["oceanbaseProjectId", "dbbackup:oceanbaseProjectId", "OCEANBASE_PROJECT_ID", undefined],
  ["ocpEndpoint", "dbbackup:ocpEndpoint", "OCP_ENDPOINT", undefined],
  ["ocpAccessKeyId", "dbbackup:ocpAccessKeyId", "OCP_ACCESS_KEY_ID", undefined],
  ["ocpAccessKeySecret", "dbbackup:ocpAccessKeySecret", "OCP_ACCESS_KEY_SECRET", undefined],
  ["ocpUsername", "dbbackup:ocpUsername", "OCP_USERNAME", undefined],
  ["ocpPassword", "dbbackup:ocpPassword", "OCP_PASSWORD", undefined],
  ["huaweiEndpoint", "dbbackup:huaweiEndpoint", "HW_TAURUSDB_ENDPOINT", undefined],
  ["huaweiRegion", "dbbackup:huaweiRegion", "HW_REGION_NAME", undefined],
  ["huaweiProjectId", "dbbackup:huaweiProjectId", "HW_PROJECT_ID", undefined],
  ["huaweiAccessKey", "dbbackup:huaweiAccessKey", "HW_ACCESS_KEY", undefined],
  ["huaweiSecretKey", "dbbackup:huaweiSecretKey", "HW_SECRET_KEY", undefined],
  ["insecureSkipTlsVerifyEndpoint", "dbbackup:insecureSkipTlsVerifyEndpoint", "DBBACKUP_INSECURE_SKIP_TLS_VERIFY_ENDPOINT", undefined],
];

async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

describe("configuration table", () => {
  it("has exactly docs/design.md's rows", () => {
    expect(Object.keys(SETTINGS).sort()).toEqual(TABLE.map(([n]) => n).sort());
    for (const [name, key, env] of TABLE) expect({ name, key: SETTINGS[name].key, env: SETTINGS[name].env }).toEqual({ name, key, env });
  });

  it.each(TABLE)("%s: config key wins over the environment, which wins over the default", (name, key, env, dflt) => {
    const both = resolveConfig(source({ [key]: "from-config" }), { [env]: "from-env" });
    expect([both.get(name), both.source(name)]).toEqual(["from-config", "config"]);
    const envOnly = resolveConfig(source({}), { [env]: "from-env" });
    expect([envOnly.get(name), envOnly.source(name)]).toEqual(["from-env", "env"]);
    const neither = resolveConfig(source({}), {});
    expect(neither.get(name)).toBe(dflt);
    expect(neither.source(name)).toBe(dflt === undefined ? "unset" : "default");
  });

  it("treats empty and blank values as unset, and reads no other namespace", () => {
    const c = resolveConfig(source({ "dbbackup:ocpEndpoint": "", "ocpEndpoint": "http://x", "other:ocpEndpoint": "http://y" }), { OCP_ENDPOINT: "  " });
    expect(c.source("ocpEndpoint")).toBe("unset");
  });

  it("defaults the Huawei endpoint from the region, wherever the region came from", () => {
    expect(resolveConfig(source({ "dbbackup:huaweiRegion": "cn-north-4" }), {}).get("huaweiEndpoint")).toBe("https://gaussdb.cn-north-4.myhuaweicloud.com");
    expect(resolveConfig(source({}), { HW_REGION_NAME: "ap-southeast-1" }).get("huaweiEndpoint")).toBe("https://gaussdb.ap-southeast-1.myhuaweicloud.com");
    expect(resolveConfig(source({ "dbbackup:huaweiRegion": "cn-north-4" }), { HW_TAURUSDB_ENDPOINT: "http://hw.local" }).get("huaweiEndpoint")).toBe("http://hw.local");
  });

  it("stringifies non-string raw config values", () => {
    expect(resolveConfig(source({ "dbbackup:huaweiProjectId": 42 }), {}).get("huaweiProjectId")).toBe("42");
  });

  it("redacts configured secret values, and only those", () => {
    const c = resolveConfig(source({ "dbbackup:ocpAccessKeySecret": "s3cr3t-value", "dbbackup:ocpAccessKeyId": "visible-id" }), { HW_SECRET_KEY: "hw-secret" });
    expect(c.redact("a s3cr3t-value b hw-secret c visible-id")).toBe("a *** b *** c visible-id");
  });

  it("keeps values out of JSON.stringify and util.inspect of the resolved config and the clients", () => {
    const c = resolveConfig(source({ "dbbackup:ocpAccessKeySecret": "s3cr3t-value", "dbbackup:ocpEndpoint": "http://127.0.0.1:1", "dbbackup:ocpAccessKeyId": "id" }), {});
    const clients = createClients(c);
    const ocp = clients.ocp();
    for (const shown of [JSON.stringify(c), inspect(c, { depth: 10, showHidden: true }), JSON.stringify(ocp), inspect(ocp, { depth: 10, showHidden: true }), inspect(clients, { depth: 10 })]) {
      expect(shown).not.toContain("s3cr3t-value");
    }
  });
});

describe("missing and invalid configuration", () => {
  const full = {
    "dbbackup:oceanbaseAccessKeyId": "ak",
    "dbbackup:oceanbaseAccessKeySecret": "ob-secret-value",
    "dbbackup:ocpEndpoint": "http://127.0.0.1:9",
    "dbbackup:ocpAccessKeyId": "ak",
    "dbbackup:ocpAccessKeySecret": "ocp-secret-value",
    "dbbackup:huaweiRegion": "cn-north-4",
    "dbbackup:huaweiProjectId": "0483b6b16e954cb88930a360d2c4e663",
    "dbbackup:huaweiAccessKey": "ak",
    "dbbackup:huaweiSecretKey": "hw-secret-value",
  };
  const clientsWithout = (...keys: string[]) => {
    const values: Record<string, unknown> = { ...full };
    for (const k of keys) delete values[k];
    return createClients(resolveConfig(source(values), {}));
  };

  it("builds every client from a complete configuration, without sending anything", () => {
    const clients = clientsWithout();
    expect(() => [clients.oceanbase(), clients.ocp(), clients.taurusdb()]).not.toThrow();
    expect(clients.ocp()).toBe(clients.ocp());
  });

  it.each([
    ["oceanbase", "dbbackup:oceanbaseAccessKeySecret", ["dbbackup:oceanbaseAccessKeyId", "dbbackup:oceanbaseAccessKeySecret", "OCEANBASE_ACCESS_KEY_ID", "OCEANBASE_ACCESS_KEY_SECRET"]],
    ["oceanbase", "dbbackup:oceanbaseAccessKeyId", ["dbbackup:oceanbaseAccessKeyId", "OCEANBASE_ACCESS_KEY_ID"]],
    ["taurusdb", "dbbackup:huaweiSecretKey", ["dbbackup:huaweiAccessKey", "dbbackup:huaweiSecretKey", "HW_ACCESS_KEY", "HW_SECRET_KEY"]],
    ["taurusdb", "dbbackup:huaweiProjectId", ["dbbackup:huaweiProjectId", "HW_PROJECT_ID"]],
    ["taurusdb", "dbbackup:huaweiRegion", ["dbbackup:huaweiRegion", "HW_REGION_NAME", "dbbackup:huaweiEndpoint", "HW_TAURUSDB_ENDPOINT"]],
    ["ocp", "dbbackup:ocpEndpoint", ["dbbackup:ocpEndpoint", "OCP_ENDPOINT"]],
    ["ocp", "dbbackup:ocpAccessKeySecret", ["dbbackup:ocpAccessKeySecret", "OCP_ACCESS_KEY_SECRET"]],
  ] as const)("%s without %s names %j", async (client, missing, names) => {
    const clients = clientsWithout(missing);
    const e = await thrown(() => clients[client]());
    expect(e).toBeInstanceOf(MissingConfigError);
    for (const n of names) expect((e as Error).message).toContain(n);
    expect((e as Error).message).not.toMatch(/secret-value/);
  });

  it("OCP without any credential names the AccessKey pair and the Basic pair, keys and variables", async () => {
    const e = await thrown(() => clientsWithout("dbbackup:ocpAccessKeyId", "dbbackup:ocpAccessKeySecret").ocp());
    expect(e).toBeInstanceOf(MissingConfigError);
    expect((e as Error).message).toBe(
      "OCP credentials are missing: set dbbackup:ocpAccessKeyId and dbbackup:ocpAccessKeySecret (or OCP_ACCESS_KEY_ID / OCP_ACCESS_KEY_SECRET), " +
        "or dbbackup:ocpUsername/dbbackup:ocpPassword (OCP_USERNAME/OCP_PASSWORD)",
    );
    expect((e as MissingConfigError).keys).toEqual(["dbbackup:ocpAccessKeyId", "dbbackup:ocpAccessKeySecret", "dbbackup:ocpUsername", "dbbackup:ocpPassword"]);
    expect((e as MissingConfigError).envVars).toEqual(["OCP_ACCESS_KEY_ID", "OCP_ACCESS_KEY_SECRET", "OCP_USERNAME", "OCP_PASSWORD"]);
  });

  it("an unusable endpoint names the setting, not the client option", async () => {
    const e = await thrown(() => createClients(resolveConfig(source({ ...full, "dbbackup:ocpEndpoint": "ftp://ocp" }), {})).ocp());
    expect(e).toBeInstanceOf(InvalidConfigError);
    expect((e as Error).message).toBe("dbbackup:ocpEndpoint (or OCP_ENDPOINT) must be an absolute http(s) URL");
    // The endpoint variable counts (the config key is not set) even though the region would give a default.
    const hw = await thrown(() => createClients(resolveConfig(source(full), { HW_TAURUSDB_ENDPOINT: "not a url" })).taurusdb());
    expect(hw).toBeInstanceOf(InvalidConfigError);
    expect((hw as Error).message).toBe("dbbackup:huaweiEndpoint (or HW_TAURUSDB_ENDPOINT) must be an absolute http(s) URL");
  });

  it("configure() replaces the active configuration; before it, the environment alone counts", () => {
    setConfiguration(undefined, { OCP_ENDPOINT: "http://from-env" });
    expect(activeConfig().get("ocpEndpoint")).toBe("http://from-env");
    setConfiguration(source({ "dbbackup:ocpEndpoint": "http://from-config" }), { OCP_ENDPOINT: "http://from-env" });
    expect(activeConfig().get("ocpEndpoint")).toBe("http://from-config");
  });

  it("configure() with the same values (once per resource kind) keeps the clients; a change replaces them", () => {
    const values = { "dbbackup:ocpEndpoint": "http://127.0.0.1:9", "dbbackup:ocpAccessKeyId": "ak", "dbbackup:ocpAccessKeySecret": "sk-1" };
    setConfiguration(source(values), {});
    const first = activeClients().ocp();
    setConfiguration(source({ ...values }), {});
    expect(activeClients().ocp()).toBe(first);
    setConfiguration(source({ ...values, "dbbackup:ocpAccessKeySecret": "sk-2" }), {});
    expect(activeClients().ocp()).not.toBe(first);
  });
});

describe("poll timing", () => {
  it("reads DBBACKUP_POLL_INITIAL_MS and DBBACKUP_POLL_MAX_MS, with defaults 2000 and 30000", () => {
    expect(pollDefaults({})).toEqual({ initialDelayMs: 2000, maxDelayMs: 30_000 });
    expect(pollDefaults({ DBBACKUP_POLL_INITIAL_MS: "50", DBBACKUP_POLL_MAX_MS: "250" })).toEqual({ initialDelayMs: 50, maxDelayMs: 250 });
    expect(pollDefaults({ DBBACKUP_POLL_INITIAL_MS: "-1", DBBACKUP_POLL_MAX_MS: "x" })).toEqual({ initialDelayMs: 2000, maxDelayMs: 30_000 });
    expect(pollDefaults({ DBBACKUP_POLL_INITIAL_MS: "500", DBBACKUP_POLL_MAX_MS: "100" })).toEqual({ initialDelayMs: 500, maxDelayMs: 500 });
  });
});

describe("clients against the emulator", () => {
  const emu = useEmulator();
  const ocpBase = (url: string) => ({ "dbbackup:ocpEndpoint": url });

  it("OCP: an AccessKey pair wins over Basic credentials", async () => {
    const clients = createClients(
      resolveConfig(source({ ...ocpBase(emu.url), "dbbackup:ocpAccessKeyId": "emulator-ocp-ak", "dbbackup:ocpAccessKeySecret": "emulator-ocp-sk", "dbbackup:ocpUsername": "admin", "dbbackup:ocpPassword": "wrong" }), {}),
    );
    await clients.ocp().getBackupStrategy({ clusterId: 1000005 });
    const [req] = await emu.control.requests();
    expect(req).toMatchObject({ authorized: true, family: "ocp" });
  });

  it("OCP: Basic credentials when no AccessKey is configured", async () => {
    const clients = createClients(resolveConfig(source(ocpBase(emu.url)), { OCP_USERNAME: "admin", OCP_PASSWORD: "emulator" }));
    await clients.ocp().getBackupStrategy({ clusterId: 1000005 });
    expect((await emu.control.requests())[0]).toMatchObject({ authorized: true, family: "ocp" });
  });

  it.each([
    ["", "/v3/"],
    ["/v3", "/v3/"],
    ["/mysql/v3/", "/mysql/v3/"],
  ])("TaurusDB: endpoint path %j → requests under %s", async (suffix, prefix) => {
    const hw = EMULATOR_CREDENTIALS.huawei;
    const clients = createClients(
      resolveConfig(
        source({ "dbbackup:huaweiEndpoint": `${emu.url}${suffix}`, "dbbackup:huaweiProjectId": hw.projectId, "dbbackup:huaweiAccessKey": hw.accessKey, "dbbackup:huaweiSecretKey": hw.secretKey }),
        {},
      ),
    );
    await clients.taurusdb().listBackups({ instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01" });
    const [req] = await emu.control.requests();
    expect(req).toMatchObject({ authorized: true, status: 200 });
    expect(req!.path.startsWith(`${prefix}${hw.projectId}/`)).toBe(true);
  });
});

const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";

describe("through the host: a missing credential fails check() naming key and variable, before any request", () => {
  const h = useProviderHost({
    config: {
      "dbbackup:huaweiAccessKey": undefined,
      "dbbackup:huaweiSecretKey": undefined,
      "dbbackup:ocpAccessKeyId": undefined,
      "dbbackup:ocpAccessKeySecret": undefined,
      "dbbackup:oceanbaseProjectId": undefined,
    },
  });

  it.each([
    ["ManualBackup", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" }, ["dbbackup:huaweiAccessKey", "dbbackup:huaweiSecretKey", "HW_ACCESS_KEY", "HW_SECRET_KEY"]],
    [
      "BackupStrategy",
      {
        clusterId: 1000005,
        backupMode: "PHYSICAL_BACKUP",
        obBackupScheduleConfig: { backupScheduleMode: "WEEK", backupScheduleTime: "02:00:00.000+08:00", dayAndDataBackupModelMap: { "2": "FULL_BACKUP" }, startLogBackup: true },
        obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
        obBackupServiceStorageConfig: { configName: "nfs", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" }, alarmStoragePercentageThreshold: 80 },
      },
      ["dbbackup:ocpAccessKeyId", "dbbackup:ocpAccessKeySecret", "OCP_ACCESS_KEY_ID", "OCP_ACCESS_KEY_SECRET", "dbbackup:ocpUsername", "OCP_PASSWORD"],
    ],
    [
      "RestoredTenant",
      {
        sourceInstanceId: "obcluster-demo",
        sourceTenantId: "t-demo",
        targetInstanceId: "obcluster-drill",
        targetTenantName: "drill_1",
        targetTenantDescription: "drill",
        targetTenantPrimaryZone: "cn-shanghai-e",
        tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
        restoreTime: "2026-01-13T05:58:34Z",
      },
      ["dbbackup:oceanbaseProjectId", "OCEANBASE_PROJECT_ID"],
    ],
  ] as const)("%s", async (kind, args, names) => {
    const mark = await h.mark();
    const err = await h.resource(kind).check({ ...args }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    for (const n of names) expect((err as HostError).message).toContain(n);
    await h.expectNoRequestsSince(mark);
  });

  it("a platform that is configured still checks (OceanBase Cloud ManualBackup)", async () => {
    const res = await h.manualBackup.check({ platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo" });
    expect(res.failures).toEqual([]);
  });

  it("the environment is the fallback inside the host (and config, where given, still wins)", async () => {
    const hw = EMULATOR_CREDENTIALS.huawei;
    await h.restart({
      config: { "dbbackup:huaweiAccessKey": undefined, "dbbackup:huaweiSecretKey": secret("wrong-secret-from-config") },
      env: { HW_ACCESS_KEY: hw.accessKey, HW_SECRET_KEY: hw.secretKey },
    });
    const checked = await h.manualBackup.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1", waitForCompletion: false });
    expect(checked.failures).toEqual([]);
    // The secret key from config (wrong) wins over the right one in the environment: the emulator refuses the signature.
    const err = await h.manualBackup.create(checked.inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toContain("dbbackup:huaweiSecretKey");
    expect((err as HostError).message).not.toContain("wrong-secret-from-config");
    const [req] = await h.control.requests();
    expect(req).toMatchObject({ authorized: false, family: "huawei-taurusdb" });

    await h.restart({ config: { "dbbackup:huaweiAccessKey": undefined, "dbbackup:huaweiSecretKey": undefined }, env: { HW_ACCESS_KEY: hw.accessKey, HW_SECRET_KEY: hw.secretKey } });
    const created = await h.manualBackup.create(checked.inputs);
    expect(created.id).toMatch(new RegExp(`^huawei-taurusdb/${hw.projectId}/`));
  });
});

describe("through the host: the user's own words in configuration errors", () => {
  const h = useProviderHost();
  const strategyArgs = {
    clusterId: 1000005,
    backupMode: "PHYSICAL_BACKUP",
    obBackupScheduleConfig: { backupScheduleMode: "WEEK", backupScheduleTime: "02:00:00.000+08:00", dayAndDataBackupModelMap: { "2": "FULL_BACKUP" }, startLogBackup: true },
    obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
    obBackupServiceStorageConfig: { configName: "nfs", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" }, alarmStoragePercentageThreshold: 80 },
  };

  it("an unknown dbbackup: key fails check naming it and the nearest setting, never its value, before any request", async () => {
    await h.restart({ config: { "dbbackup:huaweiSecretkey": secret("typo-secret-value"), "dbbackup:ocpEndpiont": "http://x" } });
    const mark = await h.mark();
    const err = await h.manualBackup.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    const message = (err as HostError).message;
    expect(message).toContain("unknown config keys dbbackup:huaweiSecretkey (did you mean dbbackup:huaweiSecretKey?), dbbackup:ocpEndpiont (did you mean dbbackup:ocpEndpoint?)");
    expect(message).not.toContain("typo-secret-value");
    await h.expectNoRequestsSince(mark);
    await h.restart({ config: {} });
    expect((await h.manualBackup.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "snap-1" })).failures).toEqual([]);
  });

  it("a refused OCP AccessKey names only the AccessKey settings; refused Basic credentials only the Basic ones", async () => {
    await h.restart({ config: { "dbbackup:ocpAccessKeySecret": secret("wrong-ocp-sk") } });
    const ak = await h.backupStrategy.create((await h.backupStrategy.check(strategyArgs)).inputs).catch((e: unknown) => e);
    expect((ak as HostError).message).toContain("check the credentials: dbbackup:ocpAccessKeyId (OCP_ACCESS_KEY_ID), dbbackup:ocpAccessKeySecret (OCP_ACCESS_KEY_SECRET)");
    expect((ak as HostError).message).not.toContain("ocpUsername");

    await h.restart({ config: { "dbbackup:ocpAccessKeyId": undefined, "dbbackup:ocpAccessKeySecret": undefined, "dbbackup:ocpUsername": "admin", "dbbackup:ocpPassword": secret("wrong-password") } });
    const basic = await h.backupStrategy.create((await h.backupStrategy.check(strategyArgs)).inputs).catch((e: unknown) => e);
    expect((basic as HostError).message).toContain("check the credentials: dbbackup:ocpUsername (OCP_USERNAME), dbbackup:ocpPassword (OCP_PASSWORD)");
    expect((basic as HostError).message).not.toContain("ocpAccessKey");
    expect((basic as HostError).message).not.toContain("wrong-password");
  });
});
