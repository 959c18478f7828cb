// The large stack of `npm run bench`'s "stack" section (issue 11): which resources, on which emulator objects. The
// program (program.ts) and the fixtures (fixtures.ts) both derive from plan(), so a resource's target always exists.
// Every resource has a target of its own (a tenant, an instance, a cluster), so no two resources wait on each other:
// TaurusDB builds one backup per instance at a time, OCP runs one task per strategy, and the provider takes one
// OceanBase Cloud backup per tenant at a time (provider/manual-backup/serial.ts).

export interface StackCounts {
  /** ManualBackup, OceanBase Cloud, tenant backups. */
  obBackups: number;
  /** ManualBackup, Huawei Cloud TaurusDB. */
  taurusBackups: number;
  /** BackupStrategy, OCP cluster strategies. */
  ocpStrategies: number;
  /** BackupStrategy, OceanBase Cloud instance strategies (adopted). */
  obStrategies: number;
  /** BackupStrategy, TaurusDB backup policies (adopted). */
  taurusStrategies: number;
  /** RestoredTenant, OceanBase Cloud. */
  restores: number;
}

/**
 * The issue's stack: 200 ManualBackups (100 on each of the two platforms that have them in the issue), 50
 * BackupStrategies over the three platforms, 20 RestoredTenants. The strategies lean on OCP, the API the rest leaves
 * idle, so the busiest API (OceanBase Cloud, which also serves the restores) carries no more than it must.
 */
export const ISSUE_COUNTS: StackCounts = { obBackups: 100, taurusBackups: 100, ocpStrategies: 30, obStrategies: 10, taurusStrategies: 10, restores: 20 };

/** Resources in the stack (the stack resource itself left out). */
export function resourceCount(c: StackCounts): number {
  return c.obBackups + c.taurusBackups + c.ocpStrategies + c.obStrategies + c.taurusStrategies + c.restores;
}

/** OceanBase Cloud tenants per instance for the backups (each instance's list of backup sets stays one page). */
const TENANTS_PER_INSTANCE = 10;

export interface Plan {
  obBackups: Array<{ name: string; instanceId: string; tenantId: string }>;
  taurusBackups: Array<{ name: string; instanceId: string; backupName: string }>;
  ocpStrategies: Array<{ name: string; clusterId: number }>;
  obStrategies: Array<{ name: string; instanceId: string }>;
  taurusStrategies: Array<{ name: string; instanceId: string }>;
  restores: Array<{ name: string; sourceInstanceId: string; sourceTenantId: string; targetInstanceId: string; targetTenantName: string }>;
}

const pad = (i: number, n = 3): string => String(i).padStart(n, "0");
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** A TaurusDB instance id (32 letters or digits, then "in" and two digits), unique per `kind` and index. */
export function taurusInstanceId(kind: "b" | "s", i: number): string {
  return `bench${kind}${pad(i, 26)}in01`;
}

/** The instance holding the restore sources' tenants. */
export const RESTORE_SOURCE_INSTANCE = "bench-ob-src";

export function plan(c: StackCounts): Plan {
  return {
    obBackups: times(c.obBackups, (i) => ({
      name: `mb-ob-${pad(i)}`,
      instanceId: `bench-ob-${pad(Math.floor(i / TENANTS_PER_INSTANCE), 2)}`,
      tenantId: `bench-t-${pad(i)}`,
    })),
    taurusBackups: times(c.taurusBackups, (i) => ({ name: `mb-hw-${pad(i)}`, instanceId: taurusInstanceId("b", i), backupName: `bench-backup-${pad(i)}` })),
    ocpStrategies: times(c.ocpStrategies, (i) => ({ name: `bs-ocp-${pad(i)}`, clusterId: 2_000_000 + i })),
    obStrategies: times(c.obStrategies, (i) => ({ name: `bs-ob-${pad(i)}`, instanceId: `bench-obs-${pad(i)}` })),
    taurusStrategies: times(c.taurusStrategies, (i) => ({ name: `bs-hw-${pad(i)}`, instanceId: taurusInstanceId("s", i) })),
    restores: times(c.restores, (i) => ({
      name: `rt-${pad(i)}`,
      sourceInstanceId: RESTORE_SOURCE_INSTANCE,
      sourceTenantId: `bench-src-${pad(i)}`,
      targetInstanceId: `bench-drill-${pad(i)}`,
      targetTenantName: `drill_${pad(i)}`,
    })),
  };
}
