// ManualBackup: a one-off backup on OceanBase Cloud (tenant, database or table), Huawei Cloud TaurusDB or OCP (cluster
// or tenant), taken on create and waited for until usable; every change of what is backed up replaces it. This file
// dispatches on the platform (from the arguments, or from the self-describing id); the platforms' handlers are in
// oceanbase-cloud.ts, huawei-taurusdb.ts and ocp.ts, the arguments in args.ts, the diff rules in diff.ts. The runtime
// (runtime.ts) loads this module and uses `handlers`.
import { checkManualBackupArgs, parseManualBackupArgs, parseState, type ManualBackupArgs } from "./args";
import { diffManualBackup } from "./diff";
import { manualBackupId, parseManualBackupId, type ManualBackupRef } from "./id";
import {
  createOceanBaseBackup,
  deleteOceanBaseBackup,
  finishOceanBaseWait,
  readOceanBaseBackup,
} from "./oceanbase-cloud";
import { observedOf, outputsOf, type Observed } from "./outputs";
import { createTaurusDbBackup, deleteTaurusDbBackup, finishTaurusDbWait, readTaurusDbBackup } from "./huawei-taurusdb";
import { createOcpBackup, deleteOcpBackup, finishOcpWait, readOcpBackup } from "./ocp";
import { isInProgress } from "./wait";
import type { HandlerContext, Props, ResourceHandlers } from "../types";

function finishWait(ref: ManualBackupRef, a: ManualBackupArgs, last: Observed, ctx: HandlerContext): Promise<Props> {
  if (ref.platform === "oceanbase-cloud" && a.platform === "oceanbase-cloud") return finishOceanBaseWait(ref, a, last, ctx);
  if (ref.platform === "huawei-taurusdb" && a.platform === "huawei-taurusdb") return finishTaurusDbWait(ref, a, last, ctx);
  if (ref.platform === "ocp" && a.platform === "ocp") return finishOcpWait(ref, a, last, ctx);
  throw new Error(`ManualBackup ${manualBackupId(ref)} is on ${ref.platform}, not ${a.platform}: changing the platform replaces it`);
}

export const handlers: ResourceHandlers = {
  async check(_olds, news) {
    return checkManualBackupArgs(news);
  },

  async diff(_id, olds, news) {
    return diffManualBackup(olds, news);
  },

  async create(inputs, ctx) {
    const a = parseManualBackupArgs(inputs);
    if (a.platform === "ocp") return createOcpBackup(a, ctx);
    return a.platform === "oceanbase-cloud" ? createOceanBaseBackup(a, ctx) : createTaurusDbBackup(a, ctx);
  },

  async read(id, props, ctx) {
    const ref = parseManualBackupId(id);
    if (ref.platform === "ocp") return readOcpBackup(ref, props, ctx);
    return ref.platform === "oceanbase-cloud" ? readOceanBaseBackup(ref, props, ctx) : readTaurusDbBackup(ref, props, ctx);
  },

  /**
   * Only waitForCompletion/timeoutMinutes change in place (diff replaces for everything else), so no cloud call,
   * except to finish a wait: when waitForCompletion is true and the recorded status is still in progress (a create
   * that ended in a partial failure, or one made with waitForCompletion false), wait again within timeoutMinutes.
   */
  async update(id, olds, news, ctx) {
    const ref = parseManualBackupId(id);
    const a = parseManualBackupArgs(news);
    const state = parseState(olds);
    const last = observedOf(state) ?? { backupId: ref.backupId, status: "UNKNOWN" };
    if (!a.waitForCompletion || !isInProgress(state.status)) return { outs: outputsOf(a, last) };
    ctx.progress(`resuming the wait for ManualBackup ${id} (last status ${last.status})`);
    return { outs: await finishWait(ref, a, last, ctx) };
  },

  async delete(id, props, ctx) {
    const ref = parseManualBackupId(id);
    if (ref.platform === "ocp") return deleteOcpBackup(ref, props, ctx);
    return ref.platform === "oceanbase-cloud" ? deleteOceanBaseBackup(ref, props, ctx) : deleteTaurusDbBackup(ref, props, ctx);
  },
};
