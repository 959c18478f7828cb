// The emulator's OCP backupNow and task list over raw HTTP (HTTP Basic, no sdk), so the emulator's reading of the
// two pages is checked on its own: auth, body validation, the cluster's ability, tasks on the virtual clock, FAILED
// injected by the storage marker, the recorded backups, and the list's filters, paging and bounds.
import { useEmulator } from "../support/emulator";
import { ossStorageConfig, seedStrategy } from "../support/ocp-seed";

const CLUSTER_NOW = "/api/v2/ob/clusters/1000005/backup/backupNow";
const TENANT_NOW = "/api/v2/ob/clusters/1000005/tenants/1002/backup/backupNow";
const TASKS = "/api/v2/tasks/instances";
const SECRET = "oss-emulator-now-SECRET";

interface Reply {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions dig into vendor JSON
}

function body(overrides: Record<string, unknown> = {}, storageUrl = "osstest/backup"): Record<string, unknown> {
  return {
    backupMode: "PHYSICAL_BACKUP",
    dataBackupMode: "FULL_BACKUP",
    obBackupServiceStorageConfig: ossStorageConfig(SECRET, storageUrl),
    ...overrides,
  };
}

describe("OCP emulator: backupNow and the task list", () => {
  const emu = useEmulator();

  async function call(method: string, target: string, payload?: unknown, auth = true): Promise<Reply> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (auth) headers["authorization"] = `Basic ${Buffer.from("admin:emulator").toString("base64")}`;
    if (payload !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${emu.url}${target}`, { method, headers, ...(payload !== undefined ? { body: typeof payload === "string" ? payload : JSON.stringify(payload) } : {}) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  const ocpState = async (): Promise<Record<string, any>> => (await emu.control.objects())["ocp"]; // eslint-disable-line @typescript-eslint/no-explicit-any -- emulator state

  test("without credentials → 401 in the error envelope, nothing recorded", async () => {
    const r = await call("POST", CLUSTER_NOW, body(), false);
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ successful: false, status: 401, error: { code: 60401 } });
    expect(Object.keys((await ocpState()).backups)).toEqual([]);
    expect((await call("GET", TASKS, undefined, false)).status).toBe(401);
  });

  test("cluster and tenant backupNow → BackupCommonResponse with one task, RUNNING until ocp.taskMs, then SUCCESSFUL", async () => {
    const cluster = await call("POST", CLUSTER_NOW, body());
    expect(cluster.status).toBe(200);
    expect(cluster.json).toMatchObject({
      successful: true,
      data: { obBackupTaskType: "BACKUP_NOW", backupObjectOpsResultList: [{ beSuccessful: true, obBackupObjectList: [{ clusterId: 1000005, backupDimension: "CLUSTER" }] }] },
    });
    const tenant = await call("POST", TENANT_NOW, body({ dataBackupMode: "INCREMENTAL_BACKUP", obBackupObject: { clusterId: 1000005, tenantId: 1002 } }));
    expect(tenant.json.data.backupObjectOpsResultList[0].obBackupObjectList).toEqual([{ clusterId: 1000005, tenantId: 1002, backupDimension: "TENANT" }]);
    const [clusterTask] = cluster.json.data.backupObjectOpsResultList[0].taskIdList as number[];
    const [tenantTask] = tenant.json.data.backupObjectOpsResultList[0].taskIdList as number[];

    const running = await call("GET", `${TASKS}/${tenantTask}`);
    expect(running.json.data).toMatchObject({ id: tenantTask, name: "Backup now", type: "MANUAL", status: "RUNNING", clusterId: 1000005, tenantId: 1002, finishTime: null });
    await emu.control.advance(3000);
    expect((await call("GET", `${TASKS}/${clusterTask}`)).json.data).toMatchObject({ status: "SUCCESSFUL", tenantId: null });

    const state = await ocpState();
    expect(Object.values(state.backups).map((b: any) => [b.clusterId, b.tenantId, b.dataBackupMode, b.taskId])).toEqual([ // eslint-disable-line @typescript-eslint/no-explicit-any -- emulator state
      [1000005, undefined, "FULL_BACKUP", clusterTask],
      [1000005, 1002, "INCREMENTAL_BACKUP", tenantTask],
    ]);
    expect(JSON.stringify(state)).not.toContain(SECRET);
  });

  test("a storageUrl with the emulator-fail-task marker makes the backup's task end FAILED", async () => {
    const r = await call("POST", TENANT_NOW, body({}, "osstest/emulator-fail-task/x"));
    const [task] = r.json.data.backupObjectOpsResultList[0].taskIdList as number[];
    await emu.control.advance(3000);
    expect((await call("GET", `${TASKS}/${task}`)).json.data.status).toBe("FAILED");
  });

  test("a running backupNow task does not block a strategy change on the same cluster", async () => {
    await call("POST", CLUSTER_NOW, body());
    const created = await call("POST", "/api/v2/ob/clusters/1000005/backup/config/backupStrategy", seedStrategy());
    expect(created.json.data.backupObjectOpsResultList[0].beSuccessful).toBe(true);
  });

  test.each<[string, string, unknown, number, string]>([
    ["no backupMode", CLUSTER_NOW, body({ backupMode: undefined }), 400, "backupMode"],
    ["an unknown dataBackupMode", CLUSTER_NOW, body({ dataBackupMode: "DIFF" }), 400, "dataBackupMode"],
    ["no storage config", TENANT_NOW, body({ obBackupServiceStorageConfig: undefined }), 400, "obBackupServiceStorageConfig"],
    ["OSS keys for file storage", CLUSTER_NOW, body({ obBackupServiceStorageConfig: { configName: "f", obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/", ossAccessKey: { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" } }, alarmStoragePercentageThreshold: 80 } }), 400, "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey"],
    ["an obBackupObject of another tenant", TENANT_NOW, body({ obBackupObject: { clusterId: 1000005, tenantId: 7 } }), 400, "obBackupObject.tenantId"],
    ["a body that is not JSON", CLUSTER_NOW, "{", 400, "(body)"],
    ["LOGICAL_BACKUP on a physical-only cluster", "/api/v2/ob/clusters/1000006/backup/backupNow", body({ backupMode: "LOGICAL_BACKUP" }), 400, "backupMode"],
    ["an incremental backup where the cluster switched them off", "/api/v2/ob/clusters/1000006/backup/backupNow", body({ dataBackupMode: "INCREMENTAL_BACKUP" }), 400, "dataBackupMode"],
    ["an unknown cluster", "/api/v2/ob/clusters/999/backup/backupNow", body(), 404, ""],
    ["an unknown tenant", "/api/v2/ob/clusters/1000005/tenants/7/backup/backupNow", body(), 404, ""],
  ])("%s: refused, nothing recorded", async (_what, path, payload, status, target) => {
    const r = await call("POST", path, payload);
    expect(r.status).toBe(status);
    expect(r.json.successful).toBe(false);
    if (target !== "") expect(r.json.error.target).toBe(target);
    expect(Object.keys((await ocpState()).backups)).toEqual([]);
    expect(Object.keys((await ocpState()).tasks)).toEqual([]);
  });

  test("task list: filters, newest first, pages of the asked size, the documented page shape", async () => {
    const ids: number[] = [];
    for (const path of [CLUSTER_NOW, TENANT_NOW, CLUSTER_NOW]) {
      const r = await call("POST", path, body());
      ids.push(r.json.data.backupObjectOpsResultList[0].taskIdList[0]);
    }
    const all = await call("GET", `${TASKS}?clusterId=1000005&sort=id,desc&size=2`);
    expect(all.json.data.contents.map((t: { id: number }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(all.json.data.page).toEqual({ totalElements: 3, totalPages: 2, number: 1, size: 2 });
    expect((await call("GET", `${TASKS}?clusterId=1000005&sort=id,desc&size=2&page=2`)).json.data.contents.map((t: { id: number }) => t.id)).toEqual([ids[0]]);
    expect((await call("GET", `${TASKS}?tenantId=1002`)).json.data.contents.map((t: { id: number }) => t.id)).toEqual([ids[1]]);
    expect((await call("GET", `${TASKS}?name=backup%20NOW&tenantName=demo&type=MANUAL`)).json.data.contents).toHaveLength(1);
    expect((await call("GET", `${TASKS}?clusterName=physical`)).json.data.contents).toEqual([]);
    expect((await call("GET", `${TASKS}?type=SCHEDULED`)).json.data.contents).toEqual([]);
    expect((await call("GET", `${TASKS}?status=SUCCESSFUL`)).json.data.contents).toEqual([]);
    await emu.control.advance(3000);
    expect((await call("GET", `${TASKS}?status=RUNNING,SUCCESSFUL`)).json.data.page.totalElements).toBe(3);
    expect((await call("GET", `${TASKS}`)).json.data.page.size).toBe(10);
  });

  test.each([
    ["size=2001", "size"],
    ["size=0", "size"],
    ["page=0", "page"],
    ["status=DONE", "status"],
    ["sort=name,asc", "sort"],
    ["clusterId=abc", "clusterId"],
  ])("task list ?%s → 400 naming %s", async (query, target) => {
    const r = await call("GET", `${TASKS}?${query}`);
    expect(r.status).toBe(400);
    expect(r.json.error.target).toBe(target);
  });
});
