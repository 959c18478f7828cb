// Checks shared by several TaurusDB routes.
import type { EmuResponse } from "../core/types";
import { CODES, fail } from "./errors";
import { backupStatus, jobStatus, type TaurusState } from "./state";

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
