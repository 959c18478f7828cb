// The runtime's contract with the real dynamic-provider host, on a real resource (ManualBackup on TaurusDB): a
// partial failure is recorded with its id and a loadable __provider (so the next delete works from it), a vanished
// object reads as gone, and errors reach the engine as clean one-line messages.
import { BACKUP_STRATEGY_INPUTS, BACKUP_STRATEGY_OUTPUTS } from "../../provider/backup-strategy/resource";
import { MANUAL_BACKUP_INPUTS, MANUAL_BACKUP_OUTPUTS } from "../../provider/manual-backup/resource";
import { RESTORED_TENANT_INPUTS, RESTORED_TENANT_OUTPUTS } from "../../provider/restored-tenant/resource";
import { EMULATOR_CREDENTIALS, useProviderHost } from "../support/provider-host";
import { HostError } from "../support/pulumi-host";

const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";

describe("runtime through the host", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;
  const args = { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "rt-host-1" };

  it("a create whose wait times out is a partial failure carrying the id, outputs and __provider", async () => {
    const { inputs } = await mb.check({ ...args, timeoutMinutes: 0.005 });
    const err = await mb.create(inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    const failure = (err as HostError).initFailure;
    expect(failure).toBeDefined();
    expect(failure!.id).toMatch(new RegExp(`^huawei-taurusdb/${EMULATOR_CREDENTIALS.huawei.projectId}/`));
    expect(failure!.properties.__provider).toBe(await h.providerText("ManualBackup"));
    expect(failure!.properties.name).toBe("rt-host-1");
    expect(failure!.reasons.join(" ")).toMatch(/pulumi up/);

    // What the engine stored is enough for the next operation: delete loads the provider from it (once the backup
    // is no longer BUILDING, which TaurusDB refuses to delete).
    await h.control.advance(120_000);
    await mb.delete(failure!.id, failure!.properties);
    const deletes = (await h.control.requests()).filter((r) => r.method === "DELETE");
    expect(deletes).toHaveLength(1);
  });

  it("read of an object that no longer exists answers no id, so the engine drops it", async () => {
    const { inputs } = await mb.check({ ...args, waitForCompletion: false });
    const created = await mb.create(inputs);
    await h.control.advance(120_000);
    await mb.delete(created.id, created.properties);
    const r = await mb.read(created.id, created.properties, inputs);
    expect(r).toMatchObject({ id: "", gone: true });
  });

  it("check failures come back as property + reason, with no request sent", async () => {
    const mark = await h.mark();
    const res = await mb.check({ ...args, name: "1-starts-with-digit" });
    expect(res.failures.map((f) => f.property)).toEqual(["name"]);
    await h.expectNoRequestsSince(mark);
  });

  it("every property a create returns is declared on its class (inputs and outputs), for each kind", async () => {
    await h.control.setDurations({ "taurusdb.backupMs": 0, "ocp.taskMs": 0 });
    const extra = (props: Record<string, unknown>, declared: readonly string[]) => Object.keys(props).filter((k) => k !== "__provider" && !declared.includes(k));

    const manual = await mb.up({ ...args, name: "rt-host-outputs", description: "outputs" });
    expect(extra(manual.properties, [...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS])).toEqual([]);
    expect(manual.properties).toHaveProperty("backupId");

    const strategy = await h.backupStrategy.up({
      clusterId: 1000005,
      backupMode: "PHYSICAL_BACKUP",
      obBackupScheduleConfig: { backupScheduleMode: "WEEK", backupScheduleTime: "02:00:00.000+08:00", dayAndDataBackupModelMap: { "2": "FULL_BACKUP" }, startLogBackup: true },
      obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
      obBackupServiceStorageConfig: { configName: "nfs", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" }, alarmStoragePercentageThreshold: 80 },
    });
    expect(extra(strategy.properties, [...BACKUP_STRATEGY_INPUTS, ...BACKUP_STRATEGY_OUTPUTS])).toEqual([]);
    expect(strategy.properties).toHaveProperty("strategyId");

    const now = (await h.control.clock()).now;
    const restored = await h.restoredTenant.up({
      sourceInstanceId: "obcluster-demo",
      sourceTenantId: "t-demo",
      targetInstanceId: "obcluster-drill",
      targetTenantName: "outputs_1",
      targetTenantDescription: "outputs",
      targetTenantPrimaryZone: "cn-shanghai-e",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
      restoreTime: new Date(Math.floor((now - 86_400_000) / 1000) * 1000).toISOString().replace(".000Z", "Z"),
      waitForCompletion: false,
    });
    expect(extra(restored.properties, [...RESTORED_TENANT_INPUTS, ...RESTORED_TENANT_OUTPUTS])).toEqual([]);
    expect(restored.properties).toHaveProperty("tenantId");
  });
});
