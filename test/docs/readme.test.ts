// Keeps README.md honest mechanically: the names, defaults, ids, error codes, messages and emulator facts it
// documents are compared with what the code declares or produces, so a change on either side that is not made on
// the other fails here. The README is read from the repository root (found by walking up from this file).
import * as fs from "node:fs";
import * as path from "node:path";
import { slug } from "../support/markdown";
import { families } from "../../emulator/families";
import { USAGE } from "../../scripts/deploy/args";
import { MIN_VERSION, pinnedVersion } from "../../scripts/pulumi-cli/ensure";
import { parseArgs as parseEmulatorArgs } from "../../emulator/cli";
import { ACCESS_KEYS as OB_ACCESS_KEYS, PROJECT_ID as OB_PROJECT_ID } from "../../emulator/oceanbase/fixtures";
import { OCP_ACCESS_KEYS, OCP_BASIC_USERS } from "../../emulator/ocp/fixtures";
import { AKSK as HW_AKSK, PROJECT_ID as HW_PROJECT_ID, TOKENS as HW_TOKENS } from "../../emulator/taurusdb/fixtures";
import { checkArgs as checkStrategy } from "../../provider/backup-strategy/args";
import { formatStrategyId, formatStrategyRef, parseStrategyId } from "../../provider/backup-strategy/id";
import {
  DEFAULT_POLL_INITIAL_MS,
  DEFAULT_POLL_MAX_MS,
  InvalidConfigError,
  MissingConfigError,
  oceanBaseClientFrom,
  ocpClientFrom,
  POLL_INITIAL_ENV,
  POLL_MAX_ENV,
  resolveConfig,
  SETTINGS,
  taurusDbClientFrom,
  type Setting,
} from "../../provider/config";
import { checkManualBackupArgs } from "../../provider/manual-backup/args";
import { manualBackupId, parseManualBackupId } from "../../provider/manual-backup/id";
import { BACKUP_STRATEGY_INPUTS, BACKUP_STRATEGY_OUTPUTS } from "../../provider/backup-strategy/resource";
import { MANUAL_BACKUP_INPUTS, MANUAL_BACKUP_OUTPUTS } from "../../provider/manual-backup/resource";
import { RESTORED_TENANT_INPUTS, RESTORED_TENANT_OUTPUTS } from "../../provider/restored-tenant/resource";
import { RESOURCE_MODULE } from "../../provider/resource-class";
import { checkArgs as checkRestore } from "../../provider/restored-tenant/args";
import { parseRestoredTenantId, restoredTenantId } from "../../provider/restored-tenant/id";
import * as runtime from "../../provider/runtime";
import * as dbbackup from "../../provider/index";
import { InvalidArgumentsError } from "../../provider/functions/arguments";
import { BACKUP_SETS_ARGS } from "../../provider/functions/get-backup-sets";
import { RESTORE_WINDOWS_ARGS } from "../../provider/functions/get-restore-windows";
import { FunctionCallError } from "../../provider/functions/program-config";
import type { CheckResult, Props } from "../../provider/types";
import { ErrorCodes } from "../../sdk/errors";
import { obCloudProgram } from "../provider/backup-strategy/support";
import {
  cosAccessKeySchema,
  ossAccessKeySchema,
  scheduleConfigSchema,
  secondaryBackupConfigSchema,
  storageBaseInfoSchema,
  storageConfigSchema,
  thresholdConfigSchema,
} from "../../sdk/ocp/schemas";

// ---------------------------------------------------------------------------------------------------------------
// Reading the README

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "pulumi-dbbackup") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-dbbackup package.json above ${__dirname}`);
  }
}

const ROOT = repoRoot();
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const LINES = README.split("\n");

interface Heading {
  level: number;
  text: string;
  line: number;
}

// Headings outside fenced code blocks.
const HEADINGS: Heading[] = (() => {
  const out: Heading[] = [];
  let fenced = false;
  LINES.forEach((l, line) => {
    if (l.startsWith("```")) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) (.+)$/.exec(l);
    if (m) out.push({ level: (m[1] as string).length, text: (m[2] as string).trim(), line });
  });
  return out;
})();

/** GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to hyphens. */

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(text: string, level: number, within: string = README): string {
  const lines = within.split("\n");
  const start = lines.findIndex((l) => l === `${"#".repeat(level)} ${text}`);
  if (start < 0) throw new Error(`README has no heading "${"#".repeat(level)} ${text}"`);
  let end = lines.length;
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.startsWith("```")) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6}) /.exec(l);
    if (m && (m[1] as string).length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join("\n");
}

/** The tables in a piece of markdown: each a list of rows of cells (the header row first, the separator dropped). */
function tables(text: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith("|") ? -1 : undefined)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (current === undefined) {
      current = [];
      out.push(current);
    }
    current.push(cells);
  }
  return out;
}

/** The backticked names in the first column of a table's data rows. */
function firstColumn(table: string[][]): string[] {
  return table.slice(1).flatMap((row) => [...(row[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] as string));
}

function firstTable(text: string): string[][] {
  const t = tables(text)[0];
  if (t === undefined) throw new Error(`no table in:\n${text.slice(0, 200)}`);
  return t;
}

/** The row of a table whose first cell is exactly `name` in backticks. */
function rowOf(table: string[][], name: string): string[] | undefined {
  return table.slice(1).find((row) => row[0] === `\`${name}\``);
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

// ---------------------------------------------------------------------------------------------------------------

describe("README structure", () => {
  test("every in-page link points at a heading", () => {
    const anchors = new Set(HEADINGS.map((h) => slug(h.text)));
    const links = [...README.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });

  test("the contents list every second-level section, in order", () => {
    const contents = section("Contents", 2);
    const listed = [...contents.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)/gm)].map((m) => m[1]);
    const h2 = HEADINGS.filter((h) => h.level === 2 && h.text !== "Contents").map((h) => slug(h.text));
    expect(listed).toEqual(h2);
  });

  test("the two commands and the quickstart walkthrough are there", () => {
    expect(section("Two commands", 2)).toContain("npm ci && npm start");
    expect(section("Two commands", 2)).toMatch(/^npm test\b/m);
    const walkthrough = section("Quickstart walkthrough", 2);
    expect(walkthrough).toContain("<!-- QUICKSTART-OUTPUT:BEGIN -->");
    expect(walkthrough).toContain("<!-- QUICKSTART-OUTPUT:END -->");
  });

  test("every npm start flag is shown, and the pinned CLI version and minimum are the code's", () => {
    const twoCommands = section("Two commands", 2);
    const flags = (USAGE.match(/^ {2}--[a-z-]+/gm) ?? []).map((f) => f.trim());
    expect(flags.length).toBeGreaterThan(5);
    for (const flag of flags) expect(twoCommands).toMatch(new RegExp(`[ \`]${flag}\\b`));
    expect(twoCommands).toContain(`pulumi-v${pinnedVersion()}`);
    expect(twoCommands).toContain(`v${MIN_VERSION} or newer`);
  });
});

describe("README configuration", () => {
  const config = section("Configuration", 2);
  const table = firstTable(config);
  const names = Object.keys(SETTINGS) as (keyof typeof SETTINGS)[];

  test("one row per setting, no others", () => {
    expect(firstColumn(table).sort()).toEqual(names.map((n) => SETTINGS[n].key).sort());
  });

  test.each(names)("%s: config key, environment variable, default and secrecy", (name) => {
    const s: Setting = SETTINGS[name];
    const row = rowOf(table, s.key);
    expect(row).toBeDefined();
    const [, env, dflt, notes] = row as string[];
    expect(env).toBe(`\`${s.env}\``);
    if (s.default === undefined) expect(dflt).toBe("none");
    else if (typeof s.default === "string") expect(dflt).toContain(`\`${s.default}\``);
    else expect(dflt).toContain(`\`${s.default(() => "{region}")}\``);
    if (s.secret === true) expect(notes).toContain("**secret**");
    else expect(notes).not.toContain("secret");
  });

  test("the poll tuning variables and their defaults", () => {
    const poll = tables(config).find((t) => firstColumn(t).includes(POLL_INITIAL_ENV));
    expect(poll).toBeDefined();
    expect(rowOf(poll as string[][], POLL_INITIAL_ENV)?.[1]).toBe(`\`${DEFAULT_POLL_INITIAL_MS}\``);
    expect(rowOf(poll as string[][], POLL_MAX_ENV)?.[1]).toBe(`\`${DEFAULT_POLL_MAX_MS}\``);
  });
});

describe("README resource reference", () => {
  // Each resource: its check, and valid arguments per platform (the README's "Platform" column, where there is one).
  const kinds = [
    {
      kind: "BackupStrategy",
      inputs: BACKUP_STRATEGY_INPUTS,
      outputs: BACKUP_STRATEGY_OUTPUTS,
      check: checkStrategy,
      // The README's Platform column: "OCP", "all" (checked on OCP), "OceanBase Cloud", "TaurusDB" or both of those.
      valid: (platform?: string) => (platform?.includes("TaurusDB") ? taurusStrategy() : platform === "OceanBase Cloud" ? obCloudProgram() : strategy({})),
    },
    {
      kind: "ManualBackup",
      inputs: MANUAL_BACKUP_INPUTS,
      outputs: MANUAL_BACKUP_OUTPUTS,
      check: checkManualBackupArgs,
      valid: (platform?: string) =>
        platform === "TaurusDB"
          ? { platform: "huawei-taurusdb", instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01", name: "before-migration" }
          : platform === "OCP"
            ? { platform: "ocp", clusterId: 1000005, backupMode: "PHYSICAL_BACKUP", dataBackupMode: "FULL_BACKUP", obBackupServiceStorageConfig: ocpStorage() }
            : { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo" },
    },
    { kind: "RestoredTenant", inputs: RESTORED_TENANT_INPUTS, outputs: RESTORED_TENANT_OUTPUTS, check: checkRestore, valid: () => restoreArgs() },
  ] as const;

  describe.each(kinds)("$kind", ({ kind, inputs, outputs, check, valid }) => {
    const text = section(kind, 3);
    const args = firstTable(section("Arguments", 4, text));
    const column = (name: string): number => (args[0] ?? []).indexOf(name);

    test("names its type token", () => {
      expect(text).toContain(`\`pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${kind}\``);
    });

    test("the arguments table lists exactly the class's arguments", () => {
      expect([...firstColumn(args)].sort()).toEqual([...inputs].sort());
    });

    test("the outputs table lists exactly the class's declared outputs", () => {
      expect(firstColumn(firstTable(section("Outputs", 4, text))).sort()).toEqual([...outputs].sort());
    });

    test("each default shown is the one check() fills in, and each plain 'required' is enforced", () => {
      const at = column("Required / default");
      expect(at).toBeGreaterThan(0);
      let defaults = 0;
      for (const row of args.slice(1)) {
        const name = /^`([^`]+)`$/.exec(row[0] ?? "")?.[1] as string;
        const cell = row[at] ?? "";
        const platform = column("Platform") > 0 ? row[column("Platform")] : undefined;
        const { [name]: _omitted, ...without } = valid(platform) as Props;
        const literal = /^`([^`]+)`$/.exec(cell)?.[1];
        if (literal !== undefined) {
          defaults++;
          const r = check(without);
          expect(r.failures).toEqual([]);
          expect({ [name]: r.inputs[name] }).toEqual({ [name]: JSON.parse(literal) });
        } else if (cell === "required") {
          expect(check(without).failures.map((f) => f.property)).toContain(name);
        }
      }
      expect(defaults).toBeGreaterThanOrEqual(2); // waitForCompletion and timeoutMinutes at least
    });

    test("timeoutMinutes: the bound shown is the one check() enforces", () => {
      const bound = Number(/at most (\d+)/.exec((rowOf(args, "timeoutMinutes") ?? []).join("|"))?.[1]);
      expect(bound).toBeGreaterThan(0);
      const failsAt = (minutes: number): boolean => check({ ...valid(), timeoutMinutes: minutes }).failures.some((f) => f.property === "timeoutMinutes");
      expect([failsAt(bound), failsAt(bound + 0.5), failsAt(0), failsAt(0.02)]).toEqual([false, true, true, false]);
    });
  });

  test("BackupStrategy: the schedule's defaults are the ones check() fills in", () => {
    const args = section("Arguments", 4, section("BackupStrategy", 3));
    // backupScheduleTime: OceanBase Cloud's top-level backupScheduleMode is in the arguments table too.
    const schedule = tables(args).find((t) => firstColumn(t).includes("backupScheduleTime")) as string[][];
    let defaults = 0;
    for (const row of schedule.slice(1)) {
      const name = /^`([^`]+)`$/.exec(row[0] ?? "")?.[1] as string;
      const literal = /^`([^`]+)`$/.exec(row[2] ?? "")?.[1];
      if (literal === undefined) continue;
      defaults++;
      const r = checkStrategy(strategy({ [name]: undefined }));
      expect(r.failures).toEqual([]);
      expect({ [name]: (r.inputs.obBackupScheduleConfig as Props)[name] }).toEqual({ [name]: JSON.parse(literal) });
    }
    expect(defaults).toBe(2);
  });

  test("BackupStrategy: every field of the strategy body's nested objects is documented", () => {
    const args = section("Arguments", 4, section("BackupStrategy", 3));
    const documented = new Set(tables(args).flatMap(firstColumn));
    const nested = [scheduleConfigSchema, thresholdConfigSchema, storageConfigSchema, storageBaseInfoSchema, secondaryBackupConfigSchema];
    const fields = nested.flatMap((s) => Object.keys(s.shape));
    expect(fields.filter((f) => !documented.has(f))).toEqual([]);
    const inText = [...Object.keys(ossAccessKeySchema.shape), ...Object.keys(cosAccessKeySchema.shape), ...Object.keys(secondaryBackupConfigSchema.shape.scheduleConfig.shape)];
    expect(inText.filter((f) => !args.includes(f))).toEqual([]);
  });

  test("ManualBackup and RestoredTenant: the fields of structured arguments are documented", () => {
    const manual = section("Arguments", 4, section("ManualBackup", 3));
    const checked = checkManualBackupArgs({ platform: "oceanbase-cloud", instanceId: "i", tenantId: "t", backupObjectType: "table", databaseTables: [{ database: "d", tables: ["t"] }] });
    const entry = (checked.inputs.databaseTables as Record<string, unknown>[])[0] as Record<string, unknown>;
    for (const key of Object.keys(entry)) expect(rowOf(firstTable(manual), "databaseTables")?.[2]).toContain(key);

    const restored = section("Arguments", 4, section("RestoredTenant", 3));
    const resource = checkRestore(restoreArgs()).inputs.tenantResource as Record<string, unknown>;
    expect(Object.keys(resource).length).toBe(3);
    for (const key of Object.keys(resource)) expect(rowOf(firstTable(restored), "tenantResource")?.[1]).toContain(key);
  });

  test("every id shown in backticks parses, and formats back to itself", () => {
    const ids = [...README.matchAll(/`((?:oceanbase-cloud|huawei-taurusdb)\/[^`/\s]+\/[^`/\s]+|\d+(?:\/tenants\/\d+)?|obcluster-[a-z]+\/[a-z0-9]+)`/g)].map((m) => m[1] as string);
    const strategies = ids.filter((id) => /^\d+(\/tenants\/\d+)?$/.test(id) && id.length >= 7);
    const backups = ids.filter((id) => /^(oceanbase-cloud|huawei-taurusdb)\//.test(id) && !id.includes("{"));
    const tenants = ids.filter((id) => id.startsWith("obcluster-"));
    expect(strategies).toEqual(expect.arrayContaining(["1000005", "1000005/tenants/1002"]));
    expect(backups.length).toBeGreaterThan(0);
    expect(tenants.length).toBeGreaterThan(0);
    for (const id of strategies) expect(formatStrategyId(parseStrategyId(id))).toBe(id);
    for (const id of backups) expect(manualBackupId(parseManualBackupId(id))).toBe(id);
    for (const id of tenants) expect(restoredTenantId(parseRestoredTenantId(id))).toBe(id);
  });

  test("the id formats written out are the ones the code builds", () => {
    expect(section("Id", 4, section("BackupStrategy", 3))).toContain(`\`"${formatStrategyId({ clusterId: 7 }).replace("7", "{clusterId}")}"\``);
    expect(section("Id", 4, section("BackupStrategy", 3))).toContain(
      `\`"${formatStrategyId({ clusterId: 7, tenantId: 9 }).replace("7", "{clusterId}").replace("9", "{tenantId}")}"\``,
    );
    const strategyIds = section("Id", 4, section("BackupStrategy", 3));
    expect(strategyIds).toContain(`\`"${formatStrategyRef({ platform: "oceanbase-cloud", instanceId: "I" }).replace("I", "{instanceId}")}"\``);
    expect(strategyIds).toContain(
      `\`"${formatStrategyRef({ platform: "huawei-taurusdb", projectId: "P", instanceId: "X" }).replace("P", "{projectId}").replace("X", "{instanceId}")}"\``,
    );
    const mb = section("Id", 4, section("ManualBackup", 3));
    expect(mb).toContain(`\`"${manualBackupId({ platform: "oceanbase-cloud", instanceId: "I", backupId: "B" }).replace("I", "{instanceId}").replace("B", "{backupId}")}"\``);
    expect(mb).toContain(`\`"${manualBackupId({ platform: "huawei-taurusdb", projectId: "P", backupId: "B" }).replace("P", "{projectId}").replace("B", "{backupId}")}"\``);
    expect(mb).toContain(`\`"${manualBackupId({ platform: "ocp", clusterId: 7, backupId: "8" }).replace("7", "{clusterId}").replace("8", "{taskId}")}"\``);
    expect(mb).toContain(
      `\`"${manualBackupId({ platform: "ocp", clusterId: 7, tenantId: 9, backupId: "8" }).replace("7", "{clusterId}").replace("9", "{tenantId}").replace("8", "{taskId}")}"\``,
    );
    for (const id of [...mb.matchAll(/`(ocp\/\d+\/[^`\s]+)`/g)].map((m) => m[1] as string)) expect(manualBackupId(parseManualBackupId(id))).toBe(id);
    expect(section("Id", 4, section("RestoredTenant", 3))).toContain(
      `\`"${restoredTenantId({ instanceId: "I", tenantId: "T" }).replace("I", "{targetInstanceId}").replace("T", "{tenantId}")}"\``,
    );
  });
});

describe("README functions", () => {
  const text = section("Functions", 3);
  const cases = [
    { fn: "getBackupSets", args: BACKUP_SETS_ARGS },
    { fn: "getRestoreWindows", args: RESTORE_WINDOWS_ARGS },
  ] as const;

  test.each(cases)("$fn: the arguments table lists exactly its arguments, each under the platforms that take it", ({ fn, args }) => {
    const table = firstTable(section(fn, 4, text));
    const platform = table[0]?.indexOf("Platform") ?? -1;
    expect(platform).toBeGreaterThan(0);
    const all = new Set<string>([...args["oceanbase-cloud"], ...args["huawei-taurusdb"]]);
    expect(firstColumn(table).sort()).toEqual([...all].sort());
    for (const row of table.slice(1)) {
      for (const name of [...(row[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)) {
        const ob = (args["oceanbase-cloud"] as readonly string[]).includes(name);
        const hw = (args["huawei-taurusdb"] as readonly string[]).includes(name);
        expect({ [name]: row[platform] }).toEqual({ [name]: ob && hw ? "both" : ob ? "OceanBase Cloud" : "TaurusDB" });
      }
    }
  });

  test("the package root exports both functions, and the errors named are the ones thrown", () => {
    expect(typeof dbbackup.getBackupSets).toBe("function");
    expect(typeof dbbackup.getRestoreWindows).toBe("function");
    const errors = section("Errors", 4, text);
    for (const name of [InvalidArgumentsError.name, "MissingConfigError", "InvalidConfigError", "UnknownConfigKeyError", FunctionCallError.name]) {
      expect(errors).toContain(`\`${name}\``);
    }
    expect(new InvalidArgumentsError("getBackupSets", [{ property: "pageSize", value: 101, reason: "must be an integer from 1 to 100" }]).message).toBe(
      /e\.g\. `([^`]+)`/.exec(errors)?.[1],
    );
  });
});

describe("README error codes and messages", () => {
  test("every sdk error code is in the sdk's code table", () => {
    const table = firstTable(section("The sdk", 2));
    const listed = new Set(firstColumn(table));
    expect(Object.values(ErrorCodes).filter((c) => !listed.has(c))).toEqual([]);
  });

  test("the provider's configuration error codes are named", () => {
    expect(README).toContain(`\`${new MissingConfigError("x", []).code}\``);
    expect(README).toContain(`\`${new InvalidConfigError("ocpEndpoint", "x").code}\``);
  });

  test("every configuration error quoted in Troubleshooting is the provider's own text", () => {
    const quoted = section("Missing or invalid configuration", 3);
    const config = (values: Record<string, string>) => resolveConfig({ get: (k) => values[k.replace(/^dbbackup:/, "")] }, {});
    const creds = { huaweiAccessKey: "ak", huaweiSecretKey: "sk-sk" };
    const messages = [
      messageOf(() => oceanBaseClientFrom(config({}))),
      messageOf(() => ocpClientFrom(config({}))),
      messageOf(() => ocpClientFrom(config({ ocpEndpoint: "http://ocp.invalid" }))),
      messageOf(() => ocpClientFrom(config({ ocpEndpoint: "http://ocp.invalid", ocpAccessKeyId: "ak" }))),
      messageOf(() => ocpClientFrom(config({ ocpEndpoint: "ftp://ocp.invalid", ocpUsername: "u", ocpPassword: "pw-pw" }))),
      messageOf(() => taurusDbClientFrom(config({}))),
      messageOf(() => taurusDbClientFrom(config(creds))),
      messageOf(() => taurusDbClientFrom(config({ ...creds, huaweiProjectId: "0483b6b16e954cb88930a360d2c4e663" }))),
      messageOf(() => taurusDbClientFrom(config({ ...creds, huaweiProjectId: "123", huaweiRegion: "cn-north-4" }))),
    ];
    expect(messages.filter((m) => !quoted.includes(`\n${m}\n`))).toEqual([]);
  });

  describe("the restore's project id", () => {
    const saved: Record<string, string | undefined> = {};
    beforeAll(() => {
      // The provider falls back to the environment: keep a developer's own settings out of this test.
      for (const k of Object.keys(process.env)) {
        if (/^(OCEANBASE|OCP|HW)_/.test(k)) {
          saved[k] = process.env[k];
          delete process.env[k];
        }
      }
    });
    afterAll(() => Object.assign(process.env, saved));

    test("a RestoredTenant without oceanbaseProjectId fails its check with the quoted text", async () => {
      const values: Record<string, string> = { "dbbackup:oceanbaseAccessKeyId": "ak", "dbbackup:oceanbaseAccessKeySecret": "sk-sk" };
      await runtime.configure({ config: { get: (k: string) => values[k] } });
      const message = await runtime.check("RT", [{}, restoreArgs()]).then(
        () => "no error",
        (e: Error) => e.message,
      );
      expect(message).toMatch(/project id/);
      expect(section("Missing or invalid configuration", 3)).toContain(`\n${message}\n`);
    });
  });

  test("the check failures shown in Troubleshooting are what the checks report", () => {
    const table = firstTable(section("Check failures at preview", 3));
    const cases: Array<[string, CheckResult]> = [
      ["obBackupScheduleConfig.backupScheduleTime", checkStrategy(strategy({ backupScheduleTime: "2am" }))],
      ['obBackupScheduleConfig.dayAndDataBackupModelMap["9"]', checkStrategy(strategy({ dayAndDataBackupModelMap: { 9: "FULL_BACKUP" } }))],
      ["obBackupScheduleConfig.backupDataRetentionDays", checkStrategy(strategy({ backupDataRetentionDays: 3 }))],
      ["obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey", checkStrategy(strategy({}, { backupStorageType: "BACKUP_STORAGE_OSS", storageUrl: "osstest/backup" }))],
      ["databaseTables", checkManualBackupArgs(obBackup({ databaseTables: [{ database: "shop", tables: ["a"] }, { database: "crm", tables: ["b"] }] }))],
      ["databaseTables[0].tables", checkManualBackupArgs(obBackup({ databaseTables: [{ database: "shop", tables: Array.from({ length: 201 }, (_, i) => `t${i}`) }] }))],
      ["name", checkManualBackupArgs(obBackup({ name: "abcd" }))],
      ["description", checkManualBackupArgs({ platform: "huawei-taurusdb", instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01", name: "abcd", description: "a=b" })],
      ["restoreTime", checkRestore(restoreArgs({ restoreTime: "2026-01-13T05:58:34.5Z" }))],
      ["targetTenantName", checkRestore(restoreArgs({ targetTenantName: "sys" }))],
      ["tenantResource.unitnum", checkRestore(restoreArgs({ tenantResource: { cpu: 1, memory: 4, unitNum: 1, unitnum: 1 } }))],
      ["timeoutMinutes", checkManualBackupArgs(obBackup({ timeoutMinutes: 2000 }))],
      ["tenantId", checkManualBackupArgs(obBackup({ tenantId: 1002 }))],
      ["targetTenantPrimaryZone", checkRestore(restoreArgs({ targetTenantPrimaryZone: "   " }))],
    ];
    expect(firstColumn(table).sort()).toEqual(cases.map(([p]) => p).sort());
    for (const [property, result] of cases) {
      const failure = result.failures.find((f) => f.property === property);
      expect(failure).toBeDefined();
      expect(rowOf(table, property)?.[1]).toBe(`\`${failure?.reason}\``);
    }
  });

  test("the hints the provider appends to platform errors are quoted as written", () => {
    const source = fs.readFileSync(path.join(ROOT, "provider", "error-hints.ts"), "utf8");
    const hints = ["the platform refused this machine's clock: synchronise it (NTP) and run again", "the platform is rate-limiting requests: run again later", "check the credentials: "];
    for (const hint of hints) {
      expect(source).toContain(hint);
      expect(section("Troubleshooting", 2)).toContain(hint);
    }
  });
});

describe("README emulator section", () => {
  const emulator = section("The emulator", 2);

  test("every duration key and its default", () => {
    const table = firstTable(section("Durations", 3, emulator));
    const defaults = Object.assign({}, ...families.map((f) => f.defaultDurations)) as Record<string, number>;
    expect(firstColumn(table).sort()).toEqual(Object.keys(defaults).sort());
    for (const [key, ms] of Object.entries(defaults)) expect(rowOf(table, key)?.[1]).toBe(String(ms));
  });

  test("the demo credentials are the fixtures'", () => {
    const table = section("Credentials and fixtures (after start or reset)", 3, emulator);
    const values = [
      ...Object.entries(OB_ACCESS_KEYS).flat(),
      OB_PROJECT_ID,
      ...Object.entries(OCP_ACCESS_KEYS).flat(),
      ...Object.entries(OCP_BASIC_USERS).flat(),
      ...[...HW_AKSK].flatMap(([ak, { secretKey }]) => [ak, secretKey]),
      ...HW_TOKENS.keys(),
      HW_PROJECT_ID,
    ];
    expect(values.filter((v) => !table.includes(`\`${v}\``))).toEqual([]);
  });

  test("every command-line flag shown is one the emulator accepts", () => {
    const flags = [...emulator.matchAll(/npm run emulator -- (--[a-z-]+)(?: (\S+))?/g)].map((m) => [m[1] as string, m[2]] as const);
    expect(flags.map(([f]) => f)).toEqual(expect.arrayContaining(["--port", "--host", "--state", "--help"]));
    for (const [flag, value] of flags) expect(() => parseEmulatorArgs(value === undefined ? [flag] : [flag, value])).not.toThrow();
    expect(() => parseEmulatorArgs(["--no-such-flag"])).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Valid arguments to break one rule at a time

function strategy(schedule: Record<string, unknown>, storage?: Record<string, unknown>): Props {
  return {
    clusterId: 1000005,
    backupMode: "PHYSICAL_BACKUP",
    obBackupScheduleConfig: {
      backupScheduleMode: "WEEK",
      backupScheduleTime: "02:00:00+08:00",
      dayAndDataBackupModelMap: { 1: "FULL_BACKUP" },
      startLogBackup: true,
      ...schedule,
    },
    obBackupThresholdConfig: { dataBackupTimeoutMinutes: 60, noSuccessfulDataBackupAlarmDays: 2, logBackupDelaySeconds: 60 },
    obBackupServiceStorageConfig: {
      configName: "nfs",
      alarmStoragePercentageThreshold: 80,
      obBackupStorageBaseInfo: storage ?? { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" },
    },
  };
}

function ocpStorage(): Props {
  return { configName: "nfs", alarmStoragePercentageThreshold: 80, obBackupStorageBaseInfo: { backupStorageType: "BACKUP_STORAGE_FILE", storageUrl: "/obbackup/" } };
}

function taurusStrategy(): Props {
  return { platform: "huawei-taurusdb", instanceId: "d8e6ca5a624745bcb546a227aa3ae1cfin01", backupPolicy: { keepDays: 7, startTime: "21:00-22:00", period: "1,2,3,4,5,6,7" } };
}

function obBackup(extra: Props): Props {
  return { platform: "oceanbase-cloud", instanceId: "obcluster-demo", tenantId: "t-demo", backupObjectType: "table", databaseTables: [{ database: "shop", tables: ["orders"] }], ...extra };
}

function restoreArgs(extra: Props = {}): Props {
  return {
    sourceInstanceId: "obcluster-demo",
    sourceTenantId: "t-demo",
    targetInstanceId: "obcluster-drill",
    targetTenantName: "drill_0113",
    targetTenantDescription: "drill",
    targetTenantPrimaryZone: "cn-shanghai-e",
    tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
    restoreTime: "2026-01-13T05:58:34Z",
    ...extra,
  };
}
