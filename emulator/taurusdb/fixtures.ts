// Fixtures of the TaurusDB family. Credentials are constants, not state, so /__emulator/objects never
// shows a secret key.
import type { BackupRecord, InstanceRecord, TaurusState } from "./state";

export const PROJECT_ID = "0483b6b16e954cb88930a360d2c4e663";
export const INSTANCE_ID = "d8e6ca5a624745bcb546a227aa3ae1cfin01";
/** A second instance, a restore target besides restoring in place. */
export const TARGET_INSTANCE_ID = "5f1e3c9b2a7d4e6f8b0c1d2e3f4a5b6cin07";

/** Access key → its secret key and the one project it may act on. */
export const AKSK: ReadonlyMap<string, { secretKey: string; projectId: string }> = new Map([
  ["EMULATORAK0000000000", { secretKey: "emulator-huawei-sk", projectId: PROJECT_ID }],
]);

/** IAM token (X-Auth-Token) → its project. */
export const TOKENS: ReadonlyMap<string, string> = new Map([["emulator-huawei-iam-token", PROJECT_ID]]);

export const DATASTORE = { type: "gaussdb-mysql", version: "8.0" };

const DAY = 86_400_000;

export function seedState(nowMs: number): TaurusState {
  const created = nowMs - 30 * DAY;
  const instance = (id: string, name: string, dataSizeMb: number): InstanceRecord => ({
    id,
    name,
    projectId: PROJECT_ID,
    dataSizeMb,
    createdAt: created,
    policy: { keep_days: 7, start_time: "19:00-20:00", period: "1,2,3,4,5,6,7" },
  });
  // Two nightly automated backups in the policy window of the last two days, so lists and restore
  // times have data from the start.
  const todayUtc = Math.floor(nowMs / DAY) * DAY;
  const auto = (daysAgo: number, id: string, sizeMb: number): BackupRecord => {
    const beganAt = todayUtc - daysAgo * DAY + 19 * 3_600_000;
    return { id, name: `autobackup-${daysAgo}`, instanceId: INSTANCE_ID, type: "auto", beganAt, completesAt: beganAt + 12 * 60_000, sizeMb };
  };
  return {
    instances: {
      [INSTANCE_ID]: instance(INSTANCE_ID, "taurus-demo", 2048),
      [TARGET_INSTANCE_ID]: instance(TARGET_INSTANCE_ID, "taurus-restore-target", 512),
    },
    backups: [auto(2, "6d4c6e3a-8f0b-4b7e-9a51-3c2f1e0d9a01", 1980), auto(1, "6d4c6e3a-8f0b-4b7e-9a51-3c2f1e0d9a02", 2010)],
    jobs: [],
  };
}
