// OcpClient's backupNow and listTasks against the emulator: cluster and tenant backups, the tasks they start, the task
// list's filters and paging, a reset after the POST ran (not retried, found in the list), and input refused before
// anything is sent.
import { ApiError, InvalidInputError, NetworkError } from "../../sdk/errors";
import { OcpClient } from "../../sdk/ocp/client";
import type { OcpBackupNowInput } from "../../sdk/ocp/schemas";
import { useEmulator } from "../support/emulator";
import { caught } from "../support/rejection";
import { ossStorageConfig } from "../support/ocp-seed";

const CLUSTER = 1000005;
const TENANT = 1002;
const SECRET = "oss-backup-now-SECRET";

function ossBody(overrides: Partial<OcpBackupNowInput> = {}): OcpBackupNowInput {
  return {
    backupMode: "PHYSICAL_BACKUP",
    dataBackupMode: "FULL_BACKUP",
    obBackupServiceStorageConfig: ossStorageConfig(SECRET),
    ...overrides,
  };
}

describe("OcpClient backupNow and listTasks against the emulator", () => {
  const emu = useEmulator();
  const clients: OcpClient[] = [];
  function client(): OcpClient {
    const c = new OcpClient({ endpoint: emu.url, accessKeyId: "emulator-ocp-ak", accessKeySecret: "emulator-ocp-sk", retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    clients.push(c);
    return c;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  const backups = async (): Promise<Array<Record<string, unknown>>> => Object.values((await emu.control.objects())["ocp"].backups);

  test("a cluster and a tenant backupNow each start one task, found by the task list's filters", async () => {
    const c = client();
    const cluster = await c.backupNow({ clusterId: CLUSTER }, ossBody());
    const tenant = await c.backupNow({ clusterId: String(CLUSTER), tenantId: TENANT }, ossBody({ dataBackupMode: "INCREMENTAL_BACKUP" }));
    expect(cluster).toMatchObject({ obBackupTaskType: "BACKUP_NOW", taskIds: [expect.any(Number)] });
    expect(cluster.backupObjectOpsResultList[0]?.obBackupObjectList).toEqual([{ clusterId: CLUSTER, backupDimension: "CLUSTER" }]);
    expect(tenant.backupObjectOpsResultList[0]?.obBackupObjectList).toEqual([{ clusterId: CLUSTER, tenantId: TENANT, backupDimension: "TENANT" }]);
    const sent = (await emu.control.requests()).filter((r) => r.method === "POST").map((r) => r.path);
    expect(sent).toEqual([`/api/v2/ob/clusters/${CLUSTER}/backup/backupNow`, `/api/v2/ob/clusters/${CLUSTER}/tenants/${TENANT}/backup/backupNow`]);
    expect((await backups()).map((b) => [b.tenantId ?? null, b.dataBackupMode, b.taskId])).toEqual([
      [null, "FULL_BACKUP", cluster.taskIds[0]],
      [TENANT, "INCREMENTAL_BACKUP", tenant.taskIds[0]],
    ]);
    expect(JSON.stringify(await emu.control.objects())).not.toContain(SECRET);

    expect((await c.getTask(cluster.taskIds[0] as number)).status).toBe("RUNNING");
    const ofTenant = await c.listTasks({ clusterId: CLUSTER, tenantId: TENANT, type: "MANUAL" });
    expect(ofTenant.contents.map((t) => t.id)).toEqual(tenant.taskIds);
    expect(ofTenant.page).toMatchObject({ totalElements: 1, number: 1 });
    const newestFirst = await c.listTasks({ clusterId: CLUSTER, sort: "id,desc", size: 2000 });
    expect(newestFirst.contents.map((t) => t.id)).toEqual([...tenant.taskIds, ...cluster.taskIds]);
    const query = (await emu.control.requests()).filter((r) => r.path === "/api/v2/tasks/instances").map((r) => r.query);
    expect(query[0]).toEqual({ clusterId: String(CLUSTER), tenantId: String(TENANT), type: "MANUAL" });

    await emu.control.advance(3000);
    expect((await c.listTasks({ status: ["SUCCESSFUL"], size: 1, page: 2 })).contents.map((t) => t.id)).toEqual(tenant.taskIds);
    expect((await c.listTasks({ status: ["RUNNING", "FAILED"] })).contents).toEqual([]);
  });

  test("a reset after the backupNow ran: not retried, exactly one backup, and its task is listed", async () => {
    await emu.control.addFault({ method: "POST", path: "backupNow$", action: "reset-after" });
    const c = client();
    const e = await caught(c.backupNow({ clusterId: CLUSTER, tenantId: TENANT }, ossBody()));
    expect(e).toBeInstanceOf(NetworkError);
    expect((await emu.control.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
    const [only] = await backups();
    expect(await backups()).toHaveLength(1);
    expect((await c.listTasks({ clusterId: CLUSTER, tenantId: TENANT })).contents.map((t) => t.id)).toEqual([only?.taskId]);
  });

  test("what the cluster cannot do is refused by OCP with 400, and nothing is recorded", async () => {
    const c = client();
    const logical = await caught(c.backupNow({ clusterId: 1000006 }, ossBody({ backupMode: "LOGICAL_BACKUP" })));
    expect(logical).toBeInstanceOf(ApiError);
    expect((logical as ApiError).httpStatus).toBe(400);
    expect(logical.message).toMatch(/backupMode LOGICAL_BACKUP is not supported by cluster 1000006/);
    const incremental = await caught(c.backupNow({ clusterId: 1000006 }, ossBody({ dataBackupMode: "INCREMENTAL_BACKUP" })));
    expect(incremental.message).toMatch(/dataBackupMode INCREMENTAL_BACKUP is switched off/);
    expect(await backups()).toEqual([]);
    expect((await caught(c.backupNow({ clusterId: 999 }, ossBody()))).message).toMatch(/Cluster not found/);
  });

  test.each<[string, () => Promise<unknown>, string]>([
    ["no backupMode", () => client().backupNow({ clusterId: CLUSTER }, { ...ossBody(), backupMode: undefined } as never), "backupMode"],
    ["an unknown dataBackupMode", () => client().backupNow({ clusterId: CLUSTER }, ossBody({ dataBackupMode: "DIFF" as never })), "dataBackupMode"],
    [
      "OSS storage without its key",
      () => client().backupNow({ clusterId: CLUSTER }, ossBody({ obBackupServiceStorageConfig: { configName: "x", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_OSS", storageUrl: "a/b" }, alarmStoragePercentageThreshold: 80 } })),
      "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey",
    ],
    ["a misspelt field", () => client().backupNow({ clusterId: CLUSTER }, { ...ossBody(), dataBackupModel: "FULL_BACKUP" } as never), "dataBackupModel"],
    ["a tenant id that is not a positive integer", () => client().backupNow({ clusterId: CLUSTER, tenantId: "1/2" }, ossBody()), "tenantId"],
    ["a page size over 2000", () => client().listTasks({ size: 2001 }), "size"],
    ["page 0", () => client().listTasks({ page: 0 }), "page"],
    ["a status that is not one", () => client().listTasks({ status: ["running;x"] }), "status"],
  ])("%s is refused before anything is sent", async (_what, run, field) => {
    const e = await caught(run());
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).field).toBe(field);
    expect(await emu.control.requests()).toEqual([]);
  });
});
