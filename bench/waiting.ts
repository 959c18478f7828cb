// Section 1, waiting: how soon the provider sees a backup end, and how many requests that costs, against fixed 10 s and
// 30 s pollers run through the very same handlers (DBBACKUP_POLL_FIXED_MS) in the same process. The emulator runs
// in-process on a frozen virtual clock that the handlers' sleeps move forward, so an hour-long backup takes
// milliseconds; backups last a fixed part plus a part per GB of their target's data, ±10% from one backup to the
// next (emulator/core/backup-time.ts). Each length class (~10 s, ~1 min, ~10 min, ~1 h) gets targets of random size
// around it, a few earlier backups each (the history the provider reads), then trials of the three pollers in turn.
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { POLL_FIXED_ENV, POLL_INITIAL_ENV, POLL_MAX_ENV } from "../provider/config";
import { handlers } from "../provider/manual-backup/handlers";
import type { HandlerContext, Props } from "../provider/types";
import type { Clock } from "../sdk/clock";
import { AbortedError } from "../sdk/errors";
import { controlClient, type EmulatorControl } from "../test/support/emulator";
import { emulatorHandlerContext } from "../test/support/handler-context";
import { ossStorageConfig } from "../test/support/ocp-seed";
import { seeded } from "../emulator/core/prng";
import { figure, type Figure } from "./figures";

type Platform = "oceanbase-cloud" | "huawei-taurusdb" | "ocp";
type Poller = "ours" | "fixed 10 s" | "fixed 30 s";

const PLATFORMS: readonly Platform[] = ["oceanbase-cloud", "huawei-taurusdb", "ocp"];
const POLLERS: Readonly<Record<Poller, number | undefined>> = { ours: undefined, "fixed 10 s": 10_000, "fixed 30 s": 30_000 };
const CLASSES: ReadonlyArray<{ name: string; ms: number }> = [
  { name: "10s", ms: 10_000 },
  { name: "1min", ms: 60_000 },
  { name: "10min", ms: 600_000 },
  { name: "1h", ms: 3_600_000 },
];
/** Targets per class and platform, earlier backups per target, trials per poller and target. */
const TARGETS = 6;
const HISTORY = 6;
const TRIALS = 4;
/** Every target's length is the class's times a factor drawn from this range. */
const SPREAD = [0.75, 1.25] as const;
const PER_GB_MS = 60_000;
/** The fixed part of every backup: OceanBase Cloud's BEGINNING phase plus its DOING floor; TaurusDB and OCP likewise. */
const FIXED = { "oceanbase.backupBeginMs": 1_000, "oceanbase.backupMs": 2_000, "taurusdb.backupMs": 3_000, "ocp.taskMs": 3_000 };
const FIXED_MS: Readonly<Record<Platform, number>> = { "oceanbase-cloud": 3_000, "huawei-taurusdb": 3_000, ocp: 3_000 };
const SEED = 11;

interface Trial {
  requests: number;
  delayMs: number;
}

/** The handlers' clock: the emulator's frozen virtual clock, moved forward by each sleep. */
function virtualClock(emu: RunningEmulator): Clock {
  return {
    now: () => emu.clock.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new AbortedError();
      emu.clock.advance(Math.max(0, ms));
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

type Objects = Record<string, Record<string, unknown>>;

/** Adds one target of `sizeGb` to the emulator's state, and returns the arguments of a backup of it (less a name). */
async function addTarget(control: EmulatorControl, platform: Platform, n: number, sizeGb: number): Promise<(i: number) => Props> {
  const objects = (await control.objects()) as Objects;
  const slice = structuredClone(objects[platform] as Record<string, unknown>);
  if (platform === "huawei-taurusdb") {
    const instances = slice["instances"] as Record<string, Record<string, unknown>>;
    const template = Object.values(instances)[0] as Record<string, unknown>;
    const id = `${n.toString(16).padStart(32, "0")}in07`;
    instances[id] = { ...structuredClone(template), id, name: `bench-${n}`, dataSizeMb: Math.round(sizeGb * 1024) };
    await control.replaceObjects(platform, slice);
    return (i) => ({ platform, instanceId: id, name: `bench-${n}-${i}`, timeoutMinutes: 240 });
  }
  if (platform === "oceanbase-cloud") {
    const tenants = slice["tenants"] as Record<string, Record<string, unknown>>;
    const [key, template] = Object.entries(tenants).find(([, t]) => t["tenantId"] === "t-demo") as [string, Record<string, unknown>];
    const tenantId = `t-bench${n}`;
    tenants[key.replace("t-demo", tenantId)] = { ...structuredClone(template), tenantId, tenantName: `bench${n}`, dataSizeGiB: sizeGb };
    await control.replaceObjects(platform, slice);
    return () => ({ platform, instanceId: template["instanceId"] as string, tenantId, backupObjectType: "tenant", timeoutMinutes: 240 });
  }
  const clusters = slice["clusters"] as Record<string, { tenants: Record<string, unknown> }>;
  const cluster = clusters["1000005"] as { tenants: Record<string, unknown> };
  const tenantId = 5000 + n;
  cluster.tenants[String(tenantId)] = { id: tenantId, name: `bench_${n}`, dataSizeGb: sizeGb };
  await control.replaceObjects(platform, slice);
  return () => ({
    platform,
    clusterId: 1000005,
    tenantId,
    backupMode: "PHYSICAL_BACKUP",
    dataBackupMode: "FULL_BACKUP",
    obBackupServiceStorageConfig: ossStorageConfig("bench-secret"),
    timeoutMinutes: 240,
  });
}

/** When the emulator finishes the backup the outputs name (virtual ms). */
async function finishedAt(control: EmulatorControl, platform: Platform, outs: Props): Promise<number> {
  const objects = (await control.objects()) as Objects;
  const slice = objects[platform] as Record<string, unknown>;
  const backupId = String(outs["backupId"]);
  if (platform === "huawei-taurusdb") {
    const b = (slice["backups"] as Array<{ id: string; completesAt: number }>).find((x) => x.id === backupId);
    if (b) return b.completesAt;
  } else if (platform === "oceanbase-cloud") {
    const s = (slice["backupSets"] as Array<{ backupSetId: string; doneAt: number }>).find((x) => x.backupSetId === backupId);
    if (s) return s.doneAt;
  } else {
    const t = (slice["tasks"] as Record<string, { createdAt: number; durationMs?: number }>)[backupId];
    if (t?.durationMs !== undefined) return t.createdAt + t.durationMs;
  }
  throw new Error(`bench: the emulator has no ${platform} backup ${backupId}`);
}

async function runOne(
  emu: RunningEmulator,
  control: EmulatorControl,
  ctx: HandlerContext,
  platform: Platform,
  poller: Poller,
  args: Props,
): Promise<Trial> {
  const fixed = POLLERS[poller];
  if (fixed === undefined) delete process.env[POLL_FIXED_ENV];
  else process.env[POLL_FIXED_ENV] = String(fixed);
  await control.clearRequests();
  const checked = await handlers.check({}, args, ctx);
  if (checked.failures.length > 0) throw new Error(`bench: ${JSON.stringify(checked.failures)}`);
  const { outs } = await handlers.create(checked.inputs, ctx);
  const returnedAt = emu.clock.now();
  if (!["DONE", "COMPLETED", "AVAILABLE", "SUCCESSFUL"].includes(String(outs["status"]))) {
    throw new Error(`bench: ${platform} backup ended ${String(outs["status"])}`);
  }
  // Every read the handler made (the listing before the start, the status checks, Digest challenges), not the start.
  const requests = (await control.requests()).filter((r) => r.method === "GET").length;
  return { requests, delayMs: returnedAt - (await finishedAt(control, platform, outs)) };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function run(): Promise<Figure[]> {
  for (const key of [POLL_INITIAL_ENV, POLL_MAX_ENV, POLL_FIXED_ENV]) delete process.env[key];
  const perGb = { "oceanbase.backupMsPerGiB": PER_GB_MS, "taurusdb.backupMsPerGb": PER_GB_MS, "ocp.backupNowMsPerGb": PER_GB_MS };
  const emu = await startEmulator({ port: 0, frozenClock: true, durations: { ...FIXED, ...perGb } });
  const control = controlClient(emu.url);
  const ctx: HandlerContext = { ...emulatorHandlerContext(emu.url), clock: virtualClock(emu), progress: () => undefined };
  const prng = seeded(SEED);
  const random = (): number => prng.next();
  const figures: Figure[] = [];
  let n = 0;
  try {
    for (const platform of PLATFORMS) {
      let worstDelay = 0;
      for (const cls of CLASSES) {
        const results: Record<Poller, Trial[]> = { ours: [], "fixed 10 s": [], "fixed 30 s": [] };
        for (let t = 0; t < TARGETS; t++) {
          const lengthMs = cls.ms * (SPREAD[0] + (SPREAD[1] - SPREAD[0]) * random());
          const argsOf = await addTarget(control, platform, ++n, Math.max(0, lengthMs - FIXED_MS[platform]) / PER_GB_MS);
          let i = 0;
          for (let h = 0; h < HISTORY; h++) await runOne(emu, control, ctx, platform, "ours", argsOf(i++));
          for (let k = 0; k < TRIALS; k++) {
            for (const poller of Object.keys(POLLERS) as Poller[]) results[poller].push(await runOne(emu, control, ctx, platform, poller, argsOf(i++)));
          }
        }
        const req = (p: Poller): number => mean(results[p].map((r) => r.requests));
        const delay = (p: Poller): number => mean(results[p].map((r) => r.delayMs)) / 1000;
        worstDelay = Math.max(worstDelay, ...results.ours.map((r) => r.delayMs / 1000));
        const samples = `${results.ours.length} backups per poller on ${TARGETS} targets (${HISTORY} earlier backups each)`;
        const tenS = `fixed 10 s: ${req("fixed 10 s").toFixed(1)} requests, ${delay("fixed 10 s").toFixed(1)} s`;
        figures.push(
          figure({
            name: `waiting.${platform}.${cls.name}.requests`,
            value: req("ours"),
            unit: "requests",
            target: "< fixed 30 s poller",
            bound: { below: req("fixed 30 s") },
            baseline: { value: req("fixed 30 s"), name: "fixed 30 s poller" },
            note: `${samples}; ${tenS}`,
          }),
          figure({
            name: `waiting.${platform}.${cls.name}.delay`,
            value: delay("ours"),
            unit: "s",
            target: "<= 0.5x fixed 30 s poller",
            bound: { atMost: 0.5 * delay("fixed 30 s") },
            baseline: { value: delay("fixed 30 s"), name: "fixed 30 s poller" },
            note: `mean from the emulator finishing to the handler returning; ${tenS}`,
          }),
        );
        process.stderr.write(`bench: waiting ${platform} ${cls.name}: ours ${req("ours").toFixed(1)} req / ${delay("ours").toFixed(1)} s; ${tenS}; fixed 30 s: ${req("fixed 30 s").toFixed(1)} / ${delay("fixed 30 s").toFixed(1)} s\n`);
      }
      figures.push(
        figure({ name: `waiting.${platform}.maxDelay`, value: worstDelay, unit: "s", target: "<= 60", bound: { atMost: 60 }, note: "the longest delay of any of ours over all classes" }),
      );
    }
  } finally {
    delete process.env[POLL_FIXED_ENV];
    await emu.close();
  }
  return figures;
}
