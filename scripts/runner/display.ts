// What the runner prints. Permanent lines go straight out; long operations get one live line per resource
// (resource, latest status, elapsed time): on a terminal the live lines are rewritten in place below the permanent
// ones, otherwise a line is printed only when a resource's status text changes.

export interface DisplayOptions {
  out: NodeJS.WritableStream;
  /** Rewrite live lines in place (default: whether `out` is a TTY). */
  tty?: boolean;
  now?: () => number;
}

interface Live {
  label: string;
  status: string;
  started: number;
}

/** "850ms", "3.2s", "1m05s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

const DURATION = String.raw`\d+(?:\.\d+)?(?:ms|s|m|h)(?: \d+(?:ms|s|m))?`;
const ELAPSED_IN_PARENS = new RegExp(String.raw`\s*\(${DURATION} elapsed\)`, "g");
const AFTER_AT_END = new RegExp(String.raw`\s+after ${DURATION}$`);

/**
 * A status text without the elapsed time the provider may put in it ("task 3 RUNNING (81ms elapsed)",
 * "RESTORING after 1.6s"): the live line shows its own, and a line is printed only when the status itself changes.
 */
export function withoutElapsed(text: string): string {
  return text.replace(ELAPSED_IN_PARENS, "").replace(AFTER_AT_END, "").trim();
}

export class Display {
  private readonly out: NodeJS.WritableStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly live = new Map<string, Live>();
  private drawn = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(opts: DisplayOptions) {
    this.out = opts.out;
    this.tty = opts.tty ?? (opts.out as { isTTY?: boolean }).isTTY === true;
    this.now = opts.now ?? Date.now;
  }

  private liveText(l: Live): string {
    return `    ${l.label}: ${l.status} (${formatElapsed(this.now() - l.started)})`;
  }

  private clearLive(): void {
    if (!this.tty || this.drawn === 0) return;
    this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private drawLive(): void {
    if (!this.tty) return;
    // Each live line must fit the terminal: a wrapped line would throw off the cursor-up count of the next redraw.
    const columns = (this.out as { columns?: number }).columns;
    const width = typeof columns === "number" && columns >= 20 ? columns : 120;
    const lines = [...this.live.values()].map((l) => {
      const text = this.liveText(l);
      return text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text;
    });
    if (lines.length > 0) this.out.write(`${lines.join("\n")}\n`);
    this.drawn = lines.length;
  }

  private redraw(): void {
    this.clearLive();
    this.drawLive();
  }

  /** A permanent line. */
  line(text = ""): void {
    this.clearLive();
    this.out.write(`${text}\n`);
    this.drawLive();
  }

  /** Starts the live line of an operation. */
  begin(key: string, label: string, status: string): void {
    this.live.set(key, { label, status, started: this.now() });
    if (this.tty) {
      this.redraw();
      this.ticker ??= setInterval(() => this.redraw(), 1000);
      this.ticker.unref();
    } else {
      this.out.write(`    ${label}: ${status}\n`);
    }
  }

  /** A new status for an operation's live line (ignored when it says nothing new). */
  progress(key: string, message: string): void {
    const status = withoutElapsed(message);
    const l = this.live.get(key);
    if (l === undefined || l.status === status) return;
    l.status = status;
    if (this.tty) this.redraw();
    else this.out.write(`${this.liveText(l)}\n`);
  }

  /** Ends an operation's live line; returns its elapsed time. */
  end(key: string): number {
    const l = this.live.get(key);
    if (l === undefined) return 0;
    this.live.delete(key);
    if (this.tty) this.redraw();
    if (this.live.size === 0 && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    return this.now() - l.started;
  }

  close(): void {
    this.clearLive();
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.live.clear();
  }
}
