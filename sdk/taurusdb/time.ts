// TaurusDB writes times as "yyyy-mm-ddThh:mm:ssZ" where Z is an offset without a colon, e.g.
// 2020-07-07T01:17:05+0800 [seed 004]; restore points are Unix milliseconds.

/** Epoch ms → the wire's time format, in UTC ("+0000"). */
export function formatTaurusDbTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

/** The wire's time format (also ISO-8601 with "Z" or "+08:00") → epoch ms, or undefined when unreadable. */
export function parseTaurusDbTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!m) return undefined;
  const offset = m[2] === "Z" ? "Z" : `${m[2]?.slice(0, 3)}:${m[2]?.slice(-2)}`;
  const ms = Date.parse(`${m[1]}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}
