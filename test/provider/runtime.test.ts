// provider/runtime.ts and provider/registry.ts in process, with fake handlers: what each method hands the handlers,
// how results are shaped for the host (undefined stripped, __provider kept out), partial failures (given the
// __provider they arrived with), error messages (hints, secrets scrubbed) and the lazy per-kind module loading.
import { ApiError, ErrorCodes, NetworkError } from "../../sdk/errors";
import { MissingConfigError } from "../../provider/config";
import { PartialFailureError } from "../../provider/partial-failure";
import * as registry from "../../provider/registry";
import * as runtime from "../../provider/runtime";
import type { HandlerContext, Props, ResourceHandlers } from "../../provider/types";

const PROVIDER = "exports.handler = __f0; /* the kind's shim text */";
const SECRET = "ocp-secret-3f9a";

const config = (values: Record<string, unknown>) => ({ config: { get: (k: string) => values[k] } });
const FULL_CONFIG = {
  "dbbackup:ocpEndpoint": "http://127.0.0.1:9",
  "dbbackup:ocpAccessKeyId": "ak",
  "dbbackup:ocpAccessKeySecret": SECRET,
  "dbbackup:oceanbaseAccessKeyId": "ak",
  "dbbackup:oceanbaseAccessKeySecret": "ob-secret-77",
  "dbbackup:oceanbaseProjectId": "p1",
  "dbbackup:huaweiRegion": "cn-north-4",
  "dbbackup:huaweiProjectId": "0483b6b16e954cb88930a360d2c4e663",
  "dbbackup:huaweiAccessKey": "ak",
  "dbbackup:huaweiSecretKey": "hw-secret-55",
};

interface Calls {
  [method: string]: unknown[][];
}

function fakeHandlers(overrides: Partial<ResourceHandlers> = {}): { handlers: ResourceHandlers; calls: Calls; contexts: HandlerContext[] } {
  const calls: Calls = {};
  const contexts: HandlerContext[] = [];
  const record =
    <A extends unknown[], R>(name: string, result: (...a: A) => R) =>
    async (...a: A): Promise<Awaited<R>> => {
      (calls[name] ??= []).push(a.slice(0, -1));
      contexts.push(a[a.length - 1] as HandlerContext);
      return await result(...a);
    };
  const handlers: ResourceHandlers = {
    check: record("check", (_o: Props, news: Props) => ({ inputs: { ...news, dflt: 1, gone: undefined, nested: { a: undefined, b: [1, undefined] } }, failures: [] })),
    diff: record("diff", () => ({ changes: true, replaces: ["clusterId"], diffs: ["clusterId", "backupMode"], deleteBeforeReplace: undefined })),
    create: record("create", () => ({ id: "1000005", outs: { strategyId: 7, tenantId: undefined, __provider: "stale" } })),
    read: record("read", () => ({ id: "1000005", props: { strategyId: 7, x: undefined }, inputs: { clusterId: 1000005, y: undefined } })),
    update: record("update", () => ({ outs: { strategyId: 8, z: undefined } })),
    delete: record("delete", () => undefined),
    ...overrides,
  };
  return { handlers, calls, contexts };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("runtime dispatch (fake handlers)", () => {
  let spy: jest.SpyInstance;
  let fake: ReturnType<typeof fakeHandlers>;
  const use = (overrides: Partial<ResourceHandlers> = {}) => {
    fake = fakeHandlers(overrides);
    spy.mockReturnValue(fake.handlers);
  };

  beforeEach(async () => {
    spy = jest.spyOn(registry, "handlersFor");
    use();
    await runtime.configure(config(FULL_CONFIG));
  });
  afterEach(() => spy.mockRestore());

  it("accepts the shim's kind codes and the kind names, nothing else", async () => {
    await runtime.check("BS", [{}, { __provider: PROVIDER }]);
    await runtime.check("BackupStrategy", [{}, { __provider: PROVIDER }]);
    expect(spy.mock.calls).toEqual([["BackupStrategy"], ["BackupStrategy"]]);
    await runtime.create("MB", [{ platform: "huawei-taurusdb" }]);
    await runtime.read("RT", ["t/1", {}]);
    expect(spy.mock.calls.slice(2)).toEqual([["ManualBackup"], ["RestoredTenant"]]);
    expect((await rejection(runtime.check("XX", [{}, {}]))).message).toBe('pulumi-dbbackup: unknown resource kind "XX"');
  });

  it("check: handlers never see __provider; inputs come back without undefined (array holes → null)", async () => {
    const res = await runtime.check("BS", [{ clusterId: 1, __provider: PROVIDER }, { clusterId: 2, __provider: PROVIDER }]);
    expect(fake.calls.check).toEqual([[{ clusterId: 1 }, { clusterId: 2 }]]);
    expect(res).toEqual({ inputs: { clusterId: 2, dflt: 1, nested: { b: [1, null] } }, failures: [] });
  });

  it("check: credentials of the kind's platform are required once the inputs pass, and only then", async () => {
    await runtime.configure(config({}));
    const bad = { property: "clusterId", reason: "is required" };
    use({ check: async (_o, news) => ({ inputs: news, failures: [bad] }) });
    expect(await runtime.check("BS", [{}, {}])).toEqual({ inputs: {}, failures: [bad] });
    use();
    const e = await rejection(runtime.check("BS", [{}, {}]));
    expect(e).toBeInstanceOf(MissingConfigError);
    expect(e.message).toContain("dbbackup:ocpEndpoint");
    const byPlatform = async (platform: string) => (await rejection(runtime.check("MB", [{}, { platform }]))).message;
    expect(await byPlatform("huawei-taurusdb")).toContain("dbbackup:huaweiAccessKey");
    expect(await byPlatform("oceanbase-cloud")).toContain("dbbackup:oceanbaseAccessKeyId");
    // A platform the handler let through unrecognised (e.g. unknown during preview) needs nothing yet.
    await expect(runtime.check("MB", [{}, { platform: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }])).resolves.toBeDefined();
    await runtime.configure(config({ ...FULL_CONFIG, "dbbackup:oceanbaseProjectId": undefined }));
    expect((await rejection(runtime.check("RT", [{}, {}]))).message).toBe(
      "the OceanBase Cloud project id is missing (restores need it): set dbbackup:oceanbaseProjectId (or OCEANBASE_PROJECT_ID)",
    );
    await expect(runtime.check("MB", [{}, { platform: "oceanbase-cloud" }])).resolves.toBeDefined();
  });

  it("diff: changes, replaces, diffs and deleteBeforeReplace, undefined dropped", async () => {
    const res = await runtime.diff("BS", ["1000005", { a: 1, __provider: PROVIDER }, { a: 2, __provider: PROVIDER }]);
    expect(fake.calls.diff).toEqual([["1000005", { a: 1 }, { a: 2 }]]);
    expect(res).toEqual({ changes: true, replaces: ["clusterId"], diffs: ["clusterId", "backupMode"] });
  });

  it("create/read/update/delete: maps without __provider in, results without undefined or __provider out", async () => {
    expect(await runtime.create("BS", [{ clusterId: 1, __provider: PROVIDER }])).toEqual({ id: "1000005", outs: { strategyId: 7 } });
    expect(fake.calls.create).toEqual([[{ clusterId: 1 }]]);
    expect(await runtime.read("BS", ["1000005", { __provider: PROVIDER }])).toEqual({ id: "1000005", props: { strategyId: 7 }, inputs: { clusterId: 1000005 } });
    expect(await runtime.read("BS", ["1000005", undefined])).toBeDefined();
    expect(fake.calls.read).toEqual([["1000005", {}], ["1000005", {}]]);
    expect(await runtime.update("BS", ["1000005", { s: 1, __provider: PROVIDER }, { s: 2, __provider: PROVIDER }])).toEqual({ outs: { strategyId: 8 } });
    expect(fake.calls.update).toEqual([["1000005", { s: 1 }, { s: 2 }]]);
    await runtime.remove("BS", ["1000005", { strategyId: 7, __provider: PROVIDER }]);
    expect(fake.calls.delete).toEqual([["1000005", { strategyId: 7 }]]);
  });

  it("read: a handler's undefined (gone) becomes {} (no id), which the host reports as gone", async () => {
    use({ read: async () => undefined });
    expect(await runtime.read("MB", ["huawei-taurusdb/p/b", { __provider: PROVIDER }])).toEqual({});
  });

  it("a partial failure leaves with the __provider the call received, undefined stripped, secrets scrubbed", async () => {
    use({
      create: async () => {
        throw new PartialFailureError("1000005", { strategyId: 7, status: undefined, __provider: "stale" }, [`timed out (key ${SECRET})`, "run pulumi up again"]);
      },
      update: async () => {
        throw new PartialFailureError("1000005", { strategyId: 8 }, ["still waiting"]);
      },
    });
    const e = await rejection(runtime.create("BS", [{ clusterId: 1, __provider: PROVIDER }]));
    expect(e).toBeInstanceOf(PartialFailureError);
    const pf = e as PartialFailureError;
    expect(pf.id).toBe("1000005");
    expect(pf.properties).toEqual({ strategyId: 7, __provider: PROVIDER });
    expect(pf.reasons).toEqual(["timed out (key ***)", "run pulumi up again"]);
    expect(pf.message).not.toContain(SECRET);
    const u = (await rejection(runtime.update("BS", ["1000005", { __provider: "old-text" }, { __provider: PROVIDER }]))) as PartialFailureError;
    expect(u.properties).toEqual({ strategyId: 8, __provider: PROVIDER });
  });

  it("sdk errors: the resource and platform, the message plus what to do, the stable code kept", async () => {
    const throwing = (e: Error) => use({ create: async () => Promise.reject(e) });
    throwing(new ApiError("OCP answered 401 Unauthorized", { platform: "ocp", httpStatus: 401 }, ErrorCodes.AUTH));
    const auth = await rejection(runtime.create("BS", [{}]));
    expect(auth).toBeInstanceOf(runtime.ProviderError);
    expect(auth.message).toBe(
      "BackupStrategy on OCP: OCP answered 401 Unauthorized: check the credentials: dbbackup:ocpAccessKeyId (OCP_ACCESS_KEY_ID), dbbackup:ocpAccessKeySecret (OCP_ACCESS_KEY_SECRET)",
    );
    expect((auth as runtime.ProviderError).code).toBe(ErrorCodes.AUTH);
    throwing(new NetworkError("connection refused", { platform: "huawei-taurusdb", beforeSend: true }));
    expect((await rejection(runtime.create("MB", [{}]))).message).toBe(
      "ManualBackup on Huawei Cloud TaurusDB: connection refused: check that the endpoint dbbackup:huaweiEndpoint (HW_TAURUSDB_ENDPOINT) is right and reachable, then run again",
    );
    throwing(new ApiError("tenant not found", { platform: "oceanbase-cloud" }, ErrorCodes.NOT_FOUND));
    expect((await rejection(runtime.create("RT", [{}]))).message).toBe("RestoredTenant on OceanBase Cloud: tenant not found");
    // With the arguments, the object too; a message that names the resource already is left as it is.
    expect((await rejection(runtime.create("RT", [{ targetInstanceId: "obcluster-drill", targetTenantName: "drill_x" }]))).message).toBe(
      "RestoredTenant on OceanBase Cloud (targetInstanceId obcluster-drill, targetTenantName drill_x): tenant not found",
    );
    throwing(new ApiError("BackupStrategy of cluster 7: refused", { platform: "ocp" }, ErrorCodes.API));
    expect((await rejection(runtime.create("BS", [{}]))).message).toBe("BackupStrategy of cluster 7: refused");
  });

  it("any other error keeps its type, its message scrubbed of configured secrets", async () => {
    use({ diff: async () => Promise.reject(new TypeError(`bad value near ${SECRET}`)) });
    const e = await rejection(runtime.diff("BS", ["1", {}, {}]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("bad value near ***");
  });

  it("context: clients of the active configuration, the real clock, progress as one redacted stdout line", async () => {
    const write = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      use({
        create: async (_inputs, ctx) => {
          ctx.progress(`waiting\n for task (secret ${SECRET})`);
          return { id: String(ctx.clients.ocp() === ctx.clients.ocp()), outs: { now: ctx.clock.now() } };
        },
      });
      const before = Date.now();
      const r = await runtime.create("BS", [{}]);
      expect(r.id).toBe("true");
      expect(r.outs.now as number).toBeGreaterThanOrEqual(before);
      expect(write.mock.calls.map((c) => c[0])).toEqual(["BackupStrategy: waiting for task (secret ***)\n"]);
    } finally {
      write.mockRestore();
    }
  });
});

describe("stripUndefined", () => {
  it("drops undefined members at any depth, nulls undefined array items, turns Dates into ISO strings", () => {
    const d = new Date("2026-01-13T05:58:34Z");
    expect(runtime.stripUndefined({ a: undefined, b: { c: undefined, d: [undefined, { e: undefined, f: 1 }] }, g: d, h: null })).toEqual({
      b: { d: [null, { f: 1 }] },
      g: "2026-01-13T05:58:34.000Z",
      h: null,
    });
  });
});

describe("registry: one loader per kind", () => {
  it("maps every kind to its folder's handlers, loaded once", () => {
    expect(Object.keys(registry.HANDLER_LOADERS).sort()).toEqual(["BackupStrategy", "ManualBackup", "RestoredTenant"]);
    for (const kind of registry.RESOURCE_KINDS) {
      const h = registry.handlersFor(kind);
      expect(registry.handlersFor(kind)).toBe(h);
      // verify (read-only checks against the cloud after check) is optional: RestoredTenant's restorable windows.
      const optional = kind === "RestoredTenant" ? ["verify"] : [];
      expect(Object.keys(h).sort()).toEqual(["check", "create", "delete", "diff", "read", "update", ...optional]);
      expect(Object.values(h).every((f) => typeof f === "function")).toBe(true);
    }
  });

  it("refuses a kind it does not know", () => {
    expect(registry.isResourceKind("Snapshot")).toBe(false);
    expect(() => registry.handlersFor("Snapshot" as never)).toThrow('unknown resource kind "Snapshot"');
  });
});
