// The serialized provider as a program produces it: the exported classes registered under pulumi.runtime.setMocks
// (which never calls the provider), their `__provider` measured and inspected.
import * as pulumi from "@pulumi/pulumi";
import * as dbbackup from "../../provider/index";
import { backupStrategyProvider, manualBackupProvider, restoredTenantProvider, RUNTIME_MODULE } from "../../provider/shim";
import { SHIM_CODES } from "../../provider/runtime";
import { BACKUP_STRATEGY_INPUTS, BACKUP_STRATEGY_OUTPUTS } from "../../provider/backup-strategy/resource";
import { MANUAL_BACKUP_INPUTS, MANUAL_BACKUP_OUTPUTS } from "../../provider/manual-backup/resource";
import { RESTORED_TENANT_INPUTS, RESTORED_TENANT_OUTPUTS } from "../../provider/restored-tenant/resource";
import { EMULATOR_CREDENTIALS, EMULATOR_SECRETS, PROJECT } from "../support/provider-host";
import { isSecret, type PropertyMap } from "../support/pulumi-host";
import { providerTextOf, registerUnderMocks, serializeProvider, type MockRegistration } from "../support/serialize-provider";

const MAX_PROVIDER_CHARS = 2048;
const STORAGE_SECRET = "oss-storage-SECRET-5e1d";
const CONFIGURED_INSTANCE = "c0nf1gured00000000000000000000ffin01";

// A small program: two resources of each kind, with config values a careless shim might capture.
function program(): pulumi.CustomResource[] {
  const config = new pulumi.Config("dbbackup");
  const strategy = (name: string, clusterId: number) =>
    new dbbackup.BackupStrategy(name, {
      clusterId,
      backupMode: "PHYSICAL_BACKUP",
      obBackupScheduleConfig: { backupScheduleMode: "WEEK", backupScheduleTime: "02:00:00.000+08:00", dayAndDataBackupModelMap: { 2: "FULL_BACKUP" }, startLogBackup: true },
      obBackupThresholdConfig: { dataBackupTimeoutMinutes: 7, logBackupDelaySeconds: 300, noSuccessfulDataBackupAlarmDays: 2 },
      obBackupServiceStorageConfig: {
        configName: "oss-main",
        obBackupStorageBaseInfo: {
          backupStorageType: "BACKUP_STORAGE_OSS",
          storageUrl: "osstest/backup",
          ossAccessKey: { endpoint: "oss-cn-hangzhou.aliyuncs.com", accessKeyId: "oss-ak", accessKeySecret: STORAGE_SECRET },
        },
        alarmStoragePercentageThreshold: 80,
      },
    });
  return [
    strategy("nightly", 1000005),
    strategy("weekly", 1000006),
    new dbbackup.ManualBackup("pre-upgrade", {
      platform: "oceanbase-cloud",
      instanceId: "obcluster-demo",
      tenantId: "t-demo",
      backupObjectType: "table",
      databaseTables: [{ database: "shop", tables: ["orders", "items"] }],
    }),
    new dbbackup.ManualBackup("before-migration", {
      platform: "huawei-taurusdb",
      instanceId: config.get("instance") ?? "d8e6ca5a624745bcb546a227aa3ae1cfin01",
      name: "before-migration",
      description: "taken by pulumi",
    }),
    ...["drill-a", "drill-b"].map(
      (name) =>
        new dbbackup.RestoredTenant(name, {
          sourceInstanceId: "obcluster-demo",
          sourceTenantId: "t-demo",
          targetInstanceId: "obcluster-drill",
          targetTenantName: name.replace("-", "_"),
          targetTenantDescription: "weekly restore drill",
          targetTenantPrimaryZone: "cn-shanghai-e",
          tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
          restoreTime: "2026-01-13T05:58:34Z",
        }),
    ),
  ];
}

const TYPES = {
  BackupStrategy: "pulumi-nodejs:dynamic/dbbackup:BackupStrategy",
  ManualBackup: "pulumi-nodejs:dynamic/dbbackup:ManualBackup",
  RestoredTenant: "pulumi-nodejs:dynamic/dbbackup:RestoredTenant",
} as const;

describe("the serialized provider (__provider) of each exported class", () => {
  let regs: MockRegistration[];
  const textsOf = (type: string): string[] => regs.filter((r) => r.type === type).map((r) => providerTextOf(r.inputs));

  beforeAll(async () => {
    // Config values the program can see: none may end up in __provider.
    process.env.PULUMI_CONFIG = JSON.stringify({
      "dbbackup:instance": CONFIGURED_INSTANCE,
      "dbbackup:huaweiSecretKey": EMULATOR_CREDENTIALS.huawei.secretKey,
    });
    regs = await registerUnderMocks(program, { project: PROJECT });
  });
  afterAll(() => {
    delete process.env.PULUMI_CONFIG;
  });

  it("the program saw its config (so the shim had the chance to capture it)", () => {
    expect(regs.find((r) => r.name === "before-migration")!.inputs.instanceId).toBe(CONFIGURED_INSTANCE);
  });

  it("registers every resource with the documented type tokens", () => {
    expect(regs.map((r) => r.type).sort()).toEqual([...Object.values(TYPES), ...Object.values(TYPES)].sort());
  });

  it.each(Object.entries(TYPES))("%s: at most 2048 characters, requiring the runtime from the installed package", (_kind, type) => {
    const [text] = textsOf(type);
    expect(text).toBeDefined();
    expect(text!.length).toBeLessThanOrEqual(MAX_PROVIDER_CHARS);
    expect(text).toContain(`require("pulumi-dbbackup/provider/runtime")`);
    expect(RUNTIME_MODULE).toBe("pulumi-dbbackup/provider/runtime");
  });

  it.each(Object.entries(TYPES))("%s: one text reused by both resources of the kind, and distinct from the other kinds", (_kind, type) => {
    const texts = textsOf(type);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe(texts[0]);
    const others = regs.filter((r) => r.type !== type).map((r) => providerTextOf(r.inputs));
    expect(others).not.toContain(texts[0]);
  });

  it.each(Object.entries(TYPES))("%s: carries no credential, no config value and no implementation code", (_kind, type) => {
    const [text] = textsOf(type);
    const reg = regs.find((r) => r.type === type)!;
    expect(isSecret(reg.inputs.__provider)).toBe(false);
    for (const s of [...EMULATOR_SECRETS, STORAGE_SECRET, CONFIGURED_INSTANCE, "dbbackup:", "PULUMI_CONFIG"]) expect(text).not.toContain(s);
    // Only the seven one-line methods and Pulumi's wrapper: no handler, client or zod code.
    expect(text).not.toMatch(/zod|undici|Transport|handlers|class /);
    expect(text!.match(/require\(/g)).toHaveLength(7);
  });

  it("each kind's methods pass their own kind code to the runtime", () => {
    const codeOf = (type: string) => {
      const codes = [...textsOf(type)[0]!.matchAll(/\.(?:check|diff|create|read|update|remove)\("([A-Z]+)", a\)/g)].map((m) => m[1]);
      expect(codes).toHaveLength(6);
      expect(new Set(codes).size).toBe(1);
      return SHIM_CODES[codes[0]!];
    };
    expect(codeOf(TYPES.BackupStrategy)).toBe("BackupStrategy");
    expect(codeOf(TYPES.ManualBackup)).toBe("ManualBackup");
    expect(codeOf(TYPES.RestoredTenant)).toBe("RestoredTenant");
  });

  it("the classes register the same text pulumi.dynamic.Resource makes from the shim objects", async () => {
    expect((await serializeProvider(backupStrategyProvider())).text).toBe(textsOf(TYPES.BackupStrategy)[0]);
    expect((await serializeProvider(manualBackupProvider())).text).toBe(textsOf(TYPES.ManualBackup)[0]);
    expect((await serializeProvider(restoredTenantProvider())).text).toBe(textsOf(TYPES.RestoredTenant)[0]);
  });

  it("BackupStrategy registers its storage configs as secrets; the other inputs stay plain", () => {
    const inputs: PropertyMap = regs.find((r) => r.name === "nightly")!.inputs;
    expect(isSecret(inputs.obBackupServiceStorageConfig)).toBe(true);
    expect(isSecret(inputs.backupMode)).toBe(false);
    expect(JSON.stringify({ ...inputs, obBackupServiceStorageConfig: undefined })).not.toContain(STORAGE_SECRET);
    // Not given, so not registered at all (a secret-wrapped undefined would be a value).
    expect("obSecondaryBackupConfig" in inputs).toBe(false);
  });

  it("logs the measured sizes", () => {
    const sizes = Object.fromEntries(Object.entries(TYPES).map(([k, t]) => [k, textsOf(t)[0]!.length]));
    // Visible in the jest output for the report; asserted above.
    process.stderr.write(`__provider sizes: ${JSON.stringify(sizes)}\n`);
    expect(Object.values(sizes).every((n) => n > 0)).toBe(true);
  });
});

describe("class properties", () => {
  it("every input and output name is an Output property of the constructed resource", async () => {
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: "x", state: a.inputs }), call: (a) => a.inputs }, PROJECT, "test", false);
    const built: [pulumi.CustomResource, readonly string[]][] = [
      [new dbbackup.ManualBackup("m", { platform: "huawei-taurusdb", instanceId: "x", name: "n-1" }), [...MANUAL_BACKUP_INPUTS, ...MANUAL_BACKUP_OUTPUTS]],
      [new dbbackup.BackupStrategy("s", { clusterId: 1, backupMode: "PHYSICAL_BACKUP", obBackupScheduleConfig: {} as never, obBackupThresholdConfig: {} as never, obBackupServiceStorageConfig: {} as never }), [...BACKUP_STRATEGY_INPUTS, ...BACKUP_STRATEGY_OUTPUTS]],
      [new dbbackup.RestoredTenant("r", { sourceInstanceId: "a" } as never), [...RESTORED_TENANT_INPUTS, ...RESTORED_TENANT_OUTPUTS]],
    ];
    for (const [resource, names] of built) {
      const missing = names.filter((n) => !pulumi.Output.isInstance((resource as unknown as Record<string, unknown>)[n]));
      expect({ type: resource.constructor.name, missing }).toEqual({ type: resource.constructor.name, missing: [] });
    }
  });
});

describe("resource options set by the classes", () => {
  it("BackupStrategy and ManualBackup add their storage configs to additionalSecretOutputs, keeping the program's own", async () => {
    const seen: { type: string; opts: pulumi.CustomResourceOptions }[] = [];
    // resource.js calls registerResource through the module object, so a spy sees every registration's options.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rt = require("@pulumi/pulumi/runtime/resource") as { registerResource: (...a: unknown[]) => unknown };
    const spy = jest.spyOn(rt, "registerResource").mockImplementation((...a: unknown[]) => {
      seen.push({ type: a[2] as string, opts: a[8] as pulumi.CustomResourceOptions });
    });
    try {
      await pulumi.runtime.setMocks({ newResource: (a) => ({ id: "x", state: a.inputs }), call: (a) => a.inputs }, PROJECT, "test", false);
      new dbbackup.BackupStrategy("s", { clusterId: 1, backupMode: "PHYSICAL_BACKUP", obBackupScheduleConfig: {} as never, obBackupThresholdConfig: {} as never, obBackupServiceStorageConfig: {} as never }, { additionalSecretOutputs: ["backupMode"] });
      new dbbackup.ManualBackup("m", { platform: "huawei-taurusdb", instanceId: "x" });
    } finally {
      spy.mockRestore();
    }
    expect(seen.map((s) => s.type)).toEqual([TYPES.BackupStrategy, TYPES.ManualBackup]);
    expect(seen[0]!.opts.additionalSecretOutputs).toEqual(["backupMode", "obBackupServiceStorageConfig", "obSecondaryBackupConfig"]);
    // ManualBackup's OCP storage config (its only secret argument), whatever the platform.
    expect(seen[1]!.opts.additionalSecretOutputs).toEqual(["obBackupServiceStorageConfig"]);
  });
});
