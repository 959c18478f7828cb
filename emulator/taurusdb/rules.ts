// Checks shared by several TaurusDB routes.
import type { EmuResponse } from "../core/types";
import { CODES, fail } from "./errors";
import { backupStatus, jobStatus, type InstanceRecord, type TaurusState } from "./state";

/** "36 characters with a suffix of in07, only letters and digits" [docs]. */
export const INSTANCE_ID_FORMAT = /^[A-Za-z0-9]{32}in\d{2}$/;

/**
 * The 409 an instance answers while it is working: a backup being built (one at a time, the strictest
 * reading) or a restore job not yet completed. Undefined when the instance is free.
 */
export function instanceBusy(state: TaurusState, instanceId: string, now: number): EmuResponse | undefined {
  if (state.backups.some((b) => b.instanceId === instanceId && backupStatus(b, now) === "BUILDING")) {
    return fail(409, CODES.BACKUP_IN_PROGRESS, "A backup is being created for the DB instance. Try again later.");
  }
  if (state.jobs.some((j) => j.instanceId === instanceId && jobStatus(j, now) !== "Completed")) {
    return fail(409, CODES.INSTANCE_BEING_OPERATED, "The DB instance is being operated on. Try again later.");
  }
  return undefined;
}

/**
 * The instance's status [docs: instance detail, "ACTIVE: the instance is normal", "BACKING UP", "RESTORING",
 * "MODIFYING"]. While a policy change is applied the emulator answers MODIFYING [inferred: the published list has no
 * status for it, and TF waits for ACTIVE after each policy change]; a manual backup being built makes it BACKING UP,
 * a restore job into it RESTORING.
 */
export function instanceStatus(state: TaurusState, inst: InstanceRecord, now: number): string {
  if (inst.modifyingUntil !== undefined && now < inst.modifyingUntil) return "MODIFYING";
  if (state.jobs.some((j) => j.instanceId === inst.id && jobStatus(j, now) !== "Completed")) return "RESTORING";
  if (state.backups.some((b) => b.instanceId === inst.id && backupStatus(b, now) === "BUILDING")) return "BACKING UP";
  return "ACTIVE";
}

/**
 * A policy change (same-region or cross-region) while the instance is not ACTIVE: 409 with a busy code TF's TaurusDB
 * code retries [docs: TF services/taurusdb/common.go]; DBS.200019 while an earlier policy change is still applied.
 */
export function refusePolicyChange(state: TaurusState, inst: InstanceRecord, now: number): EmuResponse | undefined {
  if (inst.modifyingUntil !== undefined && now < inst.modifyingUntil) {
    return fail(409, CODES.INSTANCE_BUSY, "Another operation is being performed on the DB instance. Try again later.");
  }
  return instanceBusy(state, inst.id, now);
}
