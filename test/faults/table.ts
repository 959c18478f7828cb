// The suite's one table: a row per scenario (matrix) or per resource and operation (random mode), the totals, and the
// failing scenarios below it with their problems and request sequences.
import type { Tally } from "./invariants";

export interface Row extends Tally {
  label: string;
  scenarios: number;
  operations: number;
}

export interface Failure {
  label: string;
  problems: string[];
  requests: string[];
}

const COLUMNS: Array<[string, (r: Row) => string | number]> = [
  ["scenarios", (r) => r.scenarios],
  ["operations", (r) => r.operations],
  ["duplicates", (r) => r.duplicates],
  ["orphans", (r) => r.orphans],
  ["unclear errors", (r) => r.unclear],
  ["leaks", (r) => r.leaks],
  ["unfinished", (r) => r.unfinished],
];

export function total(rows: readonly Row[], label = "TOTAL"): Row {
  const sum = (f: (r: Row) => number): number => rows.reduce((n, r) => n + f(r), 0);
  return {
    label,
    scenarios: sum((r) => r.scenarios),
    operations: sum((r) => r.operations),
    duplicates: sum((r) => r.duplicates),
    orphans: sum((r) => r.orphans),
    unclear: sum((r) => r.unclear),
    leaks: sum((r) => r.leaks),
    unfinished: sum((r) => r.unfinished),
  };
}

export const failing = (r: Tally): boolean => r.duplicates + r.orphans + r.unclear + r.leaks + r.unfinished > 0;

export function formatTable(title: string, rows: readonly Row[], failures: readonly Failure[], footer: string[] = []): string {
  const all = [...rows, total(rows)];
  const width = Math.max(8, ...all.map((r) => r.label.length));
  const head = ["", ...COLUMNS.map(([h]) => h)];
  const line = (cells: Array<string | number>, mark = ""): string =>
    `${String(cells[0]).padEnd(width)}  ${cells
      .slice(1)
      .map((c, i) => String(c).padStart(head[i + 1]?.length ?? 0))
      .join("  ")}${mark}`;
  const rule = "-".repeat(line(head).length);
  const out = [title, rule, line(head), rule];
  for (const r of rows) out.push(line([r.label, ...COLUMNS.map(([, f]) => f(r))], failing(r) ? "  FAIL" : ""));
  out.push(rule);
  const t = total(rows);
  out.push(line([t.label, ...COLUMNS.map(([, f]) => f(t))], failing(t) ? "  FAIL" : "  ok"));
  out.push(rule, ...footer);
  if (failures.length > 0) {
    out.push("", `Failing scenarios (${failures.length}):`);
    failures.forEach((f, i) => {
      out.push(`${i + 1}. ${f.label}`);
      for (const p of f.problems) out.push(`   - ${p}`);
      if (f.requests.length > 0) {
        out.push("   requests:");
        for (const r of f.requests) out.push(`     ${r}`);
      }
    });
  }
  return out.join("\n");
}
