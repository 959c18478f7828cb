// The fault suite's short form inside `npm test`: a representative slice of `npm run test:faults` (one scenario per
// kind of fault, across every resource kind and platform), with the same invariants: no duplicate, no orphan, no
// unclear error or credential, and a follow-up that finishes the job.
import { matrix, runScenario, type ScenarioSpec } from "./scenario";
import { startFaultSession, type FaultSession } from "./session";

const SLICE = [
  "BackupStrategy/ocp create call: truncated JSON 200",
  "BackupStrategy/ocp update call: beSuccessful:false 200",
  "BackupStrategy/huawei-taurusdb create call: Huawei busy 409 ×2",
  "BackupStrategy/oceanbase-cloud update call: 429 Retry-After",
  "ManualBackup/oceanbase-cloud create call: non-JSON 200",
  "ManualBackup/huawei-taurusdb create call: reset after acting",
  "ManualBackup/ocp create poll: latency past timeout",
  "RestoredTenant/oceanbase-cloud create call: 502 after acting",
  "RestoredTenant/oceanbase-cloud delete call: reset before acting",
  "ManualBackup/oceanbase-cloud create: Digest stale nonces",
  "RestoredTenant/oceanbase-cloud create: ends FAILED",
];

describe("fault suite, short form", () => {
  let session: FaultSession | undefined;
  const specs = new Map<string, ScenarioSpec>(matrix().map((s) => [s.id, s]));

  beforeAll(async () => {
    session = await startFaultSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  test.each(SLICE)("%s", async (id) => {
    const spec = specs.get(id);
    expect(spec).toBeDefined();
    const r = await runScenario(session as FaultSession, spec as ScenarioSpec);
    expect({ id, problems: r.problems, requests: r.problems.length > 0 ? r.requests : [] }).toEqual({ id, problems: [], requests: [] });
    expect(r).toMatchObject({ duplicates: 0, orphans: 0, unclear: 0, leaks: 0, unfinished: 0 });
    // A fault on a route must have been hit, or the scenario proved nothing.
    if (spec?.site !== undefined) expect(r.faulted).toBeGreaterThan(0);
  });
});
