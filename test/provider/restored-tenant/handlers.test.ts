// RestoredTenant handlers called directly (plain functions) against the emulator, on one virtual time: the context's
// clock is a FakeClock whose every sleep advances the emulator's frozen clock by the same amount. Covers what the host
// tests cannot reach cheaply: deletion of a tenant still restoring, a lost answer on the resent restore, the tenant
// that never shows up, a tenant turned ABNORMAL while update waits, and a delete that outlasts its deadline.
import { OceanBaseCloudClient } from "../../../sdk/oceanbase/client";
import { PartialFailureError } from "../../../provider/partial-failure";
import { handlers } from "../../../provider/restored-tenant/handlers";
import { UNKNOWN } from "../../../provider/common-args";
import type { HandlerContext, Props } from "../../../provider/types";
import { useEmulator, type RequestLogEntry } from "../../support/emulator";
import { FakeClock } from "../../support/fake-clock";
import { rejection } from "../../support/rejection";

const DEMO = "obcluster-demo";
const DRILL = "obcluster-drill";
const DAY = 86_400_000;
const RESTORE_PATH = `/api/v2/instances/${DEMO}/backup/restore`;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const restorePosts = (log: RequestLogEntry[]): RequestLogEntry[] => log.filter((e) => e.method === "POST" && e.path === RESTORE_PATH);

describe("RestoredTenant handlers against the emulator", () => {
  const emu = useEmulator();
  let client: OceanBaseCloudClient;
  let progress: string[];
  // Called at every sleep of the handler's clock, before the emulator's clock moves with it.
  let onSleep: (ms: number) => Promise<void>;

  beforeEach(() => {
    client = new OceanBaseCloudClient({
      endpoint: emu.url,
      accessKeyId: "emulator-ak",
      accessKeySecret: "emulator-sk",
      projectId: "emulator-project",
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    progress = [];
    onSleep = async () => undefined;
  });
  afterEach(async () => {
    await client.close();
  });

  function context(): HandlerContext {
    const clock = new FakeClock({
      auto: true,
      // The wall clock's now: check() refuses a restoreTime after the clock's now.
      start: Date.now(),
      onSleep: async (ms) => {
        await onSleep(ms);
        await emu.control.advance(ms);
      },
    });
    const none = (): never => {
      throw new Error("not this resource's platform");
    };
    return { clients: { oceanbase: () => client, ocp: none, taurusdb: none }, clock, progress: (m) => void progress.push(m) };
  }

  async function program(overrides: Props = {}): Promise<Props> {
    const now = (await emu.control.clock()).now;
    const news: Props = {
      sourceInstanceId: DEMO,
      sourceTenantId: "t-demo",
      targetInstanceId: DRILL,
      targetTenantName: "drill_0113",
      targetTenantDescription: "weekly restore drill",
      targetTenantPrimaryZone: "cn-shanghai-e",
      tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
      restoreTime: iso(now - DAY),
      ...overrides,
    };
    const checked = await handlers.check({}, news, context());
    expect(checked.failures).toEqual([]);
    return checked.inputs;
  }

  const tenants = async (): Promise<Record<string, { tenantId: string; tenantName: string; instanceId: string; outcome: string }>> =>
    (await emu.control.objects())["oceanbase-cloud"].tenants;
  const drillTenants = async (): Promise<string[]> =>
    Object.values(await tenants()).filter((t) => t.instanceId === DRILL).map((t) => t.tenantName);

  test("create restores, waits until ONLINE on the handler's clock, and read/diff agree with it", async () => {
    const inputs = await program();
    const created = await handlers.create(inputs, context());
    const tenantId = created.id.split("/")[1] ?? "";
    expect(created.id).toBe(`${DRILL}/${tenantId}`);
    expect(created.outs).toMatchObject({ ...inputs, tenantId, status: "ONLINE", tenantMode: "MYSQL" });
    expect(typeof created.outs.createTime).toBe("string");
    expect(Object.values(created.outs)).not.toContain(undefined);
    expect(progress.some((m) => m.includes("RESTORING"))).toBe(true);

    const read = await handlers.read(created.id, created.outs, context());
    expect(read?.props).toEqual(created.outs);
    expect((await handlers.diff(created.id, read?.props ?? {}, inputs, context())).changes).toBe(false);
  });

  test("waitForCompletion false returns as soon as the tenant exists", async () => {
    const created = await handlers.create(await program({ waitForCompletion: false }), context());
    expect(created.outs.status).toBe("CREATING");
  });

  test("a restore whose answer is lost twice, the second time after it made the tenant, adopts that tenant", async () => {
    // First send: dropped before the handler runs (nothing made); second: made, then the answer dropped.
    await emu.control.addFault({ method: "POST", path: `^${RESTORE_PATH}$`, action: "reset-before" });
    const inputs = await program();
    await emu.control.addFault({ method: "POST", path: `^${RESTORE_PATH}$`, action: "reset-after" });
    const created = await handlers.create(inputs, context());
    expect(created.outs.status).toBe("ONLINE");
    const posts = restorePosts(await emu.control.requests());
    expect(posts.map((p) => p.status)).toEqual(["reset", "reset"]);
    expect(await drillTenants()).toEqual(["drill_0113"]);
    expect(progress.some((m) => m.includes("sending the restore again"))).toBe(true);
  });

  test("a tenant that never shows up within the deadline gives a plain error saying how to recover", async () => {
    // The restore "succeeds" without the emulator's handler running: no tenant ever appears.
    await emu.control.addFault({ method: "POST", path: `^${RESTORE_PATH}$`, action: "status", status: 200, body: { success: true, requestId: "r", data: {} } });
    const inputs = await program({ timeoutMinutes: 0.5 });
    const e = await rejection(handlers.create(inputs, context()));
    expect(e).not.toBeInstanceOf(PartialFailureError);
    expect(e.message).toContain("no such tenant appeared within 0.5 minutes");
    expect(e.message).toContain("the next pulumi up refuses the taken name and prints the tenant's id");
    expect(e.message).not.toContain("pulumi import");
  });

  test("a wait broken by a lasting error after the tenant showed up is a partial failure with what is known", async () => {
    const inputs = await program();
    // The by-name lookup finds the tenant; following it by id then meets a 400 (not retryable).
    await emu.control.addFault({ method: "GET", path: `^/api/v2/instances/${DRILL}/tenants/.+$`, action: "status", status: 400 });
    const e = await rejection(handlers.create(inputs, context()));
    expect(e).toBeInstanceOf(PartialFailureError);
    const pf = e as PartialFailureError;
    const [tenant] = Object.values(await tenants()).filter((t) => t.instanceId === DRILL);
    expect(pf.id).toBe(`${DRILL}/${tenant?.tenantId}`);
    expect(pf.properties).toMatchObject({ ...inputs, tenantId: tenant?.tenantId, status: "CREATING" });
    expect(pf.reasons[0]).toContain("exists, but waiting for it failed: oceanbase.getTenant: HTTP 400");
    expect(pf.reasons[0]).toContain("the next `pulumi up` resumes the wait");
  });

  test("delete of a tenant still restoring waits until the restore ends, then until it is gone", async () => {
    const created = await handlers.create(await program({ waitForCompletion: false }), context());
    const tenantId = created.id.split("/")[1] ?? "";
    await handlers.delete(created.id, created.outs, context());
    const log = await emu.control.requests();
    const deletes = log.filter((e) => e.method === "DELETE");
    expect(deletes[0]?.status).toBe(409);
    expect(deletes.at(-1)?.status).toBe(200);
    expect(Object.keys(await tenants())).not.toContain(tenantId);
    expect(log.at(-2)?.status).toBe(404);
    expect(log.at(-1)).toMatchObject({ method: "GET", path: `/api/v2/instances/${DRILL}`, status: 200 });
  });

  test("delete that outlasts timeoutMinutes fails saying the deletion goes on", async () => {
    await emu.control.setDurations({ "oceanbase.restoreCreateMs": 0, "oceanbase.restoreMs": 0, "oceanbase.tenantDeleteMs": 10 * 60_000 });
    const created = await handlers.create(await program({ timeoutMinutes: 1 }), context());
    const e = await rejection(handlers.delete(created.id, created.outs, context()));
    expect(e.message).toContain("is not gone after 1 minute (timeoutMinutes); last status DELETING");
    expect(e.message).toContain("Its deletion was accepted and goes on");
    // Running it again (with more time) finishes.
    await handlers.delete(created.id, { ...created.outs, timeoutMinutes: 30 }, context());
    expect(await drillTenants()).toEqual([]);
  });

  test("a tenant turned ABNORMAL while awaited in update is a partial failure asking for replacement", async () => {
    const inputs = await program({ waitForCompletion: false });
    const created = await handlers.create(inputs, context());
    onSleep = async () => {
      const state = (await emu.control.objects())["oceanbase-cloud"];
      for (const t of Object.values(state.tenants as Record<string, { instanceId: string; outcome: string }>)) if (t.instanceId === DRILL) t.outcome = "ABNORMAL";
      await emu.control.replaceObjects("oceanbase-cloud", state);
    };
    const e = await rejection(handlers.update(created.id, created.outs, { ...inputs, waitForCompletion: true }, context()));
    expect(e).toBeInstanceOf(PartialFailureError);
    const pf = e as PartialFailureError;
    expect(pf.id).toBe(created.id);
    expect(pf.properties.status).toBe("ABNORMAL");
    expect(pf.reasons[0]).toContain("the next pulumi up replaces it");
    expect((await handlers.diff(created.id, pf.properties, { ...inputs, waitForCompletion: true }, context())).replaces).toEqual(["status"]);
  });

  test("update of a tenant deleted outside says to refresh", async () => {
    const inputs = await program({ waitForCompletion: false });
    const created = await handlers.create(inputs, context());
    await emu.control.replaceObjects("oceanbase-cloud", {
      ...(await emu.control.objects())["oceanbase-cloud"],
      tenants: Object.fromEntries(Object.entries(await tenants()).filter(([, t]) => t.instanceId !== DRILL)),
    });
    const e = await rejection(handlers.update(created.id, created.outs, { ...inputs, waitForCompletion: true }, context()));
    expect(e.message).toContain("disappeared while it was awaited");
    expect(e.message).toContain("pulumi refresh");
  });

  test("verify asks nothing while an argument that picks the window is not known yet (preview), nor for latest", async () => {
    const base = await program();
    await emu.control.clearRequests();
    for (const change of [{ sourceTenantId: UNKNOWN }, { restoreTime: UNKNOWN }, { fromRemote: UNKNOWN }, { restoreTime: "latest" }]) {
      expect(await handlers.verify?.({}, { ...base, ...change }, context())).toEqual([]);
    }
    expect(await emu.control.requests()).toEqual([]);
  });

  test("verify lets a preview pass when the windows cannot be read now, saying create checks them", async () => {
    const inputs = await program();
    await emu.control.addFault({ method: "GET", path: "/backup/restore/tenants$", action: "status", status: 503, times: 10 });
    expect(await handlers.verify?.({}, inputs, context())).toEqual([]);
    expect(progress.join("\n")).toContain("the restorable windows of tenant t-demo of obcluster-demo could not be read now");
    expect(progress.join("\n")).toContain(`restoreTime ${String(inputs.restoreTime)} is checked against them at create, before anything is restored`);
  });

  test("verify fails on an answer about the request itself: a source instance that does not exist", async () => {
    const inputs = await program();
    const e = await rejection(handlers.verify?.({}, { ...inputs, sourceInstanceId: "obcluster-nope" }, context()) ?? Promise.resolve());
    expect(e.message).toContain("obcluster-nope");
  });
});
