// The bad-input corpus: inputs every resource's check() and every function must refuse before any request, each
// with the property path and a pattern of the reason (the rule, and the value where the message names it). One
// entry = one broken rule on a known-good baseline (baseline() below, from the tests' shared fixtures; checked
// to pass). corpus.test.ts runs resources through the real dynamic-provider host and the functions against the emulator.
import { obCloudProgram, ossProgram } from "../backup-strategy/support";
import { seedStrategy } from "../../support/ocp-seed";
import { drillRestore } from "../../support/restore-drill-fixture";

/** What an entry is given to: a resource on one platform, or a function on one platform. */
export const SUBJECTS = [
  "BackupStrategy/ocp",
  "BackupStrategy/oceanbase-cloud",
  "BackupStrategy/huawei-taurusdb",
  "ManualBackup/oceanbase-cloud",
  "ManualBackup/huawei-taurusdb",
  "ManualBackup/ocp",
  "RestoredTenant/oceanbase-cloud",
  "getBackupSets/oceanbase-cloud",
  "getBackupSets/huawei-taurusdb",
  "getRestoreWindows/oceanbase-cloud",
  "getRestoreWindows/huawei-taurusdb",
] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface BadInput {
  subject: Subject;
  /** Short, unique within the subject. */
  name: string;
  /** The whole arguments as a program gives them (undefined members are left out). */
  inputs: Record<string, unknown>;
  /** The property path of the failure that must be reported. */
  property: string;
  /** Its reason. */
  reason: RegExp;
}

type Args = Record<string, unknown>;

export const OB_INSTANCE = "obcluster-demo";
export const OB_TENANT = "t-demo";
export const HW_INSTANCE = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
const HW_PROJECT = "1fa4b6c2d3e84f5a9b0c7d6e5f4a3b2c";

/** A known-good argument set per subject (a fresh copy each call). */
export function baseline(subject: Subject): Args {
  switch (subject) {
    case "BackupStrategy/ocp":
      return ossProgram();
    case "BackupStrategy/oceanbase-cloud":
      return obCloudProgram();
    case "BackupStrategy/huawei-taurusdb":
      return {
        platform: "huawei-taurusdb",
        instanceId: HW_INSTANCE,
        backupPolicy: { keepDays: 14, startTime: "21:00-22:00", period: "1,3,5,7" },
        offsitePolicy: { openAutoBackup: true, openIncrementalBackup: true, destinationProjectId: HW_PROJECT, destinationRegion: "cn-east-3", keepDays: 30 },
      };
    case "ManualBackup/oceanbase-cloud":
      return { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: OB_TENANT, backupObjectType: "database", databaseTables: [{ database: "shop", tables: ["orders"] }] };
    case "ManualBackup/huawei-taurusdb":
      return { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, name: "before-migration", description: "corpus" };
    case "ManualBackup/ocp":
      return {
        platform: "ocp",
        clusterId: 1000005,
        tenantId: 1002,
        backupMode: "PHYSICAL_BACKUP",
        dataBackupMode: "FULL_BACKUP",
        obBackupServiceStorageConfig: seedStrategy().obBackupServiceStorageConfig,
      };
    case "RestoredTenant/oceanbase-cloud":
      return drillRestore({ restoreTime: "latest" });
    case "getBackupSets/oceanbase-cloud":
      return { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, startTime: "2020-01-01T00:00:00Z", endTime: "2099-01-01T00:00:00Z", pageSize: 50 };
    case "getBackupSets/huawei-taurusdb":
      return { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, backupType: "auto", limit: 50 };
    case "getRestoreWindows/oceanbase-cloud":
      return { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, tenantId: OB_TENANT, fromRemote: false };
    case "getRestoreWindows/huawei-taurusdb":
      return { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, startTime: "2020-01-01T00:00:00Z", endTime: "2099-01-01T00:00:00Z" };
  }
}

/** The baseline with the value at `path` ("a.b.c", array indexes as numbers) replaced; undefined removes it. */
function withValue(subject: Subject, path: string, value: unknown): Args {
  const root = baseline(subject);
  const keys = path.split(".");
  let node: Record<string, unknown> = root;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}

const entries: BadInput[] = [];

/** One case: `value` at `path` of the subject's baseline, refused at `property` (default: the path) for `reason`. */
function bad(subject: Subject, name: string, path: string, value: unknown, reason: RegExp, property = path): void {
  entries.push({ subject, name, inputs: withValue(subject, path, value), property, reason });
}

/** One case with its own arguments (several fields changed, or added). */
function badArgs(subject: Subject, name: string, inputs: Args, property: string, reason: RegExp): void {
  entries.push({ subject, name, inputs, property, reason });
}

const plus = (subject: Subject, extra: Args): Args => ({ ...baseline(subject), ...extra });

// ---------------------------------------------------------------------------------------------------------------
// Injection in every id segment: each would change the URL called, or cannot be sent faithfully.

const INJECTIONS: ReadonlyArray<[string, string]> = [
  ["../", "../obcluster-demo"],
  ["/", "obcluster/demo"],
  ["%2F", "obcluster%2Fdemo"],
  ["?", "obcluster-demo?pageSize=1"],
  ["#", "obcluster-demo#x"],
  ["newline", "obcluster-demo\nX-Injected: 1"],
  ["NUL", "obcluster-demo\u0000"],
];
const PATH_RULE = /must not contain/;

/** Every string id that goes into a URL path or names an object, by subject. */
const STRING_IDS: ReadonlyArray<[Subject, string]> = [
  ["BackupStrategy/oceanbase-cloud", "instanceId"],
  ["BackupStrategy/huawei-taurusdb", "instanceId"],
  ["ManualBackup/oceanbase-cloud", "instanceId"],
  ["ManualBackup/oceanbase-cloud", "tenantId"],
  ["ManualBackup/huawei-taurusdb", "instanceId"],
  ["RestoredTenant/oceanbase-cloud", "sourceInstanceId"],
  ["RestoredTenant/oceanbase-cloud", "sourceTenantId"],
  ["RestoredTenant/oceanbase-cloud", "targetInstanceId"],
  ["getBackupSets/oceanbase-cloud", "instanceId"],
  ["getBackupSets/huawei-taurusdb", "instanceId"],
  ["getRestoreWindows/oceanbase-cloud", "instanceId"],
  ["getRestoreWindows/oceanbase-cloud", "tenantId"],
  ["getRestoreWindows/oceanbase-cloud", "backupSetId"],
  ["getRestoreWindows/huawei-taurusdb", "instanceId"],
];
for (const [subject, field] of STRING_IDS) {
  for (const [what, value] of INJECTIONS) bad(subject, `${field} with ${what}`, field, value, PATH_RULE);
}

/** OCP ids are positive integers: anything else, injections included, is refused by that rule. */
const OCP_IDS: ReadonlyArray<[Subject, string]> = [
  ["BackupStrategy/ocp", "clusterId"],
  ["BackupStrategy/ocp", "tenantId"],
  ["ManualBackup/ocp", "clusterId"],
  ["ManualBackup/ocp", "tenantId"],
];
const OCP_ID_RULE = /must be a positive integer \(a number, or a string of digits\)/;
for (const [subject, field] of OCP_IDS) {
  for (const [what, value] of [["../", "../1000005"], ["/", "1000005/tenants/1"], ["%2F", "1000005%2F1"], ["?", "1000005?x=1"], ["newline", "1000005\n"]] as const) {
    bad(subject, `${field} with ${what}`, field, value, OCP_ID_RULE);
  }
}
bad("BackupStrategy/ocp", "clusterId zero", "clusterId", 0, OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId negative", "clusterId", -5, OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId fractional", "clusterId", 1.5, OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId beyond 2^53", "clusterId", 2 ** 53 + 2, OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId with a leading zero", "clusterId", "01000005", OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId in full-width digits", "clusterId", "１０００００５", OCP_ID_RULE);
bad("BackupStrategy/ocp", "clusterId a boolean", "clusterId", true, OCP_ID_RULE);
bad("ManualBackup/ocp", "clusterId empty", "clusterId", "", OCP_ID_RULE);
bad("ManualBackup/ocp", "clusterId whitespace", "clusterId", "   ", OCP_ID_RULE);
bad("ManualBackup/ocp", "tenantId an object", "tenantId", { id: 1002 }, OCP_ID_RULE);

// ---------------------------------------------------------------------------------------------------------------
// A number where the API documents a string id: refused (not turned into a string), naming the number.

const NUMBER_FOR_STRING = /must be a string.*got the number/;
bad("BackupStrategy/oceanbase-cloud", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("BackupStrategy/huawei-taurusdb", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("ManualBackup/oceanbase-cloud", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("ManualBackup/oceanbase-cloud", "tenantId a number", "tenantId", 1002, NUMBER_FOR_STRING);
bad("ManualBackup/huawei-taurusdb", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("RestoredTenant/oceanbase-cloud", "sourceTenantId a number", "sourceTenantId", 1002, NUMBER_FOR_STRING);
bad("RestoredTenant/oceanbase-cloud", "targetInstanceId a number", "targetInstanceId", 12345, NUMBER_FOR_STRING);
bad("getBackupSets/oceanbase-cloud", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("getBackupSets/huawei-taurusdb", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);
bad("getRestoreWindows/oceanbase-cloud", "tenantId a number", "tenantId", 1002, NUMBER_FOR_STRING);
bad("getRestoreWindows/oceanbase-cloud", "backupSetId a number", "backupSetId", 7, NUMBER_FOR_STRING);
bad("getRestoreWindows/huawei-taurusdb", "instanceId a number", "instanceId", 12345, NUMBER_FOR_STRING);

// ---------------------------------------------------------------------------------------------------------------
// Empty, whitespace-only, oversized and unicode ids.

bad("BackupStrategy/oceanbase-cloud", "instanceId empty", "instanceId", "", /must not be empty/);
bad("ManualBackup/oceanbase-cloud", "tenantId whitespace-only", "tenantId", "   ", PATH_RULE);
bad("RestoredTenant/oceanbase-cloud", "sourceInstanceId a tab", "sourceInstanceId", "\t", PATH_RULE);
bad("getRestoreWindows/oceanbase-cloud", "instanceId empty", "instanceId", "", /must not be empty/);
bad("ManualBackup/oceanbase-cloud", "instanceId of 257 characters", "instanceId", "o".repeat(257), /at most 256 characters/);
bad("RestoredTenant/oceanbase-cloud", "targetInstanceId of 10 000 characters", "targetInstanceId", "x".repeat(10_000), /at most 256 characters/);
bad("getBackupSets/oceanbase-cloud", "instanceId of 300 characters", "instanceId", "i".repeat(300), /at most 256 characters/);
bad("BackupStrategy/oceanbase-cloud", "instanceId with a no-break space", "instanceId", "obcluster\u00a0demo", PATH_RULE);
bad("ManualBackup/oceanbase-cloud", "instanceId with a zero-width space", "instanceId", "obcluster\u200bdemo", /invisible/);
bad("RestoredTenant/oceanbase-cloud", "sourceTenantId with a right-to-left override", "sourceTenantId", "t-\u202eomed", /invisible/);
bad("getRestoreWindows/oceanbase-cloud", "tenantId with a word joiner", "tenantId", "t-\u2060demo", /invisible/);
bad("getRestoreWindows/oceanbase-cloud", "tenantId with a byte-order mark", "tenantId", "\ufefft-demo", PATH_RULE);
bad("getBackupSets/oceanbase-cloud", "instanceId with a lone surrogate", "instanceId", "obcluster-\ud800", /well-formed Unicode/);
bad("ManualBackup/huawei-taurusdb", "instanceId in full-width letters", "instanceId", "ｄ8e6ca5a624745bcb546a227aa3ae1cfin01", /32 letters or digits followed by 'in'/);
bad("BackupStrategy/huawei-taurusdb", "instanceId without the 'in' suffix", "instanceId", "d8e6ca5a624745bcb546a227aa3ae1cf", /32 letters or digits followed by 'in'/);
bad("getRestoreWindows/huawei-taurusdb", "instanceId one character short", "instanceId", HW_INSTANCE.slice(1), /32 letters or digits followed by 'in'/);
bad("ManualBackup/oceanbase-cloud", "instanceId '..'", "instanceId", "..", /must not contain '\.\.'/);

// ---------------------------------------------------------------------------------------------------------------
// BackupStrategy on OCP.

const BS_OCP: Subject = "BackupStrategy/ocp";
bad(BS_OCP, "clusterId missing", "clusterId", undefined, /is required/);
bad(BS_OCP, "backupMode in lower case", "backupMode", "physical_backup", /must be one of LOGICAL_BACKUP, PHYSICAL_BACKUP/);
bad(BS_OCP, "backupMode empty", "backupMode", "", /must be one of/);
bad(BS_OCP, "schedule mode in lower case", "obBackupScheduleConfig.backupScheduleMode", "week", /must be one of WEEK, MONTH/);
bad(BS_OCP, "schedule time without an offset", "obBackupScheduleConfig.backupScheduleTime", "02:00:00", /OffsetTime/);
bad(BS_OCP, "schedule time with +0800", "obBackupScheduleConfig.backupScheduleTime", "02:00:00+0800", /OffsetTime/);
bad(BS_OCP, "schedule time hour 24", "obBackupScheduleConfig.backupScheduleTime", "24:00:00Z", /OffsetTime/);
bad(BS_OCP, "schedule time offset +19:00", "obBackupScheduleConfig.backupScheduleTime", "02:00:00+19:00", /OffsetTime/);
bad(BS_OCP, "schedule time as a number", "obBackupScheduleConfig.backupScheduleTime", 200, /must be a string/);
bad(BS_OCP, "day 8 in a WEEK schedule", "obBackupScheduleConfig.dayAndDataBackupModelMap", { "8": "FULL_BACKUP" }, /1–7 when backupScheduleMode is WEEK/, 'obBackupScheduleConfig.dayAndDataBackupModelMap["8"]');
bad(BS_OCP, "day 0", "obBackupScheduleConfig.dayAndDataBackupModelMap", { "0": "FULL_BACKUP" }, /day keys must be 1–7/, 'obBackupScheduleConfig.dayAndDataBackupModelMap["0"]');
bad(BS_OCP, "backup model in lower case", "obBackupScheduleConfig.dayAndDataBackupModelMap", { "2": "full_backup" }, /must be one of FULL_BACKUP, INCREMENTAL_BACKUP/, 'obBackupScheduleConfig.dayAndDataBackupModelMap["2"]');
bad(BS_OCP, "no day at all", "obBackupScheduleConfig.dayAndDataBackupModelMap", {}, /must name at least one day/);
bad(BS_OCP, "startLogBackup a string", "obBackupScheduleConfig.startLogBackup", "true", /must be a boolean/);
bad(BS_OCP, "threshold timeout zero", "obBackupThresholdConfig.dataBackupTimeoutMinutes", 0, /positive integer/);
bad(BS_OCP, "threshold delay fractional", "obBackupThresholdConfig.logBackupDelaySeconds", 2.5, /positive integer/);
bad(BS_OCP, "alarm threshold 101", "obBackupServiceStorageConfig.alarmStoragePercentageThreshold", 101, /percentage from 1 to 100/);
bad(BS_OCP, "configName empty", "obBackupServiceStorageConfig.configName", "", /must not be empty/);
bad(BS_OCP, "configName whitespace-only", "obBackupServiceStorageConfig.configName", "   ", /only whitespace/);
bad(BS_OCP, "storageUrl whitespace-only", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl", " \t ", /only whitespace/);
bad(BS_OCP, "storageUrl with a protocol", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl", "oss://bucket/backup", /without a protocol prefix/);
bad(BS_OCP, "storage type in lower case", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.backupStorageType", "backup_storage_oss", /must be one of BACKUP_STORAGE_FILE/);
bad(BS_OCP, "OSS endpoint whitespace-only", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.endpoint", "  ", /only whitespace/);
bad(BS_OCP, "timeoutMinutes a string", "timeoutMinutes", "30", /greater than 0 and at most 1440/);
bad(BS_OCP, "timeoutMinutes over a day", "timeoutMinutes", 1441, /at most 1440/);
bad(BS_OCP, "waitForCompletion a string", "waitForCompletion", "true", /must be a boolean/);
bad(BS_OCP, "platform in upper case", "platform", "OCP", /must be one of "ocp", "oceanbase-cloud", "huawei-taurusdb"/);
bad(BS_OCP, "platform whitespace-only", "platform", " ", /must be one of/);
badArgs(BS_OCP, "instanceId of the other platforms", plus(BS_OCP, { instanceId: OB_INSTANCE }), "instanceId", /is an argument of platforms "oceanbase-cloud" and "huawei-taurusdb": not allowed with platform "ocp"/);
badArgs(BS_OCP, "backupPolicy of TaurusDB", plus(BS_OCP, { backupPolicy: { keepDays: 7 } }), "backupPolicy", /argument of platform "huawei-taurusdb"/);
badArgs(BS_OCP, "a misspelt property", plus(BS_OCP, { backupmode: "PHYSICAL_BACKUP" }), "backupmode", /is not a known property/);

// ---------------------------------------------------------------------------------------------------------------
// BackupStrategy on OceanBase Cloud.

const BS_OB: Subject = "BackupStrategy/oceanbase-cloud";
bad(BS_OB, "schedule mode in lower case", "backupScheduleMode", "week", /must be one of WEEK, MONTH/);
bad(BS_OB, "schedule mode DAY", "backupScheduleMode", "DAY", /must be one of WEEK, MONTH/);
bad(BS_OB, "scheduleTime without Z", "scheduleTime", "21:30:00", /HH:MM:SSZ/);
bad(BS_OB, "scheduleTime with an offset", "scheduleTime", "21:30:00+08:00", /UTC time of day/);
bad(BS_OB, "scheduleTime hour 25", "scheduleTime", "25:00:00Z", /HH:MM:SSZ/);
bad(BS_OB, "scheduleTime empty", "scheduleTime", "", /HH:MM:SSZ/);
bad(BS_OB, "timeList empty", "timeList", [], /non-empty list of days/);
bad(BS_OB, "timeList a string", "timeList", "1,3,5", /non-empty list of days/);
bad(BS_OB, "day 8 in a WEEK schedule", "timeList", [1, 8], /days of the week 1–7/, "timeList[1]");
bad(BS_OB, "day 0", "timeList", [0], /days of the week 1–7/, "timeList[0]");
bad(BS_OB, "day as a string", "timeList", ["1"], /days of the week/, "timeList[0]");
bad(BS_OB, "a repeated day", "timeList", [1, 1], /must not repeat a day/);
badArgs(BS_OB, "day 32 in a MONTH schedule", plus(BS_OB, { backupScheduleMode: "MONTH", timeList: [32] }), "timeList[0]", /days of the month 1–31/);
badArgs(BS_OB, "lastDayOfMonth with WEEK", plus(BS_OB, { lastDayOfMonth: true }), "lastDayOfMonth", /applies to backupScheduleMode "MONTH" only/);
bad(BS_OB, "dataMaintainDays zero", "dataMaintainDays", 0, /at least 1/);
bad(BS_OB, "dataMaintainDays fractional", "dataMaintainDays", 1.5, /whole number of days/);
bad(BS_OB, "dataMaintainDays a string", "dataMaintainDays", "14", /whole number of days/);
bad(BS_OB, "retainMode in lower case", "retainMode", "time", /must be "TIME"/);
bad(BS_OB, "storage type whitespace-only", "backupStorageConfig.backupStorageType", "  ", /only whitespace/);
bad(BS_OB, "storage type empty", "backupStorageConfig.backupStorageType", "", /must not be empty/);
bad(BS_OB, "crossRegionFlag a string", "backupStorageConfig.crossRegionFlag", "true", /must be a boolean/);
bad(BS_OB, "storage config as a JSON string", "backupStorageConfig", '{"backupStorageType":"OSS"}', /must be an object/);
bad(BS_OB, "onDelete in upper case", "onDelete", "KEEP", /must be one of "keep", "restore"/);
bad(BS_OB, "onDelete restore", "onDelete", "restore", /cannot be "restore" on OceanBase Cloud/);
bad(BS_OB, "timeoutMinutes negative", "timeoutMinutes", -1, /greater than 0/);
badArgs(BS_OB, "clusterId of OCP", plus(BS_OB, { clusterId: 1000005 }), "clusterId", /argument of platform "ocp": not allowed with platform "oceanbase-cloud"/);
badArgs(BS_OB, "backupPolicy of TaurusDB", plus(BS_OB, { backupPolicy: { keepDays: 7, startTime: "21:00-22:00", period: "1" } }), "backupPolicy", /argument of platform "huawei-taurusdb"/);
badArgs(BS_OB, "OCP's schedule config", plus(BS_OB, { obBackupScheduleConfig: {} }), "obBackupScheduleConfig", /argument of platform "ocp"/);

// ---------------------------------------------------------------------------------------------------------------
// BackupStrategy on TaurusDB.

const BS_HW: Subject = "BackupStrategy/huawei-taurusdb";
bad(BS_HW, "keepDays zero", "backupPolicy.keepDays", 0, /integer from 1 to 732/);
bad(BS_HW, "keepDays 733", "backupPolicy.keepDays", 733, /integer from 1 to 732/);
bad(BS_HW, "keepDays a string", "backupPolicy.keepDays", "7", /integer from 1 to 732/);
bad(BS_HW, "window of two hours", "backupPolicy.startTime", "21:00-23:00", /exactly one hour/);
bad(BS_HW, "window not on the hour", "backupPolicy.startTime", "21:30-22:30", /whole hours/);
bad(BS_HW, "window with a zone", "backupPolicy.startTime", "21:00-22:00+08:00", /hh:00-HH:00 \(UTC/);
bad(BS_HW, "window empty", "backupPolicy.startTime", "", /hh:00-HH:00/);
bad(BS_HW, "period day 8", "backupPolicy.period", "1,8", /days of the week 1-7/);
bad(BS_HW, "period day 0", "backupPolicy.period", "0", /days of the week 1-7/);
bad(BS_HW, "period with spaces", "backupPolicy.period", "1, 3", /days of the week 1-7/);
bad(BS_HW, "period repeating a day", "backupPolicy.period", "1,1", /must not repeat a day/);
bad(BS_HW, "period as an array", "backupPolicy.period", [1, 3], /must be a string/);
bad(BS_HW, "level-1 retention 2", "backupPolicy.retentionNumBackupLevel1", 2, /must be 0 or 1/);
bad(BS_HW, "policy without keepDays", "backupPolicy.keepDays", undefined, /is required/);
bad(BS_HW, "offsite keepDays 1826", "offsitePolicy.keepDays", 1826, /integer from 1 to 1825/);
bad(BS_HW, "offsite region in upper case", "offsitePolicy.destinationRegion", "CN-EAST-3", /region name such as cn-north-4/);
bad(BS_HW, "offsite region whitespace-only", "offsitePolicy.destinationRegion", "   ", /region name/);
bad(BS_HW, "offsite project of 31 characters", "offsitePolicy.destinationProjectId", HW_PROJECT.slice(1), /32 letters or digits/);
bad(BS_HW, "incremental without automatic", "offsitePolicy.openAutoBackup", false, /only when openAutoBackup is true/, "offsitePolicy.openIncrementalBackup");
bad(BS_HW, "a misspelt policy field", "backupPolicy.keep_days", 7, /is not a known property/);
badArgs(BS_HW, "OceanBase Cloud's scheduleTime", plus(BS_HW, { scheduleTime: "21:30:00Z" }), "scheduleTime", /argument of platform "oceanbase-cloud"/);
badArgs(BS_HW, "OCP's tenantId", plus(BS_HW, { tenantId: 1002 }), "tenantId", /argument of platform "ocp"/);

// ---------------------------------------------------------------------------------------------------------------
// ManualBackup on OceanBase Cloud.

const MB_OB: Subject = "ManualBackup/oceanbase-cloud";
const tables = (n: number, prefix = "t"): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
bad(MB_OB, "backupObjectType in upper case", "backupObjectType", "DATABASE", /must be one of tenant, database, table/);
bad(MB_OB, "platform in mixed case", "platform", "OceanBase-Cloud", /must be one of "oceanbase-cloud", "huawei-taurusdb", "ocp"/);
bad(MB_OB, "databaseTables as a JSON string", "databaseTables", '[{"database":"shop"}]', /must be an array/);
bad(MB_OB, "databaseTables empty", "databaseTables", [], /at least one database/);
bad(MB_OB, "database name empty", "databaseTables", [{ database: "" }], /must not be empty/, "databaseTables[0].database");
bad(MB_OB, "database name whitespace-only", "databaseTables", [{ database: "   " }], /only whitespace/, "databaseTables[0].database");
bad(MB_OB, "database name with a newline", "databaseTables", [{ database: "shop\nDROP" }], /control characters/, "databaseTables[0].database");
bad(MB_OB, "table name whitespace-only", "databaseTables", [{ database: "shop", tables: ["orders", " "] }], /only whitespace/, "databaseTables[0].tables[1]");
bad(MB_OB, "table name a number", "databaseTables", [{ database: "shop", tables: [42] }], /must be a string/, "databaseTables[0].tables[0]");
bad(MB_OB, "a repeated database", "databaseTables", [{ database: "shop" }, { database: "shop" }], /duplicate database name 'shop'/, "databaseTables[1].database");
bad(MB_OB, "a repeated table", "databaseTables", [{ database: "shop", tables: ["a", "a"] }], /duplicate table name 'a'/, "databaseTables[0].tables[1]");
bad(MB_OB, "no table in a database", "databaseTables", [{ database: "shop", tables: [] }], /at least one table/, "databaseTables[0].tables");
bad(MB_OB, "201 tables in one database", "databaseTables", [{ database: "shop", tables: tables(201) }], /at most 200 tables \(got 201\)/, "databaseTables[0].tables");
bad(
  MB_OB,
  "250 tables across two databases",
  "databaseTables",
  [
    { database: "shop", tables: tables(150) },
    { database: "crm", tables: tables(100) },
  ],
  /at most 200 tables across all databases \(got 250: shop 150, crm 100\)/,
);
bad(MB_OB, "a misspelt entry field", "databaseTables", [{ database: "shop", table: ["a"] }], /is not a known property/, "databaseTables[0].table");
badArgs(MB_OB, "table level with two databases", plus(MB_OB, { backupObjectType: "table", databaseTables: [{ database: "a", tables: ["x"] }, { database: "b", tables: ["y"] }] }), "databaseTables", /exactly one database/);
badArgs(MB_OB, "table level without tables", plus(MB_OB, { backupObjectType: "table", databaseTables: [{ database: "a" }] }), "databaseTables[0].tables", /required for a table-level backup/);
badArgs(MB_OB, "tenant level with databaseTables", plus(MB_OB, { backupObjectType: "tenant" }), "databaseTables", /must be omitted for a tenant-level backup/);
badArgs(MB_OB, "needPreCheck at database level", plus(MB_OB, { needPreCheck: true }), "needPreCheck", /tenant-level \(physical\) backups only/);
badArgs(MB_OB, "needPreCheck a string", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, backupObjectType: "tenant", needPreCheck: "yes" }, "needPreCheck", /must be a boolean/);
badArgs(MB_OB, "backupPolicy auto", { platform: "oceanbase-cloud", instanceId: OB_INSTANCE, backupObjectType: "tenant", backupPolicy: "auto" }, "backupPolicy", /must be "manual"/);
bad(MB_OB, "tenantId missing at database level", "tenantId", undefined, /is required/);
badArgs(MB_OB, "TaurusDB's name", plus(MB_OB, { name: "before-migration" }), "name", /argument of platform "huawei-taurusdb": not allowed with platform "oceanbase-cloud"/);
badArgs(MB_OB, "OCP's clusterId", plus(MB_OB, { clusterId: 1000005 }), "clusterId", /argument of platform "ocp"/);
bad(MB_OB, "timeoutMinutes zero", "timeoutMinutes", 0, /greater than 0 and at most 1440/);

// ---------------------------------------------------------------------------------------------------------------
// ManualBackup on TaurusDB.

const MB_HW: Subject = "ManualBackup/huawei-taurusdb";
bad(MB_HW, "name empty", "name", "", /4 to 64 characters/);
bad(MB_HW, "name whitespace-only", "name", "      ", /must start with a letter/);
bad(MB_HW, "name of 3 characters", "name", "abc", /4 to 64 characters/);
bad(MB_HW, "name of 65 characters", "name", `a${"b".repeat(64)}`, /4 to 64 characters/);
bad(MB_HW, "name starting with a digit", "name", "2026-backup", /must start with a letter/);
bad(MB_HW, "name in Chinese", "name", "迁移前的备份", /must start with a letter/);
bad(MB_HW, "name with an accented letter", "name", "sauvegardé", /only letters, digits, '-' and '_'/);
bad(MB_HW, "name with a space", "name", "before migration", /only letters, digits, '-' and '_'/);
bad(MB_HW, "name with ../", "name", "back/../up", /only letters, digits, '-' and '_'/);
bad(MB_HW, "name a number", "name", 20260113, /must be a string/);
bad(MB_HW, "description with '='", "description", "a=b", /must not contain any of/);
bad(MB_HW, "description of 257 characters", "description", "d".repeat(257), /at most 256 characters/);
bad(MB_HW, "description with a control character", "description", "line\u0007bell", /control characters/);
bad(MB_HW, "name missing", "name", undefined, /is required/);
badArgs(MB_HW, "OceanBase Cloud's tenantId", plus(MB_HW, { tenantId: OB_TENANT }), "tenantId", /platforms "oceanbase-cloud" and "ocp": not allowed with platform "huawei-taurusdb"/);
badArgs(MB_HW, "OCP's backupMode", plus(MB_HW, { backupMode: "PHYSICAL_BACKUP" }), "backupMode", /argument of platform "ocp"/);
badArgs(MB_HW, "an unknown property", plus(MB_HW, { retention: 7 }), "retention", /is not a ManualBackup argument/);
bad(MB_HW, "waitForCompletion a number", "waitForCompletion", 1, /must be a boolean/);

// ---------------------------------------------------------------------------------------------------------------
// ManualBackup on OCP.

const MB_OCP: Subject = "ManualBackup/ocp";
bad(MB_OCP, "backupMode in lower case", "backupMode", "physical_backup", /must be one of PHYSICAL_BACKUP, LOGICAL_BACKUP/);
bad(MB_OCP, "dataBackupMode INCREMENTAL", "dataBackupMode", "INCREMENTAL", /must be one of FULL_BACKUP, INCREMENTAL_BACKUP/);
bad(MB_OCP, "backupMode missing", "backupMode", undefined, /is required/);
bad(MB_OCP, "storage config missing", "obBackupServiceStorageConfig", undefined, /is required/);
bad(MB_OCP, "storageUrl empty", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl", "", /must not be empty/);
bad(MB_OCP, "configName whitespace-only", "obBackupServiceStorageConfig.configName", "\t", /only whitespace/);
bad(MB_OCP, "alarm threshold zero", "obBackupServiceStorageConfig.alarmStoragePercentageThreshold", 0, /percentage from 1 to 100/);
bad(MB_OCP, "OSS key on file storage", "obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey", { endpoint: "e", accessKeyId: "a", accessKeySecret: "s" }, /allowed only when backupStorageType is BACKUP_STORAGE_OSS/);
badArgs(MB_OCP, "OceanBase Cloud's instanceId", plus(MB_OCP, { instanceId: OB_INSTANCE }), "instanceId", /platforms "oceanbase-cloud" and "huawei-taurusdb": not allowed with platform "ocp"/);
badArgs(MB_OCP, "OceanBase Cloud's databaseTables", plus(MB_OCP, { databaseTables: [{ database: "shop" }] }), "databaseTables", /argument of platform "oceanbase-cloud"/);
bad(MB_OCP, "timeoutMinutes Infinity-like", "timeoutMinutes", 1e9, /at most 1440/);

// ---------------------------------------------------------------------------------------------------------------
// RestoredTenant (OceanBase Cloud).

const RT: Subject = "RestoredTenant/oceanbase-cloud";
bad(RT, "restoreTime in the future", "restoreTime", "2999-01-01T00:00:00Z", /is in the future/);
bad(RT, "restoreTime with a space", "restoreTime", "2026-01-13 05:58:34", /"latest" or an ISO-8601 UTC time/);
bad(RT, "restoreTime without a zone", "restoreTime", "2026-01-13T05:58:34", /"latest" or an ISO-8601 UTC time/);
bad(RT, "restoreTime with +08:00", "restoreTime", "2026-01-13T13:58:34+08:00", /"latest" or an ISO-8601 UTC time/);
bad(RT, "restoreTime with a lower-case z", "restoreTime", "2026-01-13T05:58:34z", /"latest" or an ISO-8601 UTC time/);
bad(RT, "restoreTime a date only", "restoreTime", "2026-01-13", /"latest" or an ISO-8601 UTC time/);
bad(RT, "restoreTime month 13", "restoreTime", "2026-13-01T00:00:00Z", /not a real calendar time/);
bad(RT, "restoreTime 30 February", "restoreTime", "2026-02-30T00:00:00Z", /not a real calendar time/);
bad(RT, "restoreTime a fraction", "restoreTime", "2026-01-13T05:58:34.5Z", /whole seconds/);
bad(RT, "restoreTime epoch milliseconds", "restoreTime", 1768283914000, /must be a string/);
bad(RT, "restoreTime LATEST", "restoreTime", "LATEST", /"latest" or an ISO-8601/);
bad(RT, "restoreTime empty", "restoreTime", "", /"latest" or an ISO-8601/);
bad(RT, "tenant name sys", "targetTenantName", "sys", /must not be 'sys'/);
bad(RT, "tenant name SYS", "targetTenantName", "SYS", /must not be 'sys'/);
bad(RT, "tenant name of 21 characters", "targetTenantName", `t${"x".repeat(20)}`, /2-20 characters/);
bad(RT, "tenant name with a dash", "targetTenantName", "drill-0113", /letters, digits and '_'/);
bad(RT, "tenant name in Chinese", "targetTenantName", "演练租户", /letters, digits and '_'/);
bad(RT, "tenant name whitespace-only", "targetTenantName", "    ", /letters, digits and '_'/);
bad(RT, "tenant name empty", "targetTenantName", "", /must not be empty/);
bad(RT, "primary zone whitespace-only", "targetTenantPrimaryZone", "   ", /only whitespace/);
bad(RT, "primary zone a tab", "targetTenantPrimaryZone", "\t", /only whitespace/);
bad(RT, "primary zone with a trailing space", "targetTenantPrimaryZone", "cn-shanghai-e ", /start or end with whitespace/);
bad(RT, "primary zone with a newline", "targetTenantPrimaryZone", "cn-shanghai-e\nx", /control characters/);
bad(RT, "primary zone empty", "targetTenantPrimaryZone", "", /must not be empty/);
bad(RT, "description whitespace-only", "targetTenantDescription", "  ", /only whitespace/);
bad(RT, "description with NUL", "targetTenantDescription", "drill\u0000", /control characters/);
bad(RT, "description a number", "targetTenantDescription", 42, /must be a string/);
bad(RT, "cpu zero", "tenantResource.cpu", 0, /positive integer/);
bad(RT, "memory fractional", "tenantResource.memory", 1.5, /positive integer/);
bad(RT, "unitNum a string", "tenantResource.unitNum", "1", /positive integer/);
bad(RT, "tenantResource as an array", "tenantResource", [1, 4, 1], /must be an object/);
bad(RT, "unitnum and unitNum both", "tenantResource.unitnum", 1, /give the unit count once/);
bad(RT, "restoreMode in upper case", "restoreMode", "FROM_BACKUP_SET", /must be 'from_backup_set'/);
bad(RT, "restoreObjectType Tenant", "restoreObjectType", "Tenant", /must be 'tenant'/);
bad(RT, "fromRemote a string", "fromRemote", "false", /must be a boolean/);
bad(RT, "restoreObjects an object", "restoreObjects", { database: "shop" }, /must be an array/);
bad(RT, "timeoutMinutes 1441", "timeoutMinutes", 1441, /at most 1440/);
badArgs(RT, "a platform argument", plus(RT, { platform: "huawei-taurusdb" }), "platform", /is not a RestoredTenant argument/);
badArgs(RT, "a misspelt argument", plus(RT, { targetTenantname: "x" }), "targetTenantname", /is not a RestoredTenant argument/);

// ---------------------------------------------------------------------------------------------------------------
// getBackupSets.

const GBS_OB: Subject = "getBackupSets/oceanbase-cloud";
const GBS_HW: Subject = "getBackupSets/huawei-taurusdb";
bad(GBS_OB, "startTime a date only", "startTime", "2026-01-13", /ISO-8601 UTC time like 2026-01-13T05:58:34Z/);
bad(GBS_OB, "startTime with +08:00", "startTime", "2026-01-13T05:58:34+08:00", /ISO-8601 UTC/);
bad(GBS_OB, "endTime 31 April", "endTime", "2026-04-31T00:00:00Z", /not a real calendar time/);
bad(GBS_OB, "endTime before startTime", "endTime", "2019-01-01T00:00:00Z", /must not be before startTime/);
bad(GBS_OB, "pageSize zero", "pageSize", 0, /integer from 1 to 100/);
bad(GBS_OB, "pageSize 101", "pageSize", 101, /integer from 1 to 100/);
bad(GBS_OB, "pageSize a string", "pageSize", "50", /integer from 1 to 100/);
bad(GBS_OB, "checkBackupSetDownloadEnable a string", "checkBackupSetDownloadEnable", "true", /must be a boolean/);
bad(GBS_OB, "instanceId missing", "instanceId", undefined, /is required/);
bad(GBS_OB, "platform OCP", "platform", "ocp", /must be.*"oceanbase-cloud" or "huawei-taurusdb"/);
badArgs(GBS_OB, "TaurusDB's backupType", plus(GBS_OB, { backupType: "auto" }), "backupType", /is not an argument of getBackupSets on oceanbase-cloud/);
bad(GBS_HW, "backupType in upper case", "backupType", "AUTO", /must be 'auto' or 'manual'/);
bad(GBS_HW, "limit 1.5", "limit", 1.5, /integer from 1 to 100/);
bad(GBS_HW, "name of 3 characters", "name", "abc", /4 to 64 characters/);
badArgs(GBS_HW, "beginTime without endTime", plus(GBS_HW, { beginTime: "2026-01-01T00:00:00Z" }), "endTime", /is required with beginTime/);
badArgs(GBS_HW, "beginTime in Huawei's wire form", plus(GBS_HW, { beginTime: "2026-01-01T00:00:00+0800", endTime: "2026-01-02T00:00:00Z" }), "beginTime", /ISO-8601 UTC/);
badArgs(GBS_HW, "OceanBase Cloud's pageSize", plus(GBS_HW, { pageSize: 10 }), "pageSize", /is not an argument of getBackupSets on huawei-taurusdb/);

// ---------------------------------------------------------------------------------------------------------------
// getRestoreWindows.

const GRW_OB: Subject = "getRestoreWindows/oceanbase-cloud";
const GRW_HW: Subject = "getRestoreWindows/huawei-taurusdb";
bad(GRW_OB, "fromRemote a string", "fromRemote", "false", /must be a boolean/);
bad(GRW_OB, "tenantId whitespace-only", "tenantId", " ", PATH_RULE);
badArgs(GRW_OB, "TaurusDB's date", plus(GRW_OB, { date: "2026-01-13" }), "date", /is not an argument of getRestoreWindows on oceanbase-cloud/);
badArgs(GRW_OB, "platform missing", { instanceId: OB_INSTANCE }, "platform", /is required/);
bad(GRW_HW, "date 30 February", "date", "2026-02-30", /yyyy-mm-dd/, "date");
badArgs(GRW_HW, "date in day-month-year", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, date: "13/01/2026" }, "date", /yyyy-mm-dd/);
badArgs(GRW_HW, "date with startTime", { platform: "huawei-taurusdb", instanceId: HW_INSTANCE, date: "2026-01-13", startTime: "2026-01-13T00:00:00Z", endTime: "2026-01-14T00:00:00Z" }, "date", /not allowed with startTime\/endTime/);
bad(GRW_HW, "endTime before startTime", "endTime", "2019-12-31T23:59:59Z", /must not be before startTime/);
bad(GRW_HW, "startTime without endTime", "endTime", undefined, /is required with startTime/);
bad(GRW_HW, "startTime epoch milliseconds", "startTime", 1768283914000, /ISO-8601 UTC/);
badArgs(GRW_HW, "OceanBase Cloud's tenantId", plus(GRW_HW, { tenantId: OB_TENANT }), "tenantId", /is not an argument of getRestoreWindows on huawei-taurusdb/);

// ---------------------------------------------------------------------------------------------------------------
// A few more of the same kinds, where the resources and functions spell things their own way.

badArgs(MB_OB, "platform missing", { instanceId: OB_INSTANCE, tenantId: OB_TENANT }, "platform", /is required and must be one of/);
bad(MB_OB, "database name with a trailing space", "databaseTables", [{ database: "shop " }], /start or end with whitespace/, "databaseTables[0].database");
bad(BS_OB, "storage type with a newline", "backupStorageConfig.backupStorageType", "OSS\n", /control characters/);
bad(BS_OB, "platform a number", "platform", 1, /must be one of "ocp"/);
bad(GBS_HW, "name whitespace-only", "name", "     ", /must start with a letter/);
bad(GBS_OB, "startTime empty", "startTime", "", /ISO-8601 UTC/);
bad(GRW_HW, "date empty", "date", "", /yyyy-mm-dd/, "date");
bad(RT, "sourceTenantId empty", "sourceTenantId", "", /must not be empty/);
bad(RT, "restoreTime ' latest'", "restoreTime", " latest", /"latest" or an ISO-8601/);

export const CORPUS: readonly BadInput[] = entries;
