// The benchmark's one output shape: a figure beside its target and a baseline measured in the same run, and the
// table and bench/results.json made from them.
import * as fs from "node:fs";
import * as os from "node:os";

/** How a figure meets its target: below (or at) a bound, or above (or at) one. */
export type Bound = { atMost: number } | { below: number } | { atLeast: number };

export interface Figure {
  /** "waiting.ocp.1h.requests": section, subject, measure. */
  name: string;
  value: number;
  unit: string;
  /** The rule in words, e.g. "< fixed 30 s poller" or "<= 2048". */
  target: string;
  /** The same measure for the baseline, or null when the target is absolute. */
  baseline: number | null;
  /** What the baseline is ("fixed 30 s poller", "naive dynamic provider"). */
  baselineName: string | null;
  /** value / baseline, or null without a baseline (or a zero one). */
  ratio: number | null;
  met: boolean;
  /** Why a target is not met, or what the figure leaves out. */
  note?: string;
}

export interface FigureInput {
  name: string;
  value: number;
  unit: string;
  target: string;
  bound: Bound;
  baseline?: { value: number; name: string };
  note?: string;
}

export function figure(f: FigureInput): Figure {
  const b = f.bound;
  const met = "atMost" in b ? f.value <= b.atMost : "below" in b ? f.value < b.below : f.value >= b.atLeast;
  const base = f.baseline;
  return {
    name: f.name,
    value: round(f.value),
    unit: f.unit,
    target: f.target,
    baseline: base === undefined ? null : round(base.value),
    baselineName: base === undefined ? null : base.name,
    ratio: base === undefined || base.value === 0 ? null : round(f.value / base.value, 3),
    met,
    ...(f.note !== undefined ? { note: f.note } : {}),
  };
}

/** Round to `digits` decimals, so results.json stays readable. */
export function round(v: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}

export interface Results {
  createdAt: string;
  node: string;
  cores: number;
  cpu: string;
  platform: string;
  /** Wall time of the whole run in seconds. */
  seconds: number;
  figures: Figure[];
}

export function results(figures: Figure[], seconds: number): Results {
  const cpus = os.cpus();
  return {
    createdAt: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    platform: `${os.platform()} ${os.release()}`,
    seconds: round(seconds, 1),
    figures,
  };
}

export function writeResults(file: string, r: Results): void {
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
}

/** One line per figure: name, value, target, baseline, ratio, met. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.target,
    f.baseline === null ? "-" : `${f.baseline} (${f.baselineName ?? ""})`,
    f.ratio === null ? "-" : `${f.ratio}x`,
    f.met ? "met" : "NOT MET",
  ]);
  const head = ["figure", "value", "target", "baseline", "ratio", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
