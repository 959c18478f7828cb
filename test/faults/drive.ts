// One resource driven through the host as the engine does: an operation (maybe under faults), then the engine's
// follow-up (the next `pulumi up`: check, the same-input diff, then update, replacement or a fresh create), keeping
// every id the stack ever recorded and every error text, for the invariants.
import { registerProgramInputs, type ResourceDriver } from "../support/provider-host";
import { HostError, type PropertyMap } from "../support/pulumi-host";
import type { FaultSession, TickHook } from "./session";
import type { Op, Target } from "./targets";

/** Pulumi's mocks are process-global: registrations of parallel workers take turns. */
let registering: Promise<unknown> = Promise.resolve();
function programInputs(kind: Target["kind"], args: PropertyMap, name: string): Promise<PropertyMap> {
  const next = registering.then(() => registerProgramInputs(kind, args, name));
  registering = next.catch(() => undefined);
  return next;
}

/** The engine's custom timeout of create, update and delete (seconds, as Pulumi sends it). */
const CALL_TIMEOUT_S = 90;

export interface Recorded {
  id: string;
  props: PropertyMap;
}

export type Outcome =
  | { kind: "ok"; gone?: boolean }
  | { kind: "partial"; text: string }
  | { kind: "error"; text: string };

/** What happened to one resource across an operation and its follow-up. */
export interface Trail {
  /** Resource operations sent through the host (create, read, update, delete). */
  operations: number;
  /** Every id the stack recorded: results and partial failures. */
  recorded: Set<string>;
  /** Error texts (messages and partial-failure reasons) with the call that gave them. */
  errors: Array<{ call: string; text: string }>;
  /** Outputs the stack recorded (checked for unwrapped secrets). */
  outputs: PropertyMap[];
  problems: string[];
}

export function newTrail(): Trail {
  return { operations: 0, recorded: new Set(), errors: [], outputs: [], problems: [] };
}

export class DrivenResource {
  state: Recorded | undefined;
  /** The program's arguments now (the update operation changes them). */
  args: PropertyMap;

  constructor(
    readonly target: Target,
    readonly driver: ResourceDriver,
    private readonly session: FaultSession,
    args: PropertyMap,
  ) {
    this.args = args;
  }

  /** The engine's check of the program: the class's registered inputs (secrets wrapped), checked. */
  private async inputs(): Promise<PropertyMap> {
    const r = await this.driver.check(await programInputs(this.target.kind, this.args, this.driver.name));
    if (r.failures.length > 0) throw new Error(`check refused the program: ${JSON.stringify(r.failures)}`);
    return r.inputs;
  }

  private record(trail: Trail, id: string, props: PropertyMap): void {
    this.state = { id, props };
    trail.recorded.add(id);
    trail.outputs.push(props);
  }

  private fail(trail: Trail, call: string, e: unknown): Outcome {
    const text = e instanceof HostError ? [e.message, ...(e.initFailure?.reasons ?? [])].join("\n") : String(e instanceof Error ? e.message : e);
    trail.errors.push({ call, text });
    if (e instanceof HostError && e.initFailure !== undefined && e.initFailure.id !== "") {
      this.record(trail, e.initFailure.id, e.initFailure.properties);
      return { kind: "partial", text };
    }
    return { kind: "error", text };
  }

  /** One resource operation through the host while the emulator's clock moves. */
  async run(op: Op, trail: Trail, hooks: readonly TickHook[] = []): Promise<Outcome> {
    trail.operations += 1;
    const call = `${this.target.name} ${op}`;
    try {
      return await this.session.ticking(async () => {
        switch (op) {
          case "create": {
            const inputs = await this.inputs();
            const { id, properties } = await this.driver.create(inputs, { timeout: CALL_TIMEOUT_S });
            this.record(trail, id, properties);
            return { kind: "ok" };
          }
          case "update": {
            const old = this.need(op);
            const inputs = await this.inputs();
            const { properties } = await this.driver.update(old.id, old.props, inputs, { timeout: CALL_TIMEOUT_S });
            this.record(trail, old.id, properties);
            return { kind: "ok" };
          }
          case "delete": {
            const old = this.need(op);
            await this.driver.delete(old.id, old.props, { timeout: CALL_TIMEOUT_S });
            this.state = undefined;
            return { kind: "ok" };
          }
          case "read": {
            const old = this.need(op);
            const r = await this.driver.read(old.id, old.props);
            if (r.gone) {
              this.state = undefined;
              return { kind: "ok", gone: true };
            }
            this.record(trail, r.id, r.properties);
            return { kind: "ok" };
          }
        }
      }, hooks);
    } catch (e) {
      return this.fail(trail, call, e);
    }
  }

  private need(op: Op): Recorded {
    if (this.state === undefined) throw new Error(`${this.target.name}: ${op} without a recorded resource`);
    return this.state;
  }

  /**
   * The next `pulumi up` of the same program, with the network healthy: a fresh create when nothing is recorded;
   * otherwise check, the same-input diff, then what the engine does with it (an update also after a partial
   * failure, a replacement in the order diff asks). Ends with the same-input diff, which must be empty.
   * After a delete, a delete that failed is sent again. Returns false (and notes the problem) when the job is not done.
   */
  async followUp(op: Op, outcome: Outcome, trail: Trail): Promise<boolean> {
    const step = async (what: string, work: () => Promise<Outcome>): Promise<boolean> => {
      const r = await work();
      if (r.kind === "ok") return true;
      trail.problems.push(`follow-up ${what} failed: ${firstLine(r.text)}`);
      return false;
    };
    if (op === "delete") return this.state === undefined || (await step("delete", () => this.run("delete", trail)));
    if (this.state === undefined) {
      if (!(await step("create", () => this.run("create", trail)))) return false;
    } else {
      const old = this.state;
      const diff = await this.session.ticking(async () => this.driver.diff(old.id, old.props, await this.inputs()));
      if (diff.replaces.length > 0) {
        const replaced = old;
        const deleteOld = async (): Promise<Outcome> => {
          this.state = replaced;
          const r = await this.run("delete", trail);
          return r;
        };
        if (diff.deleteBeforeReplace) {
          if (!(await step("delete before replacement", deleteOld))) return false;
          if (!(await step("replacement create", () => this.run("create", trail)))) return false;
        } else {
          if (!(await step("replacement create", () => this.run("create", trail)))) return false;
          const created = this.state;
          if (!(await step("delete of the replaced", deleteOld))) return false;
          this.state = created;
        }
      } else if (diff.changes === "some" || outcome.kind === "partial") {
        if (!(await step("update", () => this.run("update", trail)))) return false;
      }
    }
    const now = this.state as Recorded | undefined;
    if (now === undefined) return false;
    const again = await this.session.ticking(async () => this.driver.diff(now.id, now.props, await this.inputs()));
    if (again.changes !== "none") {
      trail.problems.push(`after the follow-up the same program still diffs (${again.changes}; replaces ${JSON.stringify(again.replaces)})`);
      return false;
    }
    return true;
  }
}

export function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 240 ? `${line.slice(0, 240)}…` : line;
}
