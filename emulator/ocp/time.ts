// Times the way OCP's Java server writes them: OffsetDateTime with the server's +08:00 zone, and
// OffsetTime through java.time's toString() (seconds dropped when zero, millis in groups of three, "Z" for UTC).

const SERVER_OFFSET_MINUTES = 8 * 60;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** "2021-09-07T14:51:41.135+08:00" for an epoch millisecond. */
export function formatOffsetDateTime(ms: number): string {
  const local = new Date(ms + SERVER_OFFSET_MINUTES * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  return `${date}T${time}+08:00`;
}

/**
 * What java.time's ISO_OFFSET_TIME parser accepts: "HH:mm", optional ":ss" and a 1–9 digit fraction,
 * then "Z" or "±HH:mm" (at most ±18:00).
 */
const OFFSET_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export interface OffsetTime {
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** Offset in minutes east of UTC. */
  offsetMinutes: number;
}

export function parseOffsetTime(text: string): OffsetTime | undefined {
  const m = OFFSET_TIME.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const nanos = m[4] === undefined ? 0 : Number(m[4].padEnd(9, "0"));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[5] !== "Z") {
    const oh = Number(m[7]);
    const om = Number(m[8]);
    if (om > 59 || oh * 60 + om > 18 * 60) return undefined;
    offsetMinutes = (m[6] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return { hour, minute, second, nanos, offsetMinutes };
}

/** java.time.OffsetTime#toString(): "02:00+08:00", "02:00:30+08:00", "02:00:00.500Z". */
export function formatOffsetTimeJava(t: OffsetTime): string {
  let s = `${pad(t.hour)}:${pad(t.minute)}`;
  if (t.second > 0 || t.nanos > 0) {
    s += `:${pad(t.second)}`;
    if (t.nanos > 0) {
      if (t.nanos % 1_000_000 === 0) s += `.${pad(t.nanos / 1_000_000, 3)}`;
      else if (t.nanos % 1000 === 0) s += `.${pad(t.nanos / 1000, 6)}`;
      else s += `.${pad(t.nanos, 9)}`;
    }
  }
  if (t.offsetMinutes === 0) return `${s}Z`;
  const abs = Math.abs(t.offsetMinutes);
  return `${s}${t.offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
