// `npm run bench`: every benchmark section in turn, one table of figures on stdout (progress on stderr), and
// bench/results.json. Not part of `npm test`.
//   node dist/bench/cli.js                       every section
//   node dist/bench/cli.js --only waiting,state  some sections
//   node dist/bench/cli.js --out FILE            write the results elsewhere (default bench/results.json)
import * as path from "node:path";
import { REPO_ROOT } from "../scripts/paths";
import { formatTable, results, writeResults, type Figure } from "./figures";

export type Section = () => Promise<Figure[]>;

const SECTIONS: Record<string, () => Promise<Section>> = {
  waiting: async () => (await import("./waiting")).run,
  stack: async () => (await import("./stack")).run,
  state: async () => (await import("./state")).run,
  overhead: async () => (await import("./overhead")).run,
};

function parse(argv: readonly string[]): { only: string[]; out: string } {
  let only = Object.keys(SECTIONS);
  let out = path.join(REPO_ROOT, "bench", "results.json");
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--only" && value !== undefined) {
      only = value.split(",").filter((s) => s !== "");
      const unknown = only.filter((s) => !(s in SECTIONS));
      if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(", ")} (known: ${Object.keys(SECTIONS).join(", ")})`);
      i++;
    } else if (flag === "--out" && value !== undefined) {
      out = path.resolve(value);
      i++;
    } else throw new Error(`unknown argument ${String(flag)} (use --only a,b or --out FILE)`);
  }
  return { only, out };
}

async function main(): Promise<number> {
  const opts = parse(process.argv.slice(2));
  const started = Date.now();
  const figures: Figure[] = [];
  for (const name of opts.only) {
    const t0 = Date.now();
    process.stderr.write(`bench: ${name}...\n`);
    const section = await (SECTIONS[name] as () => Promise<Section>)();
    figures.push(...(await section()));
    process.stderr.write(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const r = results(figures, (Date.now() - started) / 1000);
  writeResults(opts.out, r);
  process.stdout.write(`${formatTable(figures)}\n\n${r.figures.filter((f) => f.met).length}/${r.figures.length} targets met; ${r.seconds} s on ${r.cores} cores, Node ${r.node}; written to ${path.relative(process.cwd(), opts.out) || opts.out}\n`);
  return r.figures.every((f) => f.met) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
