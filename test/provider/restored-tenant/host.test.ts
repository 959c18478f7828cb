// RestoredTenant through the real @pulumi/pulumi dynamic-provider host, driven over gRPC as the engine does, with the
// __provider Pulumi serializes from the exported class, against the emulator (frozen clock, moved by the test while
// the host polls with the real clock). Fixtures: t-demo on obcluster-demo (restorable from 7 to 5 days ago and from
// 2 days ago to now), obcluster-drill (no tenants).
import { OceanBaseCloudClient } from "../../../sdk/oceanbase/client";
import { EMULATOR_CREDENTIALS, useProviderHost } from "../../support/provider-host";
import { HostError, type PropertyMap } from "../../support/pulumi-host";
import { rejection } from "../../support/rejection";
import { drillRestore } from "../../support/restore-drill-fixture";

const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";
const DAY = 86_400_000;
const RESTORE = new RegExp(`^/api/v2/instances/${DEMO}/backup/restore$`);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface EmuTenant {
  tenantId: string;
  tenantName: string;
  instanceId: string;
  outcome: string;
}

describe("RestoredTenant through the dynamic-provider host", () => {
  const h = useProviderHost();
  const rt = h.restoredTenant;

  async function program(name: string, overrides: PropertyMap = {}): Promise<PropertyMap> {
    const now = (await h.control.clock()).now;
    return drillRestore({ targetTenantName: name, restoreTime: iso(now - DAY), ...overrides });
  }

  /** The engine's first step of `pulumi up`: the class's registered inputs, checked. */
  async function checked(args: PropertyMap): Promise<PropertyMap> {
    const r = await rt.check(await h.programInputs("RestoredTenant", args));
    expect(r.failures).toEqual([]);
    return r.inputs;
  }

  /** Restores that finish (and deletions that end) at once: for tests whose point is not the wait. */
  const instant = (): Promise<unknown> =>
    h.control.setDurations({ "oceanbase.restoreCreateMs": 0, "oceanbase.restoreMs": 0, "oceanbase.tenantDeleteMs": 0 });

  const tenants = async (): Promise<Record<string, EmuTenant>> => (await h.control.objects())["oceanbase-cloud"].tenants;
  const named = async (name: string): Promise<EmuTenant[]> => Object.values(await tenants()).filter((t) => t.tenantName === name);
  const restorePosts = async (mark: number): Promise<number> => (await h.requestsSince(mark)).filter((r) => r.method === "POST" && RESTORE.test(r.path)).length;

  function client(): OceanBaseCloudClient {
    const c = EMULATOR_CREDENTIALS.oceanbase;
    return new OceanBaseCloudClient({ endpoint: h.url, accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, projectId: c.projectId });
  }

  async function setOutcome(tenantId: string, outcome: string): Promise<void> {
    const state = (await h.control.objects())["oceanbase-cloud"];
    state.tenants[tenantId].outcome = outcome;
    await h.control.replaceObjects("oceanbase-cloud", state);
  }

  test("create restores and waits until ONLINE while the emulator's clock moves; the same program diffs empty", async () => {
    const args = await program("drill_create");
    const inputs = await checked(args);
    expect(inputs).toMatchObject({ restoreMode: "from_backup_set", restoreObjectType: "tenant", fromRemote: false, waitForCompletion: true, timeoutMinutes: 120 });
    const pending = rt.create(inputs);
    // The host reports the tenant CREATING (the emulator's clock stands still) before the test moves the clock.
    await h.host.waitForLog(/RestoredTenant: restored tenant drill_create on obcluster-drill: CREATING/);
    await h.control.advance(10_000 + 120_000); // then RESTORING, then ONLINE
    const { id, properties } = await pending;

    const [tenant] = await named("drill_create");
    expect(id).toBe(`${DRILL}/${tenant?.tenantId}`);
    expect(properties).toMatchObject({
      ...args,
      tenantId: tenant?.tenantId,
      status: "ONLINE",
      restorePoint: args.restoreTime,
      tenantMode: "MYSQL",
      createTime: expect.stringMatching(/Z$/),
      __provider: await h.providerText("RestoredTenant"),
    });

    expect((await rt.diff(id, properties, await checked(args))).changes).toBe("none");
    // The same instant written with milliseconds is the same program.
    const withMillis = await checked({ ...args, restoreTime: (args.restoreTime as string).replace("Z", ".000Z") });
    expect(withMillis.restoreTime).toBe(args.restoreTime);
    expect((await rt.diff(id, properties, withMillis)).changes).toBe("none");
  });

  test("a change replaces, deleting first when name and instance stay; the replacement goes through", async () => {
    await instant();
    const args = await program("drill_replace");
    const { id, properties } = await rt.up(args);

    const bigger = await checked({ ...args, tenantResource: { cpu: 2, memory: 8, unitNum: 1 } });
    expect(await rt.diff(id, properties, bigger)).toMatchObject({ changes: "some", replaces: ["tenantResource"], deleteBeforeReplace: true });
    const renamed = await checked({ ...args, targetTenantName: "drill_replace2" });
    expect(await rt.diff(id, properties, renamed)).toMatchObject({ changes: "some", replaces: ["targetTenantName"], deleteBeforeReplace: false });
    const otherTime = await checked({ ...args, restoreTime: iso(Date.parse(args.restoreTime as string) - 60_000) });
    expect(await rt.diff(id, properties, otherTime)).toMatchObject({ replaces: ["restoreTime"], deleteBeforeReplace: true });

    // What the engine does for deleteBeforeReplace: delete the old tenant (until gone), then create the new one.
    await rt.delete(id, properties);
    const replaced = await rt.create(bigger);
    expect(replaced.id).not.toBe(id);
    expect(replaced.properties).toMatchObject({ status: "ONLINE", tenantResource: { cpu: 2, memory: 8, unitNum: 1 } });
    expect((await named("drill_replace")).map((t) => `${DRILL}/${t.tenantId}`)).toEqual([replaced.id]);
  });

  test("a timeoutMinutes-only change is an in-place update that sends nothing", async () => {
    await instant();
    const args = await program("drill_inplace");
    const { id, properties } = await rt.up(args);
    const news = await checked({ ...args, timeoutMinutes: 30 });
    expect(await rt.diff(id, properties, news)).toMatchObject({ changes: "some", replaces: [], deleteBeforeReplace: false });

    const mark = await h.mark();
    const updated = await rt.update(id, properties, news);
    await h.expectNoRequestsSince(mark);
    expect(updated.properties).toEqual({ ...properties, timeoutMinutes: 30 });
    expect((await rt.diff(id, updated.properties, news)).changes).toBe("none");
  });

  test("import by id alone reads the tenant back; the program's next diff is empty", async () => {
    await instant();
    const args = await program("drill_import");
    const { id } = await rt.up(args);

    const imported = await rt.read(id, {});
    expect(imported.id).toBe(id);
    expect(imported.inputs).toMatchObject({
      targetInstanceId: DRILL,
      targetTenantName: "drill_import",
      targetTenantDescription: "weekly restore drill",
      targetTenantPrimaryZone: "cn-shanghai-e",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
    });
    // What the tenant cannot tell is left out, not made up.
    expect(imported.inputs).not.toHaveProperty("sourceTenantId");
    expect(imported.inputs).not.toHaveProperty("restoreTime");
    expect(imported.properties).toMatchObject({ status: "ONLINE", tenantId: id.split("/")[1] });

    const next = await rt.check(await h.programInputs("RestoredTenant", args), imported.inputs);
    expect(next.failures).toEqual([]);
    expect((await rt.diff(id, imported.properties, next.inputs)).changes).toBe("none");
  });

  test("a tenant deleted outside, through the API or from the state, reads as gone", async () => {
    await instant();
    const viaApi = await rt.up(await program("drill_gone1"));
    const c = client();
    try {
      const [instanceId, tenantId] = viaApi.id.split("/") as [string, string];
      await c.deleteTenant({ instanceId, tenantId });
    } finally {
      await c.close();
    }
    expect((await rt.read(viaApi.id, viaApi.properties)).gone).toBe(true);

    const viaState = await rt.up(await program("drill_gone2"));
    const state = (await h.control.objects())["oceanbase-cloud"];
    delete state.tenants[viaState.id.split("/")[1] ?? ""];
    await h.control.replaceObjects("oceanbase-cloud", state);
    expect((await rt.read(viaState.id, viaState.properties)).gone).toBe(true);
  });

  test("a tenant being deleted (DELETING) also reads as gone", async () => {
    await instant();
    await h.control.setDurations({ "oceanbase.tenantDeleteMs": 60_000 });
    const { id, properties } = await rt.up(await program("drill_deleting"));
    const c = client();
    try {
      const [instanceId, tenantId] = id.split("/") as [string, string];
      await c.deleteTenant({ instanceId, tenantId });
      expect((await c.getTenant({ instanceId, tenantId })).status).toBe("DELETING");
    } finally {
      await c.close();
    }
    expect((await rt.read(id, properties)).gone).toBe(true);
  });

  const RESTORABLE = `/api/v2/instances/${DEMO}/backup/restore/tenants`;

  test("a literal restoreTime outside every window fails at check (preview) with the nearest windows, after one read-only call", async () => {
    const now = (await h.control.clock()).now;
    const args = await program("drill_window", { restoreTime: iso(now - 3 * DAY) });
    const mark = await h.mark();
    const r = await rt.check(await h.programInputs("RestoredTenant", args));
    expect(r.failures).toEqual([
      {
        property: "restoreTime",
        reason:
          `restoreTime ${iso(now - 3 * DAY)} is outside every restorable window of tenant t-demo of ${DEMO}; the nearest: ` +
          `${iso(now - 2 * DAY)} to ${iso(now)}, ${iso(now - 7 * DAY)} to ${iso(now - 5 * DAY)}. Choose a restoreTime inside one of them, or "latest"`,
      },
    ]);
    const log = await h.requestsSince(mark);
    expect(log.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`GET ${RESTORABLE} 200`]);
    expect(log[0]?.query).toMatchObject({ tenantId: "t-demo", restoreObjectType: "tenant", fromRemote: "false" });
  });

  test("create checks the windows again (a preview may not have known the arguments): refused before any restore", async () => {
    const now = (await h.control.clock()).now;
    const inputs = { ...(await checked(await program("drill_window"))), restoreTime: iso(now - 3 * DAY) };
    const mark = await h.mark();
    const e = await rejection(rt.create(inputs));
    expect(e).toBeInstanceOf(HostError);
    expect(e.message).toContain(`restoreTime ${iso(now - 3 * DAY)} is outside every restorable window of tenant t-demo of ${DEMO}; the nearest:`);
    expect(await restorePosts(mark)).toBe(0);
    expect(await named("drill_window")).toEqual([]);
  });

  test("a restoreTime in the future is refused at check without any request", async () => {
    const future = iso(Date.now() + DAY);
    const mark = await h.mark();
    const r = await rt.check(await h.programInputs("RestoredTenant", await program("drill_future", { restoreTime: future })));
    expect(r.failures).toEqual([{ property: "restoreTime", reason: expect.stringContaining(`${future} is in the future (this machine's clock says `) }]);
    await h.expectNoRequestsSince(mark);
  });

  test("an existing resource is not re-checked against the windows unless its source or time changed", async () => {
    await instant();
    const args = await program("drill_recheck");
    const { properties } = await rt.up(args);
    const olds = await checked(args);

    // Unchanged (the windows may have expired since): nothing is asked.
    const mark = await h.mark();
    expect((await rt.check(await h.programInputs("RestoredTenant", args), olds)).failures).toEqual([]);
    await h.expectNoRequestsSince(mark);
    // A wait argument changed: still nothing.
    expect((await rt.check(await h.programInputs("RestoredTenant", { ...args, timeoutMinutes: 30 }), olds)).failures).toEqual([]);
    await h.expectNoRequestsSince(mark);

    // The time changed to one outside the windows: looked up and refused.
    const now = (await h.control.clock()).now;
    const moved = await rt.check(await h.programInputs("RestoredTenant", { ...args, restoreTime: iso(now - 3 * DAY) }), olds);
    expect(moved.failures.map((f) => f.property)).toEqual(["restoreTime"]);
    expect((await h.requestsSince(mark)).map((q) => q.path)).toEqual([RESTORABLE]);
    expect(properties.restorePoint).toBe(args.restoreTime);
  });

  test('restoreTime "latest" restores to the end of the latest window; the point is an output; a later up and a refresh change nothing', async () => {
    await instant();
    const args = await program("drill_latest", { restoreTime: "latest" });
    const mark = await h.mark();
    const inputs = await checked(args);
    expect(inputs.restoreTime).toBe("latest");
    await h.expectNoRequestsSince(mark); // "latest" is resolved at create, not at check

    const now = (await h.control.clock()).now;
    const { id, properties } = await rt.create(inputs);
    expect(properties).toMatchObject({ restoreTime: "latest", restorePoint: iso(now), status: "ONLINE" });
    const sent = (await h.requestsSince(mark)).filter((q) => q.method === "POST" && RESTORE.test(q.path));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ restoreTime: iso(now) });
    expect(h.host.transcript()).toContain(`at ${iso(now)} (the latest restorable point) into drill_latest`);

    // An hour later the latest point has moved: the next up neither replaces nor updates.
    await h.control.advance(3_600_000);
    const again = await rt.check(await h.programInputs("RestoredTenant", args), inputs);
    expect(again.failures).toEqual([]);
    expect((await rt.diff(id, properties, again.inputs)).changes).toBe("none");

    // Refresh keeps the point it was restored to, and the next diff stays empty.
    const refreshed = await rt.read(id, properties);
    expect(refreshed.properties).toMatchObject({ restoreTime: "latest", restorePoint: iso(now) });
    expect((await rt.diff(id, refreshed.properties, again.inputs)).changes).toBe("none");
    // Pinning a literal time instead is a new point: it replaces.
    const pinned = await checked({ ...args, restoreTime: iso(now) });
    expect(await rt.diff(id, refreshed.properties, pinned)).toMatchObject({ changes: "some", replaces: ["restoreTime"] });
  });

  test('"latest" with no restorable window is refused at create, before any restore', async () => {
    await instant();
    const inputs = await checked(await program("drill_nowin", { restoreTime: "latest", sourceTenantId: "t-nowindow" }));
    const mark = await h.mark();
    const e = await rejection(rt.create(inputs));
    expect(e.message).toContain(`tenant t-nowindow of ${DEMO} has no restorable window`);
    expect(await restorePosts(mark)).toBe(0);
  });

  test("a target name already taken is refused, naming the tenant and what to do, before any restore", async () => {
    // obcluster-demo already has t-demo, named "demo".
    const inputs = await checked(await program("demo", { targetInstanceId: DEMO }));
    const mark = await h.mark();
    const e = await rejection(rt.create(inputs));
    expect(e.message).toContain(`a tenant named demo already exists on ${DEMO} (tenant t-demo, ONLINE)`);
    expect(e.message).toContain(`delete it (tenant t-demo on ${DEMO}) and run pulumi up again`);
    expect(e.message).not.toContain("pulumi import");
    expect(await restorePosts(mark)).toBe(0);
  });

  test("a wait that times out is a partial failure with id and __provider; an update then finishes the wait", async () => {
    // RESTORING as soon as it is listed, for 120 s of the emulator's (frozen) time: longer than 1.2 s of real time.
    await h.control.setDurations({ "oceanbase.restoreCreateMs": 0 });
    const inputs = await checked(await program("drill_timeout", { timeoutMinutes: 0.02 }));
    const e = await rejection(rt.create(inputs));
    expect(e).toBeInstanceOf(HostError);
    const failure = (e as HostError).initFailure;
    const [tenant] = await named("drill_timeout");
    expect(failure?.id).toBe(`${DRILL}/${tenant?.tenantId}`);
    expect(failure?.properties).toMatchObject({
      targetTenantName: "drill_timeout",
      tenantId: tenant?.tenantId,
      status: "RESTORING",
      timeoutMinutes: 0.02,
      __provider: await h.providerText("RestoredTenant"),
    });
    expect(failure?.reasons[0]).toContain("last status RESTORING");
    expect(failure?.reasons[0]).toContain("the next `pulumi up` resumes the wait");

    // The next `pulumi up`: no replacement; the engine's Update (for the init error) waits again.
    const news = await checked(await program("drill_timeout", { restoreTime: inputs.restoreTime, timeoutMinutes: 5 }));
    expect(await rt.diff(failure?.id ?? "", failure?.properties ?? {}, news)).toMatchObject({ replaces: [] });
    await h.control.advance(120_000);
    const updated = await rt.update(failure?.id ?? "", failure?.properties ?? {}, news);
    expect(updated.properties).toMatchObject({ status: "ONLINE", tenantId: tenant?.tenantId, timeoutMinutes: 5 });
  });

  test("a tenant that ends ABNORMAL is a partial failure, and the next diff replaces it", async () => {
    const inputs = await checked(await program("drill_abnormal"));
    const mark = await h.mark();
    const pending = rt.create(inputs);
    await h.requestArrived(mark, "POST", RESTORE);
    const [tenant] = await named("drill_abnormal");
    await setOutcome(tenant?.tenantId ?? "", "ABNORMAL");
    await h.control.advance(130_000);
    const e = (await rejection(pending)) as HostError;
    expect(e.initFailure?.id).toBe(`${DRILL}/${tenant?.tenantId}`);
    expect(e.initFailure?.properties).toMatchObject({ status: "ABNORMAL", __provider: await h.providerText("RestoredTenant") });
    expect(e.initFailure?.reasons[0]).toContain("is ABNORMAL: it will not become ONLINE");
    expect(await rt.diff(e.initFailure?.id ?? "", e.initFailure?.properties ?? {}, inputs)).toMatchObject({
      changes: "some",
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
  });

  test("a restore whose answer is lost is adopted: exactly one tenant, one restore sent", async () => {
    await instant();
    await h.control.addFault({ method: "POST", path: RESTORE.source, action: "reset-after" });
    const inputs = await checked(await program("drill_lost"));
    const mark = await h.mark();
    const { id, properties } = await rt.create(inputs);
    const found = await named("drill_lost");
    expect(found).toHaveLength(1);
    expect(id).toBe(`${DRILL}/${found[0]?.tenantId}`);
    expect(properties).toMatchObject({ tenantId: found[0]?.tenantId, status: "ONLINE" });
    const posts = (await h.requestsSince(mark)).filter((r) => r.method === "POST" && RESTORE.test(r.path));
    expect(posts.map((p) => p.status)).toEqual(["reset"]);
    expect(h.host.transcript()).toContain("the answer to the restore of drill_lost was lost");
  });

  test("delete waits until the tenant is gone; deleting again when already gone succeeds", async () => {
    await h.control.setDurations({ "oceanbase.restoreCreateMs": 0, "oceanbase.restoreMs": 0 });
    const { id, properties } = await rt.up(await program("drill_delete"));
    const mark = await h.mark();
    const pending = rt.delete(id, properties);
    await h.requestArrived(mark, "DELETE", /\/tenants\//);
    expect((await named("drill_delete")).length).toBe(1); // DELETING for 30 s of emulator time
    await h.control.advance(30_000);
    await pending;
    expect(await named("drill_delete")).toEqual([]);
    const log = await h.requestsSince(mark);
    // The tenant's 404 counts as "gone" only because its instance still answers.
    expect(log.at(-2)).toMatchObject({ method: "GET", status: 404 });
    expect(log.at(-1)).toMatchObject({ method: "GET", path: `/api/v2/instances/${DRILL}`, status: 200 });

    const again = await h.mark();
    await rt.delete(id, properties);
    expect((await h.requestsSince(again)).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `DELETE /api/v2/instances/${DRILL}/tenants/${id.split("/")[1]} 404`,
      `GET /api/v2/instances/${DRILL} 200`,
    ]);
  });

  const BAD: [string, PropertyMap, string, string][] = [
    ["a restoreTime with an offset", { restoreTime: "2026-01-13T13:58:34+08:00" }, "restoreTime", 'must be "latest" or an ISO-8601 UTC time like 2026-01-13T05:58:34Z'],
    ["a restoreTime with a fraction of a second", { restoreTime: "2026-01-13T05:58:34.250Z" }, "restoreTime", "must be whole seconds: the API restores to a second (like 2026-01-13T05:58:34Z)"],
    ["cpu 0", { tenantResource: { cpu: 0, memory: 4, unitNum: 1 } }, "tenantResource.cpu", "must be a positive integer"],
    ["memory 2.5", { tenantResource: { cpu: 1, memory: 2.5, unitNum: 1 } }, "tenantResource.memory", "must be a positive integer"],
    ["unitNum missing", { tenantResource: { cpu: 1, memory: 4 } }, "tenantResource.unitNum", "is required"],
    ["unitNum and unitnum at once", { tenantResource: { cpu: 1, memory: 4, unitNum: 1, unitnum: 1 } }, "tenantResource.unitnum", "give the unit count once: unitNum or unitnum (the API page spells it both ways), not both"],
    ["a tenant name starting with a digit", { targetTenantName: "1drill" }, "targetTenantName", "must be 2-20 characters: letters, digits and '_', starting with a letter or '_'"],
    ["the tenant name sys", { targetTenantName: "sys" }, "targetTenantName", "must not be 'sys'"],
    ["an empty description", { targetTenantDescription: "" }, "targetTenantDescription", "must not be empty"],
    ["an unknown restoreMode", { restoreMode: "from_log" }, "restoreMode", "must be 'from_backup_set'"],
    ["restoreObjectType database", { restoreObjectType: "database" }, "restoreObjectType", "must be 'tenant'"],
    ["a target instance id with '/'", { targetInstanceId: "obcluster/drill" }, "targetInstanceId", "must not contain '/', '\\', '?', '#', '%', whitespace or control characters"],
    ["a source tenant id with '..'", { sourceTenantId: "t-..demo" }, "sourceTenantId", "must not contain '..'"],
    ["restoreObjects not an array", { restoreObjects: "all" }, "restoreObjects", "must be an array"],
    ["fromRemote not a boolean", { fromRemote: "no" }, "fromRemote", "must be a boolean (default false)"],
    ["timeoutMinutes over a day", { timeoutMinutes: 1441 }, "timeoutMinutes", "must be a positive number of minutes, at most 1440 (default 120)"],
    ["timeoutMinutes negative", { timeoutMinutes: -1 }, "timeoutMinutes", "must be a positive number of minutes, at most 1440 (default 120)"],
    ["a misspelt argument", { targetTenantname: "x" }, "targetTenantname", expect.stringContaining("is not a RestoredTenant argument") as unknown as string],
  ];

  test.each(BAD)("check refuses %s with its property path and rule, sending nothing", async (_what, change, property, reason) => {
    const mark = await h.mark();
    const r = await rt.check({ ...(await program("drill_check")), ...change });
    expect(r.failures).toEqual([{ property, reason }]);
    await h.expectNoRequestsSince(mark);
  });

  test("check refuses a missing required argument", async () => {
    const args = await program("drill_check");
    delete args.sourceTenantId;
    const mark = await h.mark();
    expect((await rt.check(args)).failures).toEqual([{ property: "sourceTenantId", reason: "is required" }]);
    await h.expectNoRequestsSince(mark);
  });

  // Last: it restarts the host without the project id.
  test("a missing project id is reported at check, naming the config key and the environment variable", async () => {
    await h.restart({ config: { "dbbackup:oceanbaseProjectId": undefined } });
    const mark = await h.mark();
    const e = await rejection(rt.check(await program("drill_check")));
    expect(e.message).toContain("dbbackup:oceanbaseProjectId");
    expect(e.message).toContain("OCEANBASE_PROJECT_ID");
    await h.expectNoRequestsSince(mark);
  });

  test("tenantResource.unitnum (the API page's table spelling) is accepted, sent as unitNum, and diffs equal to unitNum", async () => {
    await h.restart(); // the test before this one configured the host without a project id
    await instant();
    const lower = await program("drill_lower", { tenantResource: { cpu: 1, memory: 4, unitnum: 2 } });
    const mark = await h.mark();
    const { id, properties } = await rt.up(lower);
    const sent = (await h.requestsSince(mark)).find((r) => r.method === "POST" && RESTORE.test(r.path));
    expect(sent).toBeDefined();
    expect(properties.tenantResource).toEqual({ cpu: 1, memory: 4, unitNum: 2 });
    const tenant = (await tenants())[id.split("/")[1] ?? ""] as unknown as { unitNum: number };
    expect(tenant.unitNum).toBe(2);
    const camel = await checked(await program("drill_lower", { tenantResource: { cpu: 1, memory: 4, unitNum: 2 }, restoreTime: properties.restoreTime }));
    expect((await rt.diff(id, properties, camel)).changes).toBe("none");
    const both = await rt.check(await h.programInputs("RestoredTenant", await program("drill_both", { tenantResource: { cpu: 1, memory: 4, unitNum: 1, unitnum: 1 } })));
    expect(both.failures).toEqual([{ property: "tenantResource.unitnum", reason: "give the unit count once: unitNum or unitnum (the API page spells it both ways), not both" }]);
  });
});
