// The outside check of the emulator's Digest and request handling: the real `curl --digest` runs the vendor
// pages' own request examples (seeds 000, 001, 003), changed only in host, credentials and ids.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { useEmulator } from "../support/emulator";

const DAY = 86_400_000;

/** Runs a shell command line (the seed's curl text) and resolves with its stdout. */
function shell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", command], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command}\nfailed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe("curl --digest against the OceanBase Cloud emulator, with the seeds' examples", () => {
  const emu = useEmulator();
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

  /** The seed text with its placeholders filled: host, AK/SK, instance, request id. */
  const fill = (seed: string): string =>
    seed
      .replaceAll("https://api-cloud.oceanbase.com", emu.url)
      .replaceAll("<Your ak:sk>", "emulator-ak:emulator-sk")
      .replaceAll("{instanceId}", "obcluster-demo")
      .replaceAll("{requestId}", randomUUID());

  async function expectSuccess(command: string): Promise<{ data: unknown; requestId: string }> {
    const out = JSON.parse(await shell(command)) as { success: boolean; data: unknown; requestId: string };
    expect(out.success).toBe(true);
    return out;
  }

  test("seed 000: physical backup, then both logical examples (table level, database level)", async () => {
    const physical = fill(String.raw`curl --digest -u '<Your ak:sk>' \
-X POST \
'https://api-cloud.oceanbase.com/api/v2/instances/{instanceId}/backup/data/start?requestId={requestId}' \
-H "Content-Type: application/json" \
--data '{
"needPreCheck": true,
"backupObjectType": "tenant",
"backupPolicy": "manual",
"tenantId": "t-demo"
}'`);
    const tableLevel = fill(String.raw`curl --location 'https://api-cloud.oceanbase.com/api/v2/instances/{instanceId}/backup/data/start?requestId={requestId}' \
--digest -u '<Your ak:sk>' \
--header 'Content-Type: application/json' \
--data '{
"backupObjectType": "table",
"tenantId": "t-demo",
"databaseTables": "[{\"database\": \"shop\", \"tables\": [\"orders\", \"items\", \"customers\"]}]"
}'`);
    const databaseLevel = fill(String.raw`curl --location 'https://api-cloud.oceanbase.com/api/v2/instances/{instanceId}/backup/data/start?requestId={requestId}' \
--digest -u '<Your ak:sk>' \
--header 'Content-Type: application/json' \
--data '{
"backupObjectType": "database",
"tenantId": "t-demo",
"databaseTables": "[{\"database\": \"shop\"}, {\"database\": \"crm\"}]"
}'`);
    const started = await expectSuccess(physical);
    expect(started.data).toEqual({ backupTaskId: expect.stringMatching(/^bak-/) });
    expect((await expectSuccess(tableLevel)).data).toEqual({});
    expect((await expectSuccess(databaseLevel)).data).toEqual({});

    // Each example: one unauthenticated round (401), then the authorized request that did the work.
    const log = await emu.control.requests();
    expect(log.map((r) => [r.method, r.authorized, r.status])).toEqual([
      ["POST", false, 401],
      ["POST", true, 200],
      ["POST", false, 401],
      ["POST", true, 200],
      ["POST", false, 401],
      ["POST", true, 200],
    ]);
    const sets = (await emu.control.objects())["oceanbase-cloud"].backupSets as Array<{ backupObjectType: string; databaseTables?: string }>;
    expect(sets.slice(2).map((s) => [s.backupObjectType, s.databaseTables])).toEqual([
      ["TENANT", undefined],
      ["TABLE", '[{"database":"shop","tables":["orders","items","customers"]}]'],
      ["DATABASE", '[{"database":"shop"},{"database":"crm"}]'],
    ]);
  });

  test("seed 001: list backup sets with every query parameter (-G -d)", async () => {
    const now = (await emu.control.clock()).now;
    const list = fill(String.raw`curl --digest -u '<Your ak:sk>' \
-X GET \
'https://api-cloud.oceanbase.com/api/v2/instances/{instanceId}/backup/data/sets' \
-G \
-d 'requestId={requestId}' \
-d 'startTime={startTime}' \
-d 'endTime={endTime}' \
-d 'pageNumber={pageNumber}' \
-d 'pageSize={pageSize}' \
-d 'checkBackupSetDownloadEnable={checkBackupSetDownloadEnable}'`)
      .replace("{startTime}", iso(now - 30 * DAY))
      .replace("{endTime}", iso(now))
      .replace("{pageNumber}", "1")
      .replace("{pageSize}", "10")
      .replace("{checkBackupSetDownloadEnable}", "true");
    const out = (await expectSuccess(list)) as { data: { total: number; dataList: Array<{ backupSetId: string; downloadEnabled: boolean }> } };
    expect(out.data.total).toBe(2);
    expect(out.data.dataList.map((s) => [s.backupSetId, s.downloadEnabled])).toEqual([
      ["bak-demo0tenant", true],
      ["bak-demo0cluster", true],
    ]);
  });

  test("seed 003: restore with the X-Ob-Project-Id header", async () => {
    const restoreTime = iso((await emu.control.clock()).now - 6 * DAY);
    const restore = fill(String.raw`curl --digest -u '<Your ak:sk>' \
-X POST \
'https://api-cloud.oceanbase.com/api/v2/instances/{instanceId}/backup/restore?requestId={requestId}' \
--header "X-Ob-Project-Id: {projectId}" \
--header "Content-Type: application/json" \
--data '{
"sourceInstanceId": "obcluster-demo",
"tenantResource": {
"cpu": 1,
"memory": 4,
"unitNum": 1
},
"fromRemote": false,
"sourceTenantId": "t-demo",
"restoreTime": "{restoreTime}",
"restoreObjectType": "tenant",
"restoreObjects": [],
"restoreMode": "from_backup_set",
"targetInstanceId": "obcluster-drill",
"targetTenantName": "RestoredTenant001",
"targetTenantDescription": "Test",
"targetTenantPrimaryZone": "cn-shanghai-e"
}'`)
      .replace("{projectId}", "emulator-project")
      .replace("{restoreTime}", restoreTime);
    expect((await expectSuccess(restore)).data).toEqual({});
    const tenants = Object.values((await emu.control.objects())["oceanbase-cloud"].tenants) as Array<{ tenantName: string; instanceId: string }>;
    expect(tenants.filter((t) => t.tenantName === "RestoredTenant001").map((t) => t.instanceId)).toEqual(["obcluster-drill"]);
  });

  test("a wrong secret: curl gets the 401 in the OceanBase error shape", async () => {
    const out = JSON.parse(await shell(`curl -s --digest -u 'emulator-ak:wrong' '${emu.url}/api/v2/instances/obcluster-demo?requestId=r-1'`)) as Record<string, unknown>;
    expect(out).toEqual({ success: false, errorCode: "Unauthorized", errorMessage: "Digest authentication failed", requestId: "r-1" });
  });
});
