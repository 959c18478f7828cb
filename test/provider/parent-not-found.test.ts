// A platform's "no such instance / cluster" is told in the user's own words: the argument and the value they gave,
// through the real dynamic-provider host against the emulator.
import { HostError } from "../support/pulumi-host";
import { useProviderHost } from "../support/provider-host";
import { ossProgram } from "./backup-strategy/support";

describe("a parent the platform does not know is named by its argument and value", () => {
  const h = useProviderHost();

  async function createError(kind: "ManualBackup" | "BackupStrategy" | "RestoredTenant", args: Record<string, unknown>): Promise<string> {
    const driver = h.resource(kind);
    const { inputs, failures } = await driver.check(await h.programInputs(kind, args));
    expect(failures).toEqual([]);
    const err = await driver.create(inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    return (err as HostError).message;
  }

  it("TaurusDB: instanceId", async () => {
    const message = await createError("ManualBackup", { platform: "huawei-taurusdb", instanceId: "ffffffffffffffffffffffffffffffffin01", name: "snap-1" });
    expect(message).toContain('instanceId "ffffffffffffffffffffffffffffffffin01": Huawei Cloud TaurusDB has no such instance (DBS.200002); check the id and that dbbackup:huaweiEndpoint (HW_TAURUSDB_ENDPOINT) points at the right Huawei Cloud TaurusDB');
  });

  it("OceanBase Cloud: instanceId", async () => {
    const message = await createError("ManualBackup", { platform: "oceanbase-cloud", instanceId: "obcluster-nope", tenantId: "t-demo" });
    expect(message).toContain('instanceId "obcluster-nope": OceanBase Cloud has no such instance (InstanceNotFound)');
  });

  it("OCP: clusterId", async () => {
    const message = await createError("BackupStrategy", ossProgram({ clusterId: 999 }));
    expect(message).toContain("clusterId 999: OCP has no such cluster");
  });

  it("a restore names the one of source and target the platform names", async () => {
    const now = (await h.control.clock()).now;
    const message = await createError("RestoredTenant", {
      sourceInstanceId: "obcluster-demo",
      sourceTenantId: "t-demo",
      targetInstanceId: "obcluster-nowhere",
      targetTenantName: "drill_nowhere",
      targetTenantDescription: "drill",
      targetTenantPrimaryZone: "cn-shanghai-e",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
      restoreTime: new Date(now - 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
    expect(message).toContain('targetInstanceId "obcluster-nowhere": OceanBase Cloud has no such instance');
    expect(message).not.toContain("sourceInstanceId");
  });
});
