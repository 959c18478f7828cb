// No credential leaves the provider: every resource on every platform through the real host (create, read, diff,
// update, delete, with storage secrets where the resource takes them), and its failing paths (5xx bursts, partial
// failures after a timeout, refused credentials, missing credentials, check failures); then every __provider text,
// state output (its clear part, as `pulumi stack export` shows it), error and host transcript is searched with the
// leak scanner (test/support/leaks.ts: the emulator's secrets, the storage secrets and their derived forms).
// BackupStrategy's storage configs stay secret in state, as inputs and outputs.
import { EMULATOR_CREDENTIALS, KINDS, useProviderHost } from "../support/provider-host";
import { expectNoLeaks, type ScannedText } from "../support/leaks";
import { HostError, isSecret, secret, type PropertyMap } from "../support/pulumi-host";
import { ossStorageConfig } from "../support/ocp-seed";
import { drillRestore } from "../support/restore-drill-fixture";
import type { ResourceKind } from "../../provider/types";
import { OSS_SECRET, ossProgram } from "./backup-strategy/support";

const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const MB_STORAGE_SECRET = "oss-manual-backup-SECRET-5d1e";
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** Every wait of the emulator ends at once (the lifecycles' point is what they print and keep, not the wait). */
const INSTANT = {
  "taurusdb.backupMs": 0,
  "taurusdb.restoreMs": 0,
  "taurusdb.policyApplyMs": 0,
  "ocp.taskMs": 0,
  "oceanbase.backupBeginMs": 0,
  "oceanbase.backupMs": 0,
  "oceanbase.restoreCreateMs": 0,
  "oceanbase.restoreMs": 0,
  "oceanbase.tenantDeleteMs": 0,
};

interface Lifecycle {
  label: string;
  kind: ResourceKind;
  /** The program's arguments; `n` makes names unique per use. */
  args(now: number, n: number): Record<string, unknown>;
  /** Arguments that update in place. */
  update(args: Record<string, unknown>): Record<string, unknown>;
  /** The path and method of its first mutating call (where the 5xx burst goes). */
  mutates: { method: string; path: string };
}

const LIFECYCLES: readonly Lifecycle[] = [
  {
    label: "BackupStrategy on OCP (AccessKey signing, OSS storage secret)",
    kind: "BackupStrategy",
    args: () => ossProgram({ waitForCompletion: true }),
    update: (a) => ({ ...a, obBackupThresholdConfig: { dataBackupTimeoutMinutes: 9, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 } }),
    mutates: { method: "POST", path: "/backup/strategy" },
  },
  {
    label: "BackupStrategy on OceanBase Cloud (Digest)",
    kind: "BackupStrategy",
    args: () => ({ platform: "oceanbase-cloud", instanceId: "obcluster-demo", backupScheduleMode: "WEEK", scheduleTime: "21:30:00Z", timeList: [5, 1, 3], dataMaintainDays: 14, retainMode: "TIME", backupStorageConfig: { backupStorageType: "OSS", crossRegionFlag: true } }),
    update: (a) => ({ ...a, dataMaintainDays: 21 }),
    mutates: { method: "PUT", path: "/backup/strategy" },
  },
  {
    label: "BackupStrategy on TaurusDB (SDK-HMAC-SHA256)",
    kind: "BackupStrategy",
    args: () => ({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "7,1,3,5" } }),
    update: (a) => ({ ...a, backupPolicy: { keepDays: 21, startTime: "21:00-22:00", period: "7,1,3,5" } }),
    mutates: { method: "PUT", path: "/backups/policy" },
  },
  {
    label: "ManualBackup on OceanBase Cloud (Digest)",
    kind: "ManualBackup",
    args: () => ({ platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo" }),
    update: (a) => ({ ...a, timeoutMinutes: 30 }),
    mutates: { method: "POST", path: "/backup/data/start" },
  },
  {
    label: "ManualBackup on OCP (AccessKey signing, OSS storage secret)",
    kind: "ManualBackup",
    args: () => ({ platform: "ocp", clusterId: 1000005, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: ossStorageConfig(MB_STORAGE_SECRET) }),
    update: (a) => ({ ...a, timeoutMinutes: 30 }),
    mutates: { method: "POST", path: "/backupNow" },
  },
  {
    label: "ManualBackup on TaurusDB (SDK-HMAC-SHA256)",
    kind: "ManualBackup",
    args: (_now, n) => ({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: `secrets-mb-${n}`, description: "no secrets here" }),
    update: (a) => ({ ...a, timeoutMinutes: 30 }),
    mutates: { method: "POST", path: "/backups/create" },
  },
  {
    label: "RestoredTenant on OceanBase Cloud (Digest)",
    kind: "RestoredTenant",
    args: (now, n) => drillRestore({ targetTenantName: `drill_secrets_${n}`, restoreTime: iso(now - DAY) }),
    update: (a) => ({ ...a, timeoutMinutes: 30 }),
    mutates: { method: "POST", path: "/backup/restore" },
  },
];

function strategyArgs(): PropertyMap {
  return ossProgram({
    secondaryBackupEnabled: true,
    obSecondaryBackupConfig: {
      scheduleConfig: { dataBackupScheduleEnabled: true, logBackupScheduleEnabled: true, logSecondaryBackupPeriod: "ONCE_A_DAY" },
      storageConfig: { configName: "nfs-2", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/second" }, alarmStoragePercentageThreshold: 80 },
    },
    waitForCompletion: false,
  }) as PropertyMap;
}

/** A state map with its secret values removed: what `pulumi stack export` shows in clear. */
function clearPart(props: PropertyMap): PropertyMap {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => !isSecret(v)));
}

describe("no credential in __provider, state, errors or logs", () => {
  const h = useProviderHost({ resetBeforeEach: false });
  const seen: ScannedText[] = [];
  /** Kept as it is: the scanner reads the clear part of property maps (secret-marked members are not leaks). */
  const keep = (where: string, text: unknown): void => void seen.push({ where, text });
  const failure = async (what: string, p: Promise<unknown>): Promise<HostError> => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(HostError);
    keep(`${what} error`, { message: (e as HostError).message, initFailure: (e as HostError).initFailure });
    return e as HostError;
  };
  /** An outcome that may go either way (a 5xx burst may be looked past): whatever it leaves is kept. */
  const settle = async (what: string, p: Promise<unknown>): Promise<void> => {
    await p.then(
      (ok) => keep(`${what} result`, ok),
      (e: unknown) => keep(`${what} error`, e instanceof HostError ? { message: e.message, initFailure: e.initFailure } : String(e)),
    );
  };
  let uses = 0;
  const program = async (l: Lifecycle): Promise<Record<string, unknown>> => l.args((await h.control.clock()).now, ++uses);
  const checked = async (l: Lifecycle, args: Record<string, unknown>, olds?: PropertyMap): Promise<PropertyMap> => {
    const r = await h.resource(l.kind, `secrets-${uses}`).check(await h.programInputs(l.kind, args, `secrets-${uses}`), olds);
    expect({ what: l.label, failures: r.failures }).toEqual({ what: l.label, failures: [] });
    return r.inputs;
  };

  it.each(LIFECYCLES.map((l) => [l.label, l] as const))("%s: create, read, diff, update, import, delete", async (label, l) => {
    await h.control.setDurations(INSTANT);
    const r = h.resource(l.kind, `secrets-${label}`);
    const args = await program(l);
    const inputs = await checked(l, args);
    keep(`${label}: checked inputs`, inputs);
    const created = await r.create(inputs);
    keep(`${label}: create outputs`, created);
    keep(`${label}: read`, await r.read(created.id, created.properties, inputs));
    keep(`${label}: diff`, await r.diff(created.id, created.properties, inputs, { oldInputs: inputs }));
    const news = await checked(l, l.update(args), inputs);
    const updated = await r.update(created.id, created.properties, news, { oldInputs: inputs });
    keep(`${label}: update outputs`, updated);
    keep(`${label}: import`, await r.read(created.id, {}));
    await r.delete(created.id, updated.properties, { oldInputs: news });
  }, 60_000);

  it.each(LIFECYCLES.map((l) => [l.label, l] as const))("%s: a 5xx burst on its first change, then a wait that times out", async (label, l) => {
    await h.control.setDurations(INSTANT);
    const r = h.resource(l.kind, `secrets-5xx-${label}`);
    await h.control.addFault({ method: l.mutates.method, path: l.mutates.path, action: "status", status: 503, times: 3 });
    await h.control.addFault({ method: "GET", path: ".", action: "status", status: 502, times: 2 });
    await settle(`${label}: 5xx burst`, r.create(await checked(l, await program(l))));
    await h.control.clearFaults();
    // Slow platforms and a wait of a quarter of a second: a partial failure carrying the id (or a result, for the
    // strategies that do not wait).
    await h.control.setDurations(Object.fromEntries(Object.keys(INSTANT).map((k) => [k, 600_000])));
    await settle(`${label}: timed out`, r.create(await checked(l, { ...(await program(l)), timeoutMinutes: 0.004 })));
    // Let what it started finish, so the next case does not find the instance busy.
    await h.control.advance(700_000);
    await h.control.setDurations(INSTANT);
  }, 60_000);

  it("failures: check failure, partial failure, refused credentials on every platform, missing credential", async () => {
    const mb = h.manualBackup;
    await h.control.setDurations({ "taurusdb.backupMs": 60_000 });
    keep("check failures", await mb.check({ platform: "huawei-taurusdb", instanceId: "x", name: "1" }));
    const { inputs } = await mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "secrets-2", timeoutMinutes: 0.004 });
    const partial = await failure("partial", mb.create(inputs));
    expect(partial.initFailure?.properties.__provider).toBe(await h.providerText("ManualBackup"));
    await h.control.advance(120_000);
    await mb.delete(partial.initFailure!.id, partial.initFailure!.properties);
    keep("transcript before restart", h.host.transcript());

    // Wrong secrets that contain the right ones: a leak of the configured value would show the real secret too.
    const c = EMULATOR_CREDENTIALS;
    await h.restart({
      config: {
        "dbbackup:huaweiSecretKey": secret(`${c.huawei.secretKey}-wrong`),
        "dbbackup:oceanbaseAccessKeySecret": secret(`${c.oceanbase.accessKeySecret}-wrong`),
        "dbbackup:ocpAccessKeySecret": secret(`${c.ocp.accessKeySecret}-wrong`),
      },
    });
    const SECRET_KEYS: Record<string, string> = { "oceanbase-cloud": "dbbackup:oceanbaseAccessKeySecret", "huawei-taurusdb": "dbbackup:huaweiSecretKey" };
    for (const l of LIFECYCLES) {
      // Refused at check (RestoredTenant looks its windows up there) or at create.
      const up = async (): Promise<unknown> => h.resource(l.kind, "refused").create(await checked(l, await program(l)));
      const refused = await failure(`${l.label}: refused credentials`, up());
      const platform = String((await program(l)).platform ?? (l.kind === "RestoredTenant" ? "oceanbase-cloud" : "ocp"));
      expect({ what: l.label, names: refused.message.includes(SECRET_KEYS[platform] ?? "dbbackup:ocpAccessKeySecret") }).toEqual({ what: l.label, names: true });
    }
    keep("transcript of the host with wrong secrets", h.host.transcript());

    await h.restart({
      config: { "dbbackup:ocpAccessKeyId": undefined, "dbbackup:ocpAccessKeySecret": undefined, "dbbackup:ocpUsername": c.ocp.username, "dbbackup:ocpPassword": secret(`${c.ocp.password}-wrong`) },
    });
    const basic = await failure("OCP Basic refused", h.backupStrategy.create(await checked(LIFECYCLES[0] as Lifecycle, ossProgram())));
    expect(basic.message).toContain("dbbackup:ocpPassword");
    keep("transcript of the host with a wrong Basic password", h.host.transcript());

    await h.restart({ config: { "dbbackup:huaweiAccessKey": undefined } });
    await failure("missing credential", mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "secrets-4" }));
    keep("transcript of the failing hosts", h.host.transcript());
  }, 90_000);

  it("BackupStrategy (OCP over HTTP Basic): storage configs secret in state inputs and outputs, never in clear", async () => {
    await h.restart({
      config: {
        "dbbackup:ocpAccessKeyId": undefined,
        "dbbackup:ocpAccessKeySecret": undefined,
        "dbbackup:ocpUsername": EMULATOR_CREDENTIALS.ocp.username,
        "dbbackup:ocpPassword": secret(EMULATOR_CREDENTIALS.ocp.password),
      },
    });
    const bs = h.backupStrategy;
    const mark = await h.mark();
    await h.control.setDurations({ "ocp.taskMs": 0 });
    const program = await h.programInputs("BackupStrategy", strategyArgs(), "nightly");
    expect(isSecret(program.obBackupServiceStorageConfig)).toBe(true);
    expect(isSecret(program.obSecondaryBackupConfig)).toBe(true);
    expect(JSON.stringify(clearPart(program))).not.toContain(OSS_SECRET);

    const checked = await bs.check(program);
    expect(checked.failures).toEqual([]);
    const created = await bs.create(checked.inputs);
    const read = await bs.read(created.id, created.properties, checked.inputs);
    const diff = await bs.diff(created.id, created.properties, checked.inputs, { oldInputs: checked.inputs });
    expect(diff.changes).toBe("none");
    const updated = await bs.update(created.id, created.properties, { ...checked.inputs, timeoutMinutes: 10 }, { oldInputs: checked.inputs });
    for (const [what, props] of [
      ["checked inputs", checked.inputs],
      ["create outputs", created.properties],
      ["read outputs", read.properties],
      ["read inputs", read.inputs ?? {}],
      ["update outputs", updated.properties],
    ] as const) {
      expect({ what, storage: isSecret(props.obBackupServiceStorageConfig), secondary: isSecret(props.obSecondaryBackupConfig) }).toEqual({ what, storage: true, secondary: true });
      expect(JSON.stringify(clearPart(props))).not.toContain(OSS_SECRET);
      keep(`strategy ${what}`, props);
    }
    // The secret is really there, under the mark: the storage secret round-trips through state.
    expect(JSON.stringify(created.properties.obBackupServiceStorageConfig)).toContain(OSS_SECRET);
    await bs.delete(created.id, updated.properties);
    keep("strategy host transcript", h.host.transcript());
    const basic = (await h.requestsSince(mark)).filter((r) => r.family === "ocp");
    expect(basic.length).toBeGreaterThan(0);
    expect(basic.every((r) => r.authorized)).toBe(true);
  });

  it("none of it holds a credential or a storage secret outside its secret mark, in any form", async () => {
    for (const kind of KINDS) keep(`__provider of ${kind}`, await h.providerText(kind));
    keep("transcript of the last host", h.host.transcript());
    expect(seen.length).toBeGreaterThan(60);
    expectNoLeaks(seen);
  });
});
