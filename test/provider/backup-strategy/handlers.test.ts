// BackupStrategy's handlers as plain functions against the emulator (no Pulumi host): the paths the host tests do
// not reach easily — lost responses, busy answers, adopting, resumed waits — and what each sends to OCP.
import { systemClock } from "../../../sdk/clock";
import { DeadlineExceededError, OperationFailedError } from "../../../sdk/errors";
import { OcpClient } from "../../../sdk/ocp/client";
import { checkArgs, parseArgs } from "../../../provider/backup-strategy/args";
import type { OcpBackupStrategyInput } from "../../../sdk/ocp/schemas";
import { handlers } from "../../../provider/backup-strategy/handlers";
import { PartialFailureError } from "../../../provider/partial-failure";
import type { HandlerContext, Props } from "../../../provider/types";
import { useEmulator } from "../../support/emulator";
import { rejection } from "../../support/rejection";
import { CLUSTER, edited, ossProgram, OSS_SECRET, seedProgram, TENANT } from "./support";
import { eventually } from "../../support/eventually";

describe("BackupStrategy handlers against the emulator", () => {
  const emu = useEmulator();
  let client: OcpClient;
  let progress: string[];
  let ctx: HandlerContext;
  const savedPoll = process.env["DBBACKUP_POLL_INITIAL_MS"];

  beforeAll(() => {
    process.env["DBBACKUP_POLL_INITIAL_MS"] = "10";
  });
  afterAll(() => {
    if (savedPoll === undefined) delete process.env["DBBACKUP_POLL_INITIAL_MS"];
    else process.env["DBBACKUP_POLL_INITIAL_MS"] = savedPoll;
  });
  beforeEach(() => {
    client = new OcpClient({ endpoint: emu.url, accessKeyId: "emulator-ocp-ak", accessKeySecret: "emulator-ocp-sk", retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    progress = [];
    const unused = (): never => {
      throw new Error("BackupStrategy must not use this client");
    };
    ctx = { clients: { ocp: () => client, oceanbase: unused, taurusdb: unused }, clock: systemClock, progress: (m) => progress.push(m) };
  });
  afterEach(async () => {
    await client.close();
  });

  const checked = (p: Props): Props => {
    const r = checkArgs(p);
    expect(r.failures).toEqual([]);
    return r.inputs;
  };
  const bodyOf = (p: Props): OcpBackupStrategyInput => parseArgs(checked(p)).body;
  const strategies = async (): Promise<Record<string, { id: number; body: Record<string, unknown> }>> => (await emu.control.objects())["ocp"].strategies;
  const methodsTo = async (pathEnd: RegExp): Promise<string[]> =>
    (await emu.control.requests()).filter((r) => pathEnd.test(r.path)).map((r) => r.method);

  test("create POSTs, follows the task, reads back; read reproduces the inputs; diff is empty", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const inputs = checked(ossProgram());
    const created = await handlers.create(inputs, ctx);
    expect(created.id).toBe("1000005");
    expect(created.outs).toMatchObject({
      ...inputs,
      strategyId: 1,
      clusterName: "demo-cluster",
      obClusterId: 1650000005,
      backupDimension: "CLUSTER",
      taskIds: [3000041],
      taskStatus: "SUCCESSFUL",
    });
    expect(await methodsTo(/backupStrategy$/)).toEqual(["GET", "POST", "GET"]);
    expect(progress.join("\n")).toContain("waiting for OCP task 3000041");

    const read = await handlers.read("1000005", created.outs, ctx);
    expect(read?.inputs).toEqual(inputs); // the secret comes from the state, the rest from GET
    expect(read?.props).toEqual(created.outs);
    expect(await handlers.diff("1000005", read!.props, inputs, ctx)).toEqual({ changes: false, replaces: [], diffs: [] });
  });

  test("create adopts an existing strategy with a PATCH, and says so", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    await client.createBackupStrategy({ clusterId: CLUSTER }, bodyOf(seedProgram()));
    const inputs = checked(ossProgram());
    const created = await handlers.create(inputs, ctx);
    expect(created.outs).toMatchObject({ strategyId: 1, taskStatus: "SUCCESSFUL", secondaryBackupEnabled: false });
    expect(await methodsTo(/backupStrategy$/)).toEqual(["POST", "GET", "PATCH", "GET"]);
    expect(progress.join("\n")).toMatch(/already exists \(OCP id 1\); adopting it/);
    expect((await strategies())["1000005"]?.body).toMatchObject({ secondaryBackupEnabled: false, backupMode: "PHYSICAL_BACKUP" });
  });

  test("a POST whose answer is lost: look first, adopt what exists, never a second POST", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    await emu.control.addFault({ method: "POST", path: "/backupStrategy$", action: "reset-after" });
    const created = await handlers.create(checked(ossProgram()), ctx);
    expect(created.outs).toMatchObject({ strategyId: 1, taskStatus: "SUCCESSFUL" });
    expect(await methodsTo(/backupStrategy$/)).toEqual(["GET", "POST", "GET", "PATCH", "GET"]);
    expect(progress.join("\n")).toMatch(/answer to the create request was lost, but the strategy exists/);
  });

  test("a POST whose answer is lost before OCP acted: POST once more", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    await emu.control.addFault({ method: "POST", path: "/backupStrategy$", action: "reset-before" });
    const created = await handlers.create(checked(ossProgram()), ctx);
    expect(created.outs).toMatchObject({ strategyId: 1 });
    expect(await methodsTo(/backupStrategy$/)).toEqual(["GET", "POST", "GET", "POST", "GET"]);
  });

  test("while another task runs on the strategy, the change waits and is sent again", async () => {
    // A delete leaves its task RUNNING (frozen clock): the next create is refused as busy until it ends.
    await client.createBackupStrategy({ clusterId: CLUSTER }, bodyOf(seedProgram()));
    await emu.control.advance(3000);
    await client.deleteBackupStrategy({ clusterId: CLUSTER });
    const p = handlers.create(checked(ossProgram()), ctx);
    await eventually("a busy progress line", async () => (progress.some((m) => m.includes("busy")) ? true : undefined));
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const created = await p;
    expect(created.outs).toMatchObject({ taskStatus: "SUCCESSFUL" });
    const posts = await methodsTo(/backupStrategy$/);
    expect(posts.filter((m) => m === "POST").length).toBeGreaterThanOrEqual(3); // the setup's, a refused one, the accepted one
  });

  test("a wait that runs out is a partial failure; the next update resumes the wait without sending anything", async () => {
    const inputs = checked(ossProgram({ timeoutMinutes: 0.002 }));
    const e = await rejection(handlers.create(inputs, ctx));
    expect(e).toBeInstanceOf(PartialFailureError);
    const pf = e as PartialFailureError;
    expect(pf.id).toBe("1000005");
    expect(pf.properties).toMatchObject({ strategyId: 1, taskIds: [3000041], taskStatus: "RUNNING", timeoutMinutes: 0.002 });
    expect(pf.reasons.join()).toMatch(/OCP task \d+ of .* is not done after .* \(timeoutMinutes 0.002\)(; last status task \d+ RUNNING)?\. It exists and is recorded in the stack: the next `pulumi up` resumes the wait/);

    // The engine calls Update on a resource with init errors even when Diff finds nothing.
    await emu.control.advance(3000);
    await emu.control.clearRequests();
    const news = checked(ossProgram({ timeoutMinutes: 1 }));
    expect(await handlers.diff("1000005", pf.properties, news, ctx)).toMatchObject({ changes: true, replaces: [], diffs: ["timeoutMinutes"] });
    const updated = await handlers.update("1000005", pf.properties, news, ctx);
    expect(updated.outs).toMatchObject({ taskIds: [3000041], taskStatus: "SUCCESSFUL", timeoutMinutes: 1, strategyId: 1 });
    expect((await emu.control.requests()).map((r) => r.method)).not.toContain("PATCH");
  });

  test("a FAILED task is a partial failure naming the task; the next diff proposes sending the settings again", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const inputs = checked(edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "osstest/emulator-fail-task")));
    const e = (await rejection(handlers.create(inputs, ctx))) as PartialFailureError;
    expect(e).toBeInstanceOf(PartialFailureError);
    expect(e.properties).toMatchObject({ taskStatus: "FAILED", strategyId: 1 });
    expect(e.reasons.join()).toMatch(/OCP task 3000041 \(Create backup strategy\) ended FAILED.*OCP did not apply them/);
    expect(await handlers.diff("1000005", e.properties, inputs, ctx)).toEqual({ changes: true, replaces: [], diffs: ["taskStatus"] });
    const fixed = checked(ossProgram());
    const updated = await handlers.update("1000005", e.properties, fixed, ctx);
    expect(updated.outs).toMatchObject({ taskIds: [3000042], taskStatus: "SUCCESSFUL" });
  });

  test("update of a strategy deleted outside says to refresh", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const created = await handlers.create(checked(ossProgram()), ctx);
    await client.deleteBackupStrategy({ clusterId: CLUSTER });
    const news = checked(edited(ossProgram(), (p) => (p.obBackupThresholdConfig.logBackupDelaySeconds = 600)));
    const e = await rejection(handlers.update("1000005", created.outs, news, ctx));
    expect(e).toBeInstanceOf(OperationFailedError);
    expect(e.message).toMatch(/no longer has this strategy.*pulumi refresh/);
    expect(await handlers.read("1000005", created.outs, ctx)).toBeUndefined();
  });

  test("delete waits for its task; already gone is success; busy until the deadline says so", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const created = await handlers.create(checked(ossProgram()), ctx);
    await handlers.delete("1000005", created.outs, ctx);
    expect(await strategies()).toEqual({});
    await handlers.delete("1000005", created.outs, ctx);
    expect(progress.join("\n")).toContain("already gone");

    await emu.control.setDurations({ "ocp.taskMs": 3000 });
    await emu.control.advance(3000); // the earlier tasks stay ended
    const again = await client.createBackupStrategy({ clusterId: CLUSTER }, bodyOf(ossProgram()));
    expect(again.taskIds.length).toBe(1);
    const e = await rejection(handlers.delete("1000005", { timeoutMinutes: 0.001 }, ctx));
    expect(e).toBeInstanceOf(DeadlineExceededError);
    expect(e.message).toMatch(/still busy with another task.*not deleted/);
  });

  test("tenant-level strategy: id, outputs, read and delete", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const inputs = checked(ossProgram({ tenantId: TENANT }));
    const created = await handlers.create(inputs, ctx);
    expect(created.id).toBe("1000005/tenants/1002");
    expect(created.outs).toMatchObject({ tenantId: 1002, backupDimension: "TENANT" });
    expect(await methodsTo(/tenants\/1002\/backup\/config\/backupStrategy$/)).toEqual(["GET", "POST", "GET"]);
    const imported = await handlers.read("1000005/tenants/1002", {}, ctx);
    expect(imported?.inputs).not.toHaveProperty("obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret");
    expect(await handlers.diff(created.id, imported!.props, inputs, ctx)).toMatchObject({ changes: false });
    await handlers.delete(created.id, created.outs, ctx);
    expect(await handlers.read(created.id, {}, ctx)).toBeUndefined();
  });

  test("no progress line, reason or error message carries the storage secret", async () => {
    await emu.control.setDurations({ "ocp.taskMs": 0 });
    const failing = checked(edited(ossProgram(), (p) => (p.obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl = "osstest/emulator-fail-task")));
    const e = (await rejection(handlers.create(failing, ctx))) as PartialFailureError;
    expect(e.properties).toHaveProperty("obBackupServiceStorageConfig.obBackupStorageBaseInfo.ossAccessKey.accessKeySecret", OSS_SECRET);
    expect([e.message, ...e.reasons, ...progress].join("\n")).not.toContain(OSS_SECRET);
  });
});
