// The source tenant's restorable windows (listRestorableTenants, docs/api-oceanbase-cloud.md#restorable-windows) and
// what RestoredTenant makes of them: a literal restoreTime must fall inside one (checked by verify() at preview, a
// read-only call, when the resource is new or its source or time changed; and again by create() before it restores),
// and "latest" becomes the end of the latest window at create (docs/design.md#restoretime-latest). check() itself
// sends nothing: the lookup runs after the rules and the configuration passed (handlers.ts verify()).
import type { ObRestorableTenant, ObTimeInterval } from "../../sdk/oceanbase/schemas";
import { toObTime } from "../../sdk/oceanbase/inputs";

/** restoreTime's value that asks for the latest restorable point. */
export const LATEST = "latest";

/** How many windows a refusal names: the nearest ones to the time asked for. */
export const NEAREST_WINDOWS = 3;

export type WindowVerdict = { ok: true; point: string } | { ok: false; message: string };

interface Span {
  start: number;
  end: number;
  text: string;
}

function spansOf(list: readonly ObTimeInterval[]): Span[] {
  return list
    .map((w) => ({ start: Date.parse(w.startTime), end: Date.parse(w.endTime), text: `${w.startTime} to ${w.endTime}` }))
    .filter((s) => !Number.isNaN(s.start) && !Number.isNaN(s.end) && s.start <= s.end);
}

/** Bounds are inclusive: the emulator's (and the console's) windows are "restorable from … to …". */
function holds(s: Span, at: number): boolean {
  return s.start <= at && at <= s.end;
}

/** How far `at` is from a window (0 inside). */
function distance(s: Span, at: number): number {
  return at < s.start ? s.start - at : at > s.end ? at - s.end : 0;
}

/** The windows nearest to `at`, nearest first, at most NEAREST_WINDOWS, with a count of the others. */
export function nearestWindows(list: readonly ObTimeInterval[], at: number): string {
  const spans = spansOf(list).sort((a, b) => distance(a, at) - distance(b, at) || a.start - b.start);
  const shown = spans.slice(0, NEAREST_WINDOWS).map((s) => s.text);
  const more = spans.length - shown.length;
  return more > 0 ? `${shown.join(", ")} (and ${more} more)` : shown.join(", ");
}

/**
 * The latest restorable point of a list of windows: the end of the window that ends last, in whole seconds (the API
 * restores to a second; rounding down keeps it inside the window). Undefined when there is no window.
 */
export function latestPoint(list: readonly ObTimeInterval[]): string | undefined {
  const ends = spansOf(list).map((s) => s.end);
  if (ends.length === 0) return undefined;
  return toObTime(Math.floor(Math.max(...ends) / 1000) * 1000);
}

/**
 * The point a restore goes to: restoreTime itself when a window of the source tenant holds it, the latest window's
 * end for "latest"; otherwise why not, naming the nearest windows.
 */
export function resolveRestorePoint(
  restorable: readonly ObRestorableTenant[],
  source: { instanceId: string; tenantId: string },
  restoreTime: string,
): WindowVerdict {
  const tenant = restorable.find((t) => t.tenantId === source.tenantId);
  const where = `tenant ${source.tenantId} of ${source.instanceId}`;
  const latest = tenant === undefined ? undefined : latestPoint(tenant.timeIntervalList);
  if (tenant === undefined || latest === undefined) {
    return {
      ok: false,
      message:
        `${where} has no restorable window (no finished physical backup with log archive): ` +
        `take a tenant backup first, or check sourceInstanceId, sourceTenantId and fromRemote`,
    };
  }
  if (restoreTime === LATEST) return { ok: true, point: latest };
  const at = Date.parse(restoreTime);
  if (spansOf(tenant.timeIntervalList).some((s) => holds(s, at))) return { ok: true, point: restoreTime };
  return {
    ok: false,
    message:
      `restoreTime ${restoreTime} is outside every restorable window of ${where}; the nearest: ` +
      `${nearestWindows(tenant.timeIntervalList, at)}. Choose a restoreTime inside one of them, or "latest"`,
  };
}
