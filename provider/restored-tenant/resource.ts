// The RestoredTenant class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { restoredTenantProvider } from "../shim";
import { RESOURCE_MODULE, withNames } from "../resource-class";

/** The unit count as `unitNum` or `unitnum` (the API page spells it both ways; `unitNum` is what is sent). */
export type TenantResourceArgs = {
  cpu: pulumi.Input<number>;
  /** GB. */
  memory: pulumi.Input<number>;
} & ({ unitNum: pulumi.Input<number>; unitnum?: never } | { unitnum: pulumi.Input<number>; unitNum?: never });

export interface RestoredTenantArgs {
  sourceInstanceId: pulumi.Input<string>;
  sourceTenantId: pulumi.Input<string>;
  targetInstanceId: pulumi.Input<string>;
  targetTenantName: pulumi.Input<string>;
  targetTenantDescription: pulumi.Input<string>;
  targetTenantPrimaryZone: pulumi.Input<string>;
  tenantResource: pulumi.Input<TenantResourceArgs>;
  /** ISO-8601 UTC, e.g. "2026-01-13T05:58:34Z"; must fall inside a restorable window of the source tenant. */
  restoreTime: pulumi.Input<string>;
  restoreMode?: pulumi.Input<"from_backup_set">;
  fromRemote?: pulumi.Input<boolean>;
  restoreObjectType?: pulumi.Input<"tenant">;
  restoreObjects?: pulumi.Input<unknown[]>;
  /** Wait until the new tenant is ONLINE (default true). */
  waitForCompletion?: pulumi.Input<boolean>;
  /** Deadline of the wait in minutes (default 120, at most 1440; fractions allowed). */
  timeoutMinutes?: pulumi.Input<number>;
}

export const RESTORED_TENANT_INPUTS = [
  "sourceInstanceId",
  "sourceTenantId",
  "targetInstanceId",
  "targetTenantName",
  "targetTenantDescription",
  "targetTenantPrimaryZone",
  "tenantResource",
  "restoreTime",
  "restoreMode",
  "fromRemote",
  "restoreObjectType",
  "restoreObjects",
  "waitForCompletion",
  "timeoutMinutes",
] as const;
/** Outputs beyond the inputs. */
export const RESTORED_TENANT_OUTPUTS = ["tenantId", "status", "tenantMode", "createTime"] as const;

/** A tenant restored from backup into a new tenant at a point in time. Id: "{targetInstanceId}/{tenantId}". */
export class RestoredTenant extends pulumi.dynamic.Resource {
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly tenantMode: pulumi.Output<string | undefined>;
  declare readonly createTime: pulumi.Output<string | undefined>;
  declare readonly sourceInstanceId: pulumi.Output<string>;
  declare readonly sourceTenantId: pulumi.Output<string>;
  declare readonly targetInstanceId: pulumi.Output<string>;
  declare readonly targetTenantName: pulumi.Output<string>;
  declare readonly targetTenantDescription: pulumi.Output<string>;
  declare readonly targetTenantPrimaryZone: pulumi.Output<string>;
  declare readonly tenantResource: pulumi.Output<pulumi.Unwrap<TenantResourceArgs>>;
  declare readonly restoreTime: pulumi.Output<string>;
  declare readonly restoreMode: pulumi.Output<string>;
  declare readonly fromRemote: pulumi.Output<boolean>;
  declare readonly restoreObjectType: pulumi.Output<string>;
  declare readonly restoreObjects: pulumi.Output<unknown[] | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly timeoutMinutes: pulumi.Output<number>;

  constructor(name: string, args: RestoredTenantArgs, opts?: pulumi.CustomResourceOptions) {
    super(restoredTenantProvider, name, withNames([...RESTORED_TENANT_INPUTS, ...RESTORED_TENANT_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "RestoredTenant");
  }
}
