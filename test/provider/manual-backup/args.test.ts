// ManualBackup check() through the dynamic-provider host, case by case: each bad input fails with its property path
// and the rule it breaks, and the emulator's request log proves nothing was sent. Also: defaults, every failure at
// once, and values the engine does not know yet (preview) passing unchecked.
import { UNKNOWN, type PropertyMap } from "../../support/pulumi-host";
import { useProviderHost } from "../../support/provider-host";

const OB = { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo" };
const HW = { platform: "huawei-taurusdb", instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01", name: "before-migration" };
const tables = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i + 1}`);

const CASES: Array<[string, PropertyMap, string, RegExp]> = [
  ["201 tables at table level", { ...OB, backupObjectType: "table", databaseTables: [{ database: "shop", tables: tables(201) }] }, "databaseTables[0].tables", /at most 200 tables \(got 201\)/],
  ["two databases at table level", { ...OB, backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders"] }, { database: "crm", tables: ["leads"] }] }, "databaseTables", /exactly one database/],
  ["empty tables at database level", { ...OB, backupObjectType: "database", databaseTables: [{ database: "shop", tables: [] }] }, "databaseTables[0].tables", /must name at least one table/],
  ["databaseTables for a tenant backup", { ...OB, databaseTables: [{ database: "shop" }] }, "databaseTables", /must be omitted for a tenant-level backup/],
  ["no databaseTables at database level", { ...OB, backupObjectType: "database" }, "databaseTables", /is required/],
  ["no tables at table level", { ...OB, backupObjectType: "table", databaseTables: [{ database: "shop" }] }, "databaseTables[0].tables", /is required for a table-level backup/],
  ["a table named twice", { ...OB, backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders", "orders"] }] }, "databaseTables[0].tables[1]", /duplicate table name 'orders'/],
  ["an unknown key in a databaseTables entry", { ...OB, backupObjectType: "database", databaseTables: [{ database: "shop", table: "x" }] }, "databaseTables[0].table", /is not a known property/],
  ["missing tenantId at table level", { platform: "oceanbase-cloud", instanceId: "obcluster-demo", backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders"] }] }, "tenantId", /is required/],
  ["backupPolicy other than manual", { ...OB, backupPolicy: "auto" }, "backupPolicy", /must be "manual" \(an on-demand backup\), got "auto"/],
  ["backupPolicy on a logical backup", { ...OB, backupObjectType: "database", databaseTables: [{ database: "shop" }], backupPolicy: "manual" }, "backupPolicy", /tenant-level \(physical\) backups only/],
  ["instanceId with '/'", { ...OB, instanceId: "obcluster/demo" }, "instanceId", /must not contain '\/'/],
  ["tenantId with '..'", { ...OB, tenantId: "t-..-x" }, "tenantId", /must not contain '\.\.'/],
  ["unknown backupObjectType", { ...OB, backupObjectType: "cluster" }, "backupObjectType", /must be one of tenant, database, table/],
  ["needPreCheck at database level", { ...OB, backupObjectType: "database", databaseTables: [{ database: "shop" }], needPreCheck: true }, "needPreCheck", /tenant-level \(physical\) backups only/],
  ["needPreCheck not a boolean", { ...OB, needPreCheck: "yes" }, "needPreCheck", /must be a boolean/],
  ["a Huawei-only property on OceanBase", { ...OB, name: "snap-1" }, "name", /is an argument of platform "huawei-taurusdb": not allowed with platform "oceanbase-cloud"/],
  ["an OceanBase-only property on Huawei", { ...HW, backupObjectType: "tenant" }, "backupObjectType", /is an argument of platform "oceanbase-cloud": not allowed with platform "huawei-taurusdb"/],
  ["a tenantId on Huawei (OceanBase Cloud and OCP have one)", { ...HW, tenantId: "t-demo" }, "tenantId", /is an argument of platforms "oceanbase-cloud" and "ocp": not allowed with platform "huawei-taurusdb"/],
  ["Huawei name too short", { ...HW, name: "abc" }, "name", /must be 4 to 64 characters/],
  ["Huawei name 65 characters", { ...HW, name: `a${"b".repeat(64)}` }, "name", /must be 4 to 64 characters/],
  ["Huawei name starting with a digit", { ...HW, name: "1backup" }, "name", /must start with a letter/],
  ["Huawei name with a bad character", { ...HW, name: "back.up" }, "name", /may contain only letters, digits, '-' and '_'/],
  ["Huawei name missing", { platform: "huawei-taurusdb", instanceId: HW.instanceId }, "name", /is required/],
  ["Huawei description with '&'", { ...HW, description: "this & that" }, "description", /must not contain any of > ! < " & ' =/],
  ["Huawei description of 257 characters", { ...HW, description: "d".repeat(257) }, "description", /must be at most 256 characters/],
  ["Huawei instanceId with '/'", { ...HW, instanceId: "d8e6ca5a624745bcb546a227aa3ae1cf/in01" }, "instanceId", /must not contain '\/'/],
  ["Huawei instanceId not in the documented form", { ...HW, instanceId: "d8e6ca5a624745bcb546" }, "instanceId", /32 letters or digits followed by 'in'/],
  ["unknown platform", { ...OB, platform: "aws-rds" }, "platform", /must be one of "oceanbase-cloud", "huawei-taurusdb"/],
  ["missing platform", { instanceId: "obcluster-demo", tenantId: "t-demo" }, "platform", /is required/],
  ["timeoutMinutes 0", { ...HW, timeoutMinutes: 0 }, "timeoutMinutes", /greater than 0 and at most 1440/],
  ["timeoutMinutes over a day", { ...OB, timeoutMinutes: 1441 }, "timeoutMinutes", /greater than 0 and at most 1440/],
  ["waitForCompletion not a boolean", { ...OB, waitForCompletion: "yes" }, "waitForCompletion", /must be a boolean/],
  ["a misspelt argument", { ...OB, databaseTable: [{ database: "shop" }] }, "databaseTable", /is not a ManualBackup argument/],
];

describe("ManualBackup check() through the dynamic-provider host", () => {
  const h = useProviderHost();
  const mb = h.manualBackup;

  it.each(CASES)("refuses %s, naming the property and the rule, sending nothing", async (_what, news, property, rule) => {
    const mark = await h.mark();
    const { failures } = await mb.check(news);
    const failure = failures.find((f) => f.property === property);
    expect({ failures, failure }).toMatchObject({ failure: { property, reason: expect.stringMatching(rule) } });
    await h.expectNoRequestsSince(mark);
  });

  it("reports every broken rule at once", async () => {
    const { failures } = await mb.check({ platform: "huawei-taurusdb", instanceId: "x/y", name: "1", description: "a=b", timeoutMinutes: -1, tenantId: "t" });
    expect(failures.map((f) => f.property).sort()).toEqual(["description", "instanceId", "name", "tenantId", "timeoutMinutes"]);
  });

  it("applies the defaults and keeps the structured databaseTables", async () => {
    const mark = await h.mark();
    const ob = await mb.check({ ...OB, backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders", "items"] }] });
    expect(ob.failures).toEqual([]);
    expect(ob.inputs).toEqual({
      ...OB,
      backupObjectType: "table",
      databaseTables: [{ database: "shop", tables: ["orders", "items"] }],
      waitForCompletion: true,
      timeoutMinutes: 60,
      __provider: await h.providerText("ManualBackup"),
    });
    const tenant = await mb.check(OB);
    expect(tenant.inputs).toMatchObject({ backupObjectType: "tenant", waitForCompletion: true, timeoutMinutes: 60 });
    const hw = await mb.check({ ...HW, waitForCompletion: false, timeoutMinutes: 0.5 });
    expect(hw.failures).toEqual([]);
    expect(hw.inputs).toMatchObject({ ...HW, waitForCompletion: false, timeoutMinutes: 0.5 });
    await h.expectNoRequestsSince(mark);
  });

  it("passes values that are unknown in preview without checking them", async () => {
    const { failures, inputs } = await mb.check({ ...HW, instanceId: UNKNOWN, description: UNKNOWN });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ instanceId: UNKNOWN, description: UNKNOWN, name: HW.name, timeoutMinutes: 60 });
    expect((await mb.check({ platform: UNKNOWN, instanceId: "x", whatever: 1 })).failures).toEqual([
      { property: "whatever", reason: expect.stringMatching(/not a ManualBackup argument/) },
    ]);
  });
});
