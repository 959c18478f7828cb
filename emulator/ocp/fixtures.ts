// The emulator's public demo credentials and fixture objects for OCP (also listed in core/fixtures-summary.ts).

/** AccessKey ID → secret. */
export const OCP_ACCESS_KEYS: Readonly<Record<string, string>> = { "emulator-ocp-ak": "emulator-ocp-sk" };

/** HTTP Basic user → password. */
export const OCP_BASIC_USERS: Readonly<Record<string, string>> = { admin: "emulator" };

export interface ClusterFixture {
  id: number;
  name: string;
  obClusterId: number;
  obVersion: string;
  backupAbility: "LOGICAL_BACKUP" | "PHYSICAL_BACKUP" | "LOGICAL_AND_PHYSICAL";
  obDataBackupSupportAbility: { fullBackupEnabled: boolean; incrementBackupEnabled: boolean };
  tenants: Record<string, { id: number; name: string; dataSizeGb?: number }>;
  /** The cluster's data in GB, for a whole-cluster backupNow's length (ocp.backupNowMsPerGb); absent: 0. */
  dataSizeGb?: number;
}

export function clusterFixtures(): Record<string, ClusterFixture> {
  return {
    "1000005": {
      id: 1000005,
      name: "demo-cluster",
      obClusterId: 1650000005,
      obVersion: "4.2.1.0",
      backupAbility: "LOGICAL_AND_PHYSICAL",
      obDataBackupSupportAbility: { fullBackupEnabled: true, incrementBackupEnabled: true },
      tenants: { "1002": { id: 1002, name: "demo_tenant" } },
    },
    // A second cluster that supports physical backup only: a LOGICAL_BACKUP strategy on it is refused.
    "1000006": {
      id: 1000006,
      name: "physical-only-cluster",
      obClusterId: 1650000006,
      obVersion: "4.2.1.0",
      backupAbility: "PHYSICAL_BACKUP",
      obDataBackupSupportAbility: { fullBackupEnabled: true, incrementBackupEnabled: false },
      tenants: {},
    },
  };
}
