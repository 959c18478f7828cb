// A check that only confirms the parent still exists (before "not found" may mean "gone") reads nothing of the
// parent's answer: an instance description without `status`, or a backup ability without `backupAbility`, never
// fails a refresh or a delete. Through the real dynamic-provider host, against the emulator, whose answers for the
// parent are replaced by bare success envelopes.
import { useProviderHost } from "../support/provider-host";
import { INSTANT_DURATIONS } from "../support/emulator";
import { ossProgram } from "./backup-strategy/support";

const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";

describe("existence checks read nothing they do not use", () => {
  const h = useProviderHost();

  beforeEach(async () => {
    await h.control.setDurations(INSTANT_DURATIONS);
  });

  /** The instance answers success with a description that has nothing but its id. */
  const bareInstance = (instanceId: string): Promise<string> =>
    h.control.addFault({
      method: "GET",
      path: `^/api/v2/instances/${instanceId}$`,
      action: "status",
      status: 200,
      body: { success: true, requestId: "r-1", data: { instanceId } },
      times: 10,
    });

  it("ManualBackup on OceanBase Cloud: a backup set gone from the list reads as gone", async () => {
    const { id, properties } = await h.manualBackup.up({ platform: "oceanbase-cloud", instanceId: DEMO, tenantId: "t-demo" });
    const state = (await h.control.objects())["oceanbase-cloud"];
    state.backupSets = (state.backupSets as { backupSetId: string }[]).filter((b) => b.backupSetId !== properties.backupId);
    await h.control.replaceObjects("oceanbase-cloud", state);
    await bareInstance(DEMO);
    expect((await h.manualBackup.read(id, properties)).gone).toBe(true);
  });

  it("RestoredTenant: a tenant deleted outside reads as gone, and deleting it succeeds", async () => {
    const now = (await h.control.clock()).now;
    const { id, properties } = await h.restoredTenant.up({
      sourceInstanceId: DEMO,
      sourceTenantId: "t-demo",
      targetInstanceId: DRILL,
      targetTenantName: "drill_bare",
      targetTenantDescription: "existence check",
      targetTenantPrimaryZone: "cn-shanghai-e",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
      restoreTime: new Date(now - 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    const state = (await h.control.objects())["oceanbase-cloud"];
    delete state.tenants[id.split("/")[1] ?? ""];
    await h.control.replaceObjects("oceanbase-cloud", state);
    await bareInstance(DRILL);
    expect((await h.restoredTenant.read(id, properties)).gone).toBe(true);
    await h.restoredTenant.delete(id, properties);
  });

  it("BackupStrategy: a strategy deleted outside reads as gone, and deleting it succeeds", async () => {
    const { id, properties } = await h.backupStrategy.up(ossProgram());
    const state = (await h.control.objects()).ocp;
    state.strategies = {};
    await h.control.replaceObjects("ocp", state);
    await h.control.addFault({
      method: "GET",
      path: "/clusters/1000005/backup/ability$",
      action: "status",
      status: 200,
      body: { successful: true, status: 200, data: {} },
      times: 10,
    });
    expect((await h.backupStrategy.read(id, properties)).gone).toBe(true);
    await h.backupStrategy.delete(id, properties);
  });
});
