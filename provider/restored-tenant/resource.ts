// The RestoredTenant class a Pulumi program uses (exported from the package root) and its argument types. It registers the
// small shim of its kind (../shim.ts) as the dynamic provider; the handlers run later, inside the dynamic-provider host.
import * as pulumi from "@pulumi/pulumi";
import { restoredTenantProvider } from "../shim";
import { RESOURCE_MODULE, withNames } from "../resource-class";
import { namesOf, type InputsOf, type OutputsOf } from "../spec";
import { RESTORED_TENANT_ARGS, RESTORED_TENANT_OUTPUT_TABLE, type RestoredTenantFields, type RestoredTenantOutputFields } from "./spec";

export type { TenantResourceArgs } from "./spec";

/** What a program passes to `new RestoredTenant(name, args)`. */
export type RestoredTenantArgs = InputsOf<RestoredTenantFields>;

export const RESTORED_TENANT_INPUTS = namesOf(RESTORED_TENANT_ARGS);
/** Outputs beyond the inputs. */
export const RESTORED_TENANT_OUTPUTS = namesOf(RESTORED_TENANT_OUTPUT_TABLE);

// The output properties (every argument and output) are declared by the interface of the same name, derived from the
// spec: Pulumi sets them on the instance.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- see above
export interface RestoredTenant extends OutputsOf<RestoredTenantFields & RestoredTenantOutputFields> {}

/** A tenant restored from backup into a new tenant at a point in time. Id: "{targetInstanceId}/{tenantId}". */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the output properties (above)
export class RestoredTenant extends pulumi.dynamic.Resource {
  constructor(name: string, args: RestoredTenantArgs, opts?: pulumi.CustomResourceOptions) {
    super(restoredTenantProvider(), name, withNames([...RESTORED_TENANT_INPUTS, ...RESTORED_TENANT_OUTPUTS], { ...args }), opts, RESOURCE_MODULE, "RestoredTenant");
  }
}
