// The large stack as a Pulumi program (run inline through the Automation API by npm start's script, as the end-to-end
// tests run theirs). Config (project namespace): `counts`, a StackCounts object (default: the issue's).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as Dbbackup from "../../provider";
import { seedStrategy } from "../../test/support/ocp-seed";
import { ISSUE_COUNTS, plan, resourceCount, type StackCounts } from "./plan";

const config = new pulumi.Config();
// The package the resources come from: with config "package" (a directory, from the working one), that copy, as a
// user's program has it installed; else this repository's compiled code.
const installed = config.get("package");
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const dbbackup = require(installed === undefined ? "../../provider" : path.resolve(installed)) as typeof Dbbackup;
const counts: StackCounts = { ...ISSUE_COUNTS, ...(config.getObject<Partial<StackCounts>>("counts") ?? {}) };
const p = plan(counts);

for (const b of p.obBackups) {
  new dbbackup.ManualBackup(b.name, { platform: "oceanbase-cloud", instanceId: b.instanceId, tenantId: b.tenantId, backupObjectType: "tenant" });
}

for (const b of p.taurusBackups) {
  new dbbackup.ManualBackup(b.name, { platform: "huawei-taurusdb", instanceId: b.instanceId, name: b.backupName });
}

// OCP's own sample strategy (seed 002: file storage, weekly full backups, continuous log backup).
for (const s of p.ocpStrategies) new dbbackup.BackupStrategy(s.name, { clusterId: s.clusterId, ...seedStrategy() });

for (const s of p.obStrategies) {
  new dbbackup.BackupStrategy(s.name, {
    platform: "oceanbase-cloud",
    instanceId: s.instanceId,
    backupScheduleMode: "WEEK",
    scheduleTime: "20:00:00Z",
    timeList: [1, 3, 5],
    dataMaintainDays: 14,
    retainMode: "TIME",
    backupStorageConfig: { backupStorageType: "OSS", crossRegionFlag: false },
  });
}

for (const s of p.taurusStrategies) {
  new dbbackup.BackupStrategy(s.name, {
    platform: "huawei-taurusdb",
    instanceId: s.instanceId,
    backupPolicy: { keepDays: 9, startTime: "21:00-22:00", period: "1,2,3,4,5,6,7" },
  });
}

for (const r of p.restores) {
  new dbbackup.RestoredTenant(r.name, {
    sourceInstanceId: r.sourceInstanceId,
    sourceTenantId: r.sourceTenantId,
    targetInstanceId: r.targetInstanceId,
    targetTenantName: r.targetTenantName,
    targetTenantDescription: `restore drill of ${r.sourceTenantId}`,
    targetTenantPrimaryZone: "cn-shanghai-e",
    tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
    restoreTime: "latest",
  });
}

export const resources = resourceCount(counts);
