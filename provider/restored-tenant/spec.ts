// RestoredTenant's spec: each argument once (its type, whether optional, its doc), its flags, and its outputs.
// Everything else (the Args type, the class's properties and names, check's argument list, what a read keeps from the
// state) derives from here (../spec.ts). Field names are the restore API's own (docs/api-oceanbase-cloud.md).
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ArgTable, OutputTable } from "../spec";

/** The unit count as `unitNum` or `unitnum` (the API page spells it both ways; `unitNum` is what is sent). */
export type TenantResourceArgs = {
  cpu: pulumi.Input<number>;
  /** GB. */
  memory: pulumi.Input<number>;
} & ({ unitNum: pulumi.Input<number>; unitnum?: never } | { unitnum: pulumi.Input<number>; unitNum?: never });

export interface RestoredTenantFields {
  sourceInstanceId: string;
  sourceTenantId: string;
  targetInstanceId: string;
  targetTenantName: string;
  targetTenantDescription: string;
  targetTenantPrimaryZone: string;
  /** cpu, memory (GB) and the unit count. */
  tenantResource: TenantResourceArgs;
  /**
   * "latest" (the end of the source tenant's latest restorable window, resolved at create: output restorePoint), or
   * an ISO-8601 UTC time, e.g. "2026-01-13T05:58:34Z", that has passed and falls inside a restorable window of the
   * source tenant (checked at preview when the resource is new or its source or time changed).
   */
  restoreTime: "latest" | (string & {});
  restoreMode?: "from_backup_set";
  fromRemote?: boolean;
  restoreObjectType?: "tenant";
  restoreObjects?: unknown[];
  /** Wait until the new tenant is ONLINE (default true). */
  waitForCompletion?: boolean;
  /** Deadline of the wait in minutes (default 120, at most 1440; fractions allowed). */
  timeoutMinutes?: number;
}

/**
 * A restored tenant is what it was restored from, where, and how: every argument but the wait arguments replaces
 * it. Where it came from and how cannot be read back from the tenant ("unreported").
 */
export const RESTORED_TENANT_ARGS = {
  sourceInstanceId: { replaces: true, unreported: true, state: z.string() },
  sourceTenantId: { replaces: true, unreported: true, state: z.string() },
  targetInstanceId: { replaces: true, state: z.string() },
  targetTenantName: { replaces: true, state: z.string() },
  targetTenantDescription: { replaces: true, state: z.string() },
  targetTenantPrimaryZone: { replaces: true, state: z.string() },
  tenantResource: { replaces: true, state: z.object({ cpu: z.number(), memory: z.number(), unitNum: z.number() }) },
  restoreTime: { replaces: true, unreported: true, state: z.string() },
  restoreMode: { replaces: true, unreported: true, state: z.string() },
  fromRemote: { replaces: true, unreported: true, state: z.boolean() },
  restoreObjectType: { replaces: true, unreported: true, state: z.string() },
  restoreObjects: { replaces: true, unreported: true, state: z.array(z.unknown()) },
  waitForCompletion: { replaces: false, waitOnly: true, state: z.boolean() },
  timeoutMinutes: { replaces: false, waitOnly: true, state: z.number() },
} as const satisfies ArgTable<RestoredTenantFields>;

/** What the tenant itself tells, beyond the arguments. */
export interface RestoredTenantOutputFields {
  tenantId: string;
  status: string;
  /** The point in time the tenant was restored to: restoreTime itself, or what "latest" resolved to at create. */
  restorePoint: string;
  tenantMode?: string;
  createTime?: string;
}

export const RESTORED_TENANT_OUTPUT_TABLE = {
  tenantId: z.string(),
  status: z.string(),
  restorePoint: z.string(),
  tenantMode: z.string(),
  createTime: z.string(),
} as const satisfies OutputTable<RestoredTenantOutputFields>;
