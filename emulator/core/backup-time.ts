// How long an emulated backup runs, the way real ones do: a fixed part (start-up, metadata) plus a part proportional to
// the data backed up, which varies by ±10% from one backup to the next. The variation is drawn from the backup's id,
// so a backup's length is fixed when it starts and the same on every read, and the earlier backups of a target
// (listed with their start and end times) foretell the next one within that spread, as a real platform's history
// does. With a per-GB duration of 0 (the families' default) a backup takes exactly the fixed part, as tests expect.

import { createHash } from "node:crypto";

/** Relative variation of the size-dependent part: ±10%. */
export const SIZE_VARIATION = 0.1;

/** The length in ms of a backup of `sizeGb` GB whose id is `id`. */
export function backupLengthMs(fixedMs: number, perGbMs: number, sizeGb: number, id: string): number {
  const sized = Math.max(0, sizeGb) * perGbMs;
  if (sized === 0) return fixedMs;
  return Math.round(fixedMs + sized * (1 + SIZE_VARIATION * (2 * unitFromId(id) - 1)));
}

/** A number in [0, 1) from an id (the first 32 bits of its SHA-256): a stable stand-in for chance. */
export function unitFromId(id: string): number {
  return createHash("sha256").update(id).digest().readUInt32BE(0) / 2 ** 32;
}
