// The emulator objects the large stack needs, made from the emulator's own fixtures (after a reset) through its control
// API (GET /__emulator/objects, PUT /__emulator/objects/:family): each new instance, tenant, cluster or backup set is a
// copy of a fixture one with new ids, so whatever fields the fixtures carry, the copies carry too.
import type { ObState, TenantRec } from "../../emulator/oceanbase/state";
import type { OcpState } from "../../emulator/ocp/state";
import { INSTANCE_ID as TAURUS_INSTANCE } from "../../emulator/taurusdb/fixtures";
import type { TaurusState } from "../../emulator/taurusdb/state";
import type { EmulatorControl } from "../../test/support/emulator";
import { RESTORE_SOURCE_INSTANCE, type Plan } from "./plan";

/** The fixture objects copied (README, "Credentials and fixtures"). */
const OB_INSTANCE = "obcluster-demo";
const OB_DRILL = "obcluster-drill";
const OB_PLAIN_TENANT = "t-report";
const OB_TENANT_SET = "bak-demo0tenant";
const OCP_CLUSTER = "1000005";

function fixture<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the emulator's fixtures have no ${what}: the bench copies it`);
  return structuredClone(value);
}

function addOceanBase(s: ObState, p: Plan): void {
  const instance = fixture(s.instances[OB_INSTANCE], `OceanBase Cloud instance ${OB_INSTANCE}`);
  const drill = fixture(s.instances[OB_DRILL], `OceanBase Cloud instance ${OB_DRILL}`);
  const strategy = fixture(s.backupStrategies[OB_INSTANCE], `strategy of ${OB_INSTANCE}`);
  const plain = fixture(s.tenants[OB_PLAIN_TENANT], `OceanBase Cloud tenant ${OB_PLAIN_TENANT}`);
  const tenantSet = fixture(
    s.backupSets.find((b) => b.backupSetId === OB_TENANT_SET),
    `backup set ${OB_TENANT_SET}`,
  );
  const addInstance = (id: string, from = instance): void => {
    s.instances[id] = { ...structuredClone(from), instanceId: id, instanceName: id };
    s.backupStrategies[id] = structuredClone(strategy);
  };
  const addTenant = (tenantId: string, instanceId: string): TenantRec => {
    const t: TenantRec = { ...structuredClone(plain), tenantId, instanceId, tenantName: tenantId.replace(/-/g, "_") };
    s.tenants[tenantId] = t;
    return t;
  };
  for (const b of p.obBackups) {
    if (s.instances[b.instanceId] === undefined) addInstance(b.instanceId);
    addTenant(b.tenantId, b.instanceId);
  }
  for (const st of p.obStrategies) addInstance(st.instanceId);
  if (p.restores.length > 0) addInstance(RESTORE_SOURCE_INSTANCE);
  for (const r of p.restores) {
    // A source tenant with one DONE tenant set, whose checkpoint opens its restorable window (log archived since).
    const t = addTenant(r.sourceTenantId, r.sourceInstanceId);
    s.backupSets.push({
      ...structuredClone(tenantSet),
      backupSetId: `bak-${r.sourceTenantId}`,
      instanceId: r.sourceInstanceId,
      tenantId: t.tenantId,
      tenantName: t.tenantName,
      tenants: [{ tenantId: t.tenantId, tenantName: t.tenantName, backupSetId: `bak-${r.sourceTenantId}-1` }],
    });
    addInstance(r.targetInstanceId, drill);
  }
}

function addOcp(s: OcpState, p: Plan): void {
  const cluster = fixture(s.clusters[OCP_CLUSTER], `OCP cluster ${OCP_CLUSTER}`);
  for (const st of p.ocpStrategies) {
    s.clusters[String(st.clusterId)] = { ...structuredClone(cluster), id: st.clusterId, name: `bench-cluster-${st.clusterId}`, obClusterId: 1_700_000_000 + st.clusterId, tenants: {} };
  }
}

function addTaurus(s: TaurusState, p: Plan): void {
  const instance = fixture(s.instances[TAURUS_INSTANCE], `TaurusDB instance ${TAURUS_INSTANCE}`);
  for (const { instanceId } of [...p.taurusBackups, ...p.taurusStrategies]) {
    s.instances[instanceId] = { ...structuredClone(instance), id: instanceId, name: `bench-${instanceId}` };
  }
}

/** Resets the emulator and adds the plan's objects beside the fixtures. */
export async function installFixtures(control: EmulatorControl, p: Plan): Promise<void> {
  await control.reset();
  const objects = await control.objects();
  const ob = objects["oceanbase-cloud"] as ObState;
  const ocp = objects.ocp as OcpState;
  const taurus = objects["huawei-taurusdb"] as TaurusState;
  addOceanBase(ob, p);
  addOcp(ocp, p);
  addTaurus(taurus, p);
  await control.replaceObjects("oceanbase-cloud", ob as unknown as Record<string, unknown>);
  await control.replaceObjects("ocp", ocp as unknown as Record<string, unknown>);
  await control.replaceObjects("huawei-taurusdb", taurus as unknown as Record<string, unknown>);
}
