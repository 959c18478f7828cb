// `npm run test:faults`: the fault suite through the real dynamic-provider host against the in-process emulator.
//   node dist/test/faults/cli.js                   the whole matrix
//   node dist/test/faults/cli.js --filter REGEX    the matrix scenarios whose name matches
//   node dist/test/faults/cli.js --seed N [--ops M]  the seeded random mode (default 500 operations, 20% faulted)
// Prints one table; exits 1 when any invariant failed.
import { formatTable, failing, type Failure, type Row } from "./table";
import { matrix, runScenario, type ScenarioResult, type ScenarioSpec } from "./scenario";
import { runRandom } from "./random";
import { startFaultSession } from "./session";

interface Options {
  seed?: number;
  ops: number;
  filter?: RegExp;
  /** Matrix scenarios run by this many sessions (emulator + host) at once. */
  workers: number;
}

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = { ops: 500, workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = (): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${String(value)}`);
      i++;
      return n;
    };
    if (flag === "--seed") opts.seed = number();
    else if (flag === "--ops") opts.ops = number();
    else if (flag === "--workers") opts.workers = Math.max(1, number());
    else if (flag === "--filter" && value !== undefined) {
      opts.filter = new RegExp(value);
      i++;
    } else throw new Error(`unknown argument ${String(flag)} (use --seed N, --ops N, --filter REGEX, --workers N)`);
  }
  return opts;
}

async function runMatrix(opts: Options): Promise<number> {
  const specs = matrix().filter((s) => opts.filter === undefined || opts.filter.test(s.id));
  const results: ScenarioResult[] = new Array<ScenarioResult>(specs.length);
  const started = Date.now();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    const session = await startFaultSession();
    try {
      while (next < specs.length) {
        const i = next++;
        const r = await runScenario(session, specs[i] as ScenarioSpec);
        results[i] = r;
        process.stderr.write(`[${++done}/${specs.length}] ${failing(r) ? "FAIL" : "ok  "} ${r.id} (${r.ms} ms)\n`);
      }
    } finally {
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.workers, specs.length) }, worker));
  const rows: Row[] = results.map((r) => ({ label: r.id, scenarios: 1, operations: r.operations, duplicates: r.duplicates, orphans: r.orphans, unclear: r.unclear, leaks: r.leaks, unfinished: r.unfinished }));
  const failures: Failure[] = results.filter((r) => r.problems.length > 0).map((r) => ({ label: r.id, problems: r.problems, requests: r.requests }));
  const sent = results.reduce((n, r) => n + r.sent, 0);
  const faulted = results.reduce((n, r) => n + r.faulted, 0);
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const missed = results.filter((r) => r.missed).map((r) => r.id);
  const footer = [`emulator requests ${sent}, faulted ${faulted}; ${secs} s with ${opts.workers} worker(s)`];
  if (missed.length > 0) footer.push(`faults no request hit (${missed.length}): ${missed.join("; ")}`);
  process.stdout.write(`${formatTable(`Fault suite: matrix, ${specs.length} scenarios`, rows, failures, footer)}\n`);
  return rows.some(failing) ? 1 : 0;
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.seed === undefined) return runMatrix(opts);
  const session = await startFaultSession();
  try {
    const report = await runRandom(session, { seed: opts.seed, operations: opts.ops, log: (m) => process.stderr.write(`${m}\n`) });
    process.stdout.write(`${report.text}\n`);
    return report.failed ? 1 : 0;
  } finally {
    await session.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fault suite: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
