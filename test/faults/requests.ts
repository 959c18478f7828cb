// The emulator's request log as the report shows a failing scenario's request sequence: one line per request,
// repeats of the same line folded ("×n").
import type { RequestLogEntry } from "../support/emulator";

export function requestSequence(log: readonly RequestLogEntry[]): string[] {
  const lines: string[] = [];
  let last: string | undefined;
  let repeats = 0;
  const flush = (): void => {
    if (last !== undefined) lines.push(repeats > 1 ? `${last} ×${repeats}` : last);
  };
  for (const r of log) {
    const line = `${r.method} ${r.path} → ${r.status}${r.fault ? ` [fault: ${r.fault.action}]` : ""}`;
    if (line === last) {
      repeats += 1;
      continue;
    }
    flush();
    last = line;
    repeats = 1;
  }
  flush();
  return lines;
}
