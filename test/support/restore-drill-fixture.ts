// The restore drill the tests use: tenant t-demo of obcluster-demo restored into obcluster-drill (emulator fixtures),
// as a program or an sdk call gives it. A fresh copy each call; overrides replace whole fields.
export function drillRestore<O extends object = object>(overrides: O = {} as O) {
  return {
    sourceInstanceId: "obcluster-demo",
    sourceTenantId: "t-demo",
    targetInstanceId: "obcluster-drill",
    targetTenantName: "drill_0113",
    targetTenantDescription: "weekly restore drill",
    targetTenantPrimaryZone: "cn-shanghai-e",
    tenantResource: { cpu: 1, memory: 4, unitNum: 1 },
    restoreTime: "2026-01-13T05:58:34Z",
    ...overrides,
  };
}
