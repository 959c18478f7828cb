// No credential leaves the provider: lifecycles through the real host (ManualBackup on TaurusDB, BackupStrategy on OCP
// with HTTP Basic), failures included, then every __provider text, state output, error and the host transcripts are
// searched for every emulator secret. BackupStrategy's storage configs stay secret in state, as inputs and outputs.
import { EMULATOR_CREDENTIALS, EMULATOR_SECRETS, KINDS, useProviderHost } from "../support/provider-host";
import { HostError, isSecret, secret, stripSecrets, type PropertyMap } from "../support/pulumi-host";
import { OSS_SECRET, ossProgram } from "./backup-strategy/support";

const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const BASIC_HEADER = Buffer.from(`${EMULATOR_CREDENTIALS.ocp.username}:${EMULATOR_CREDENTIALS.ocp.password}`).toString("base64");
// The OCP Basic password is the word "emulator": look for it as a word of its own, not inside "/__emulator" or ids.
const PASSWORD_WORD = new RegExp(`(^|[^A-Za-z0-9_/-])${EMULATOR_CREDENTIALS.ocp.password}([^A-Za-z0-9_-]|$)`);

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
  const seen: { what: string; text: string }[] = [];
  const keep = (what: string, value: unknown) => seen.push({ what, text: typeof value === "string" ? value : JSON.stringify(value) });
  const failure = async (what: string, p: Promise<unknown>): Promise<HostError> => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(HostError);
    keep(`${what} error`, { message: (e as HostError).message, initFailure: (e as HostError).initFailure });
    return e as HostError;
  };

  it("ManualBackup on TaurusDB: create, read, diff, update, import, delete", async () => {
    const mb = h.manualBackup;
    const { inputs, failures } = await mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "secrets-1", description: "no secrets here" });
    expect(failures).toEqual([]);
    keep("checked inputs", inputs);
    await h.control.setDurations({ "taurusdb.backupMs": 0 });
    const created = await mb.create(inputs);
    keep("create outputs", created);
    keep("read", await mb.read(created.id, created.properties, inputs));
    keep("diff", await mb.diff(created.id, created.properties, inputs, { oldInputs: inputs }));
    const news = (await mb.check({ ...stripSecrets(inputs) as PropertyMap, timeoutMinutes: 5 }, inputs)).inputs;
    const updated = await mb.update(created.id, created.properties, news, { oldInputs: inputs });
    keep("update outputs", updated);
    keep("import", await mb.read(created.id, {}));
    await mb.delete(created.id, updated.properties);
    await h.control.setDurations({ "taurusdb.backupMs": 60_000 });
  });

  it("failures: check failure, partial failure, refused credentials", async () => {
    const mb = h.manualBackup;
    keep("check failures", await mb.check({ platform: "huawei-taurusdb", instanceId: "x", name: "1" }));
    const { inputs } = await mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "secrets-2", timeoutMinutes: 0.004 });
    const partial = await failure("partial", mb.create(inputs));
    expect(partial.initFailure?.properties.__provider).toBe(await h.providerText("ManualBackup"));
    await h.control.advance(120_000);
    await mb.delete(partial.initFailure!.id, partial.initFailure!.properties);
    keep("transcript before restart", h.host.transcript());

    await h.restart({ config: { "dbbackup:huaweiSecretKey": secret(`${EMULATOR_CREDENTIALS.huawei.secretKey}-wrong`) } });
    const refused = await failure("auth", mb.create({ ...inputs, name: "secrets-3" }));
    expect(refused.message).toContain("dbbackup:huaweiSecretKey");
    await h.restart({ config: { "dbbackup:huaweiAccessKey": undefined } });
    await failure("missing credential", mb.check({ platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "secrets-4" }));
    keep("transcript of the failing hosts", h.host.transcript());
  });

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
      keep(`strategy ${what} (clear part)`, clearPart(props));
    }
    // The secret is really there, under the mark: the storage secret round-trips through state.
    expect(JSON.stringify(created.properties.obBackupServiceStorageConfig)).toContain(OSS_SECRET);
    await bs.delete(created.id, updated.properties);
    keep("strategy host transcript", h.host.transcript());
    const basic = (await h.control.requests()).filter((r) => r.family === "ocp");
    expect(basic.length).toBeGreaterThan(0);
    expect(basic.every((r) => r.authorized)).toBe(true);
  });

  it("none of it holds an emulator credential (nor the Basic header, nor the storage secret outside its mark)", async () => {
    for (const kind of KINDS) keep(`__provider of ${kind}`, await h.providerText(kind));
    expect(seen.length).toBeGreaterThan(15);
    for (const { what, text } of seen) {
      for (const s of EMULATOR_SECRETS.filter((x) => x !== EMULATOR_CREDENTIALS.ocp.password)) expect({ what, leaks: text.includes(s) }).toEqual({ what, leaks: false });
      expect({ what, leaks: PASSWORD_WORD.test(text) || text.includes(BASIC_HEADER) }).toEqual({ what, leaks: false });
      // Strategy outputs were kept without their secret-marked members, so the storage secret must be absent everywhere.
      expect({ what, leaks: text.includes(OSS_SECRET) }).toEqual({ what, leaks: false });
    }
  });
});
