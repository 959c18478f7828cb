// The engine's part of a deployment, for the registrations of one program pass: Check, then Diff against the state,
// then Create / Update / Replace (create-before-delete unless deleteBeforeReplace) / Delete through the real
// dynamic-provider host, recording every result in the state file as it happens. The preview pass only plans
// (Check and Diff, unknown values passed as the engine passes them); the apply pass acts.
import { HostError, type DiffResult, type HostHandle } from "./host-client";
import type { HostPool } from "./host-pool";
import type { Registration, RegistrationResult } from "./program-run";
import { containsSecrets, containsUnknowns, isPlainObject, isSecret, secret, stripSecrets, type PropertyMap } from "./properties";
import { describeChanges, KNOWN_AFTER_APPLY, resourceLabel, type Step } from "./plan";
import type { Display } from "./display";
import { formatElapsed } from "./display";
import type { ResourceState, StateStore } from "./state";
import { interruptRequested } from "./interrupt";

type Checked = { inputs: PropertyMap; failures: { property: string; reason: string }[] };

const DYNAMIC_TYPE = /^pulumi-nodejs:dynamic\//;

/** An error the engine already showed the user; the program sees it as its resource's failure. */
export class ReportedError extends Error {
  override readonly name = "ReportedError";
}

export interface CheckFailureReport {
  label: string;
  failures: { property: string; reason: string }[];
}

export interface Tally {
  created: number;
  updated: number;
  replaced: number;
  deleted: number;
  same: number;
}

function markSecretOutputs(outputs: PropertyMap, names: readonly string[]): PropertyMap {
  const out = { ...outputs };
  for (const n of names) if (n in out && !isSecret(out[n])) out[n] = secret(out[n]);
  return out;
}

/** The engine's wording for a step that protect forbids. */
export function protectedMessage(op: "replace" | "delete", urn: string): string {
  return `unable to ${op} resource "${urn}" as it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run again`;
}

/** "a.b[0].c" → ["a", "b", "0", "c"]. */
function pathSegments(p: string): string[] {
  return p.split(/\.|\[(\d+)\]/).filter((x): x is string => x !== undefined && x !== "");
}

function child(v: unknown): unknown {
  return isSecret(v) ? v.value : v;
}

/**
 * ignoreChanges as the engine applies it before Check: at each path, the new inputs take the old inputs' value (or
 * lose the property when the old inputs have none), so the change is never seen.
 */
export function applyIgnoreChanges(olds: PropertyMap, news: PropertyMap, paths: readonly string[]): PropertyMap {
  const result = structuredClone(news);
  for (const p of paths) {
    const segs = pathSegments(p);
    const last = segs.pop();
    if (last === undefined) continue;
    let o: unknown = olds;
    let n: unknown = result;
    for (const s of segs) {
      o = child(isPlainObject(child(o)) || Array.isArray(child(o)) ? (child(o) as Record<string, unknown>)[s] : undefined);
      n = isPlainObject(child(n)) || Array.isArray(child(n)) ? (child(n) as Record<string, unknown>)[s] : undefined;
    }
    const oc = child(o);
    const target = child(n);
    if (!isPlainObject(target) && !Array.isArray(target)) continue;
    const has = (isPlainObject(oc) || Array.isArray(oc)) && last in (oc as object);
    if (has) (target as Record<string, unknown>)[last] = structuredClone((oc as Record<string, unknown>)[last]);
    else if (!Array.isArray(target)) delete target[last];
  }
  return result;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The engine's own diff when the provider answers DIFF_UNKNOWN: the input properties that differ. */
function inputDiff(olds: PropertyMap, news: PropertyMap): string[] {
  const a = stripSecrets(olds) as PropertyMap;
  const b = stripSecrets(news) as PropertyMap;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete("__provider");
  return [...keys].filter((k) => !same(a[k], b[k])).sort();
}

function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === "*" || p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

interface Decision {
  op: "same" | "update" | "replace";
  diffs: string[];
  replaces: string[];
  deleteBeforeReplace: boolean;
}

function decide(diff: DiffResult, old: ResourceState, reg: Registration, news: PropertyMap): Decision {
  let changed: boolean;
  let diffs: string[];
  let replaces = diff.replaces;
  if (diff.changes === "none") {
    changed = false;
    diffs = [];
    replaces = [];
  } else {
    // The dynamic-provider host passes on changes, replaces and deleteBeforeReplace but not the provider's `diffs`,
    // so (as the engine does without a detailed diff) the changed properties are the inputs that differ, plus the
    // ones the provider says force a replacement. DIFF_UNKNOWN: the input comparison decides.
    diffs = [...new Set([...(diff.diffs.length > 0 ? diff.diffs : inputDiff(old.inputs, news)), ...replaces])];
    changed = diff.changes === "some" || diffs.length > 0;
  }
  replaces = [...new Set([...replaces, ...diffs.filter((d) => matchesAny(d, reg.replaceOnChanges))])];
  const deleteBeforeReplace = reg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  if (replaces.length > 0) return { op: "replace", diffs, replaces, deleteBeforeReplace };
  // As the engine does, a resource whose last create/update failed partway is updated even without a diff.
  if (changed || (old.initErrors?.length ?? 0) > 0) return { op: "update", diffs, replaces: [], deleteBeforeReplace: false };
  return { op: "same", diffs: [], replaces: [], deleteBeforeReplace: false };
}

export interface EngineOptions {
  store: StateStore;
  pool: HostPool;
  display: Display;
}

export class Engine {
  /** Preview: the planned step of every registration, in registration order. */
  readonly steps: Step[] = [];
  readonly checkFailures: CheckFailureReport[] = [];
  /** Errors already shown (or to show) to the user, one per failed resource or registration. */
  readonly errors: string[] = [];
  readonly registered = new Set<string>();
  readonly tally: Tally = { created: 0, updated: 0, replaced: 0, deleted: 0, same: 0 };
  failed = false;
  /** Set by the preview when a resource's inputs or outputs will hold a secret (the state file then needs a passphrase). */
  usesSecrets = false;

  constructor(private readonly opts: EngineOptions) {}

  private get store(): StateStore {
    return this.opts.store;
  }

  /** True for errors this engine raised itself (so the program pass does not report them twice). */
  isReported(e: unknown): boolean {
    const text = e instanceof Error ? e.message : String(e);
    return e instanceof ReportedError || this.errors.some((m) => text.includes(m)) || /skipped: (an earlier step failed|interrupted)/.test(text);
  }

  private fail(message: string): never {
    this.failed = true;
    this.errors.push(message);
    throw new ReportedError(message);
  }

  /** Rules common to both passes: what the offline runner can run at all. */
  private admit(reg: Registration): void {
    const label = resourceLabel(reg);
    if (this.registered.has(reg.urn)) this.fail(`${label}: duplicate resource URN ${reg.urn} (two resources of one type with one name)`);
    this.registered.add(reg.urn);
    if (reg.type.startsWith("pulumi:providers:") || reg.provider !== "" || !DYNAMIC_TYPE.test(reg.type)) {
      this.fail(`${label}: the offline runner runs dynamic-provider resources only (like pulumi-dbbackup's); this program needs the Pulumi CLI`);
    }
    if (reg.importId !== "") this.fail(`${label}: importing (import: "${reg.importId}") needs the Pulumi CLI (\`pulumi import\`)`);
  }

  private async check(reg: Registration, old: ResourceState | undefined): Promise<Checked> {
    const host = await this.opts.pool.shared();
    const news = old !== undefined && reg.ignoreChanges.length > 0 ? applyIgnoreChanges(old.inputs, reg.inputs, reg.ignoreChanges) : reg.inputs;
    return host.check(reg.urn, old?.inputs ?? {}, news);
  }

  private async diff(host: HostHandle, reg: Registration, old: ResourceState, news: PropertyMap): Promise<Decision> {
    const diff = await host.diff(old.id, reg.urn, old.outputs, news, { oldInputs: old.inputs, ignoreChanges: reg.ignoreChanges });
    return decide(diff, old, reg, news);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Preview

  /** The preview's steps in the order the program registered the resources. */
  orderedSteps(): Step[] {
    return [...this.steps].sort((a, b) => this.order.indexOf(a.urn) - this.order.indexOf(b.urn));
  }

  private readonly order: string[] = [];

  async preview(reg: Registration): Promise<RegistrationResult> {
    if (!reg.custom) return { id: "", outputs: reg.inputs };
    this.order.push(reg.urn);
    this.admit(reg);
    const old = this.store.get(reg.urn);
    let checked: Checked;
    try {
      checked = await this.check(reg, old);
    } catch (e) {
      this.fail(`${resourceLabel(reg)}: check failed: ${(e as Error).message}`);
    }
    if (checked.failures.length > 0) {
      this.failed = true;
      this.checkFailures.push({ label: resourceLabel(reg), failures: checked.failures });
      // Dependents are still planned (their inputs from this one are unknown), so every failure shows at once.
      return { id: "", outputs: {} };
    }
    if (containsSecrets(checked.inputs) || reg.additionalSecretOutputs.length > 0) this.usesSecrets = true;
    const base = { urn: reg.urn, type: reg.type, name: reg.name };
    if (old === undefined) {
      const unknown = Object.keys(checked.inputs).filter((k) => k !== "__provider" && containsUnknowns(checked.inputs[k]));
      this.steps.push({ ...base, op: "create", diffs: [], replaces: [], details: unknown.map((k) => `${k}: ${KNOWN_AFTER_APPLY}`) });
      return { id: "", outputs: markSecretOutputs(checked.inputs, reg.additionalSecretOutputs) };
    }
    let d: Decision;
    try {
      d = await this.diff(await this.opts.pool.shared(), reg, old, checked.inputs);
    } catch (e) {
      this.fail(`${resourceLabel(reg)}: diff failed: ${(e as Error).message}`);
    }
    const blocked = d.op === "replace" && old.protect === true ? protectedMessage("replace", reg.urn) : undefined;
    this.steps.push({
      ...base,
      op: d.op,
      ...(blocked !== undefined ? { blocked } : {}),
      diffs: d.diffs,
      replaces: d.replaces,
      ...(d.op === "replace" ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}),
      ...(d.op === "update" && (old.initErrors?.length ?? 0) > 0 ? { resume: old.initErrors } : {}),
      details: describeChanges(d.diffs, old.inputs, old.outputs, checked.inputs),
    });
    if (blocked !== undefined) this.fail(`${resourceLabel(reg)}: ${blocked}`);
    if (d.op === "same") return { id: old.id, outputs: markSecretOutputs(old.outputs, reg.additionalSecretOutputs) };
    // Like the engine with a provider that cannot preview: the new inputs, outputs not known until applied.
    return { id: d.op === "update" ? old.id : "", outputs: markSecretOutputs(checked.inputs, reg.additionalSecretOutputs) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Apply

  private record(reg: Registration, id: string, inputs: PropertyMap, outputs: PropertyMap, initErrors?: string[]): ResourceState {
    const r: ResourceState = {
      urn: reg.urn,
      type: reg.type,
      id,
      inputs,
      outputs,
      dependencies: reg.dependencies,
      ...(reg.parent !== "" ? { parent: reg.parent } : {}),
      ...(initErrors !== undefined && initErrors.length > 0 ? { initErrors } : {}),
      ...(reg.protect ? { protect: true } : {}),
    };
    this.store.put(r);
    this.store.save();
    return r;
  }

  /** Runs one create/update/delete on a host of its own, with a live progress line. */
  private async operation<T>(key: string, label: string, doing: string, fn: (host: HostHandle) => Promise<T>): Promise<{ value: T; ms: number }> {
    const d = this.opts.display;
    d.begin(key, label, doing);
    try {
      const value = await this.opts.pool.exclusive(key, fn);
      return { value, ms: d.end(key) };
    } catch (e) {
      d.end(key);
      throw e;
    }
  }

  private failedStep(label: string, doing: string, e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    this.opts.display.line(`  ✗ ${label}: ${doing} failed: ${message}`);
    return `${label}: ${doing} failed: ${message}`;
  }

  async apply(reg: Registration): Promise<RegistrationResult> {
    if (!reg.custom) return { id: "", outputs: reg.inputs };
    if (this.failed || interruptRequested()) {
      this.registered.add(reg.urn);
      if (interruptRequested()) this.failed = true;
      throw new ReportedError(`${resourceLabel(reg)} skipped: ${interruptRequested() ? "interrupted" : "an earlier step failed"}`);
    }
    this.admit(reg);
    const label = resourceLabel(reg);
    const old = this.store.get(reg.urn);
    let checked: Checked;
    try {
      checked = await this.check(reg, old);
    } catch (e) {
      this.fail(this.failedStep(label, "check", e));
    }
    if (checked.failures.length > 0) {
      for (const f of checked.failures) this.opts.display.line(`  ✗ ${label}: ${f.property ? `${f.property}: ` : ""}${f.reason}`);
      this.fail(`${label}: check failed: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const inputs = checked.inputs;
    if (old === undefined) return this.create(reg, inputs, "created");

    let d: Decision;
    try {
      d = await this.diff(await this.opts.pool.shared(), reg, old, inputs);
    } catch (e) {
      this.fail(this.failedStep(label, "diff", e));
    }
    if (d.op === "same") {
      this.record(reg, old.id, inputs, old.outputs);
      this.tally.same++;
      return { id: old.id, outputs: markSecretOutputs(old.outputs, reg.additionalSecretOutputs) };
    }
    if (d.op === "update") return this.update(reg, old, inputs);
    if (old.protect === true) {
      const message = `${label}: ${protectedMessage("replace", reg.urn)}`;
      this.opts.display.line(`  ✗ ${message}`);
      this.fail(message);
    }
    if (d.deleteBeforeReplace) {
      await this.deleteOne(old, "deleting (to replace it)");
      this.store.remove(old.urn);
      this.store.save();
      return this.create(reg, inputs, "replaced");
    }
    return this.create(reg, inputs, "replaced", old);
  }

  /** Create (or the create half of a create-before-delete replacement, whose old version is deleted at the end). */
  private async create(reg: Registration, inputs: PropertyMap, done: "created" | "replaced", replacing?: ResourceState): Promise<RegistrationResult> {
    const label = resourceLabel(reg);
    const doing = done === "created" ? "creating" : "creating the replacement";
    const keepOld = (): void => {
      if (replacing !== undefined) this.store.state.pendingDeletes.push(replacing);
    };
    if (interruptRequested()) this.fail(`${label} skipped: interrupted`);
    // Written before the host is called: if this process dies before the result is recorded, the next run knows
    // that an object may exist on the platform without being in the state.
    this.store.beginCreate(reg);
    try {
      const { value, ms } = await this.operation(reg.urn, label, doing, (h) => h.create(reg.urn, inputs));
      const outputs = markSecretOutputs(value.properties, reg.additionalSecretOutputs);
      this.store.endCreate(reg.urn);
      keepOld();
      this.record(reg, value.id, inputs, outputs);
      if (done === "created") this.tally.created++;
      else this.tally.replaced++;
      const sym = done === "created" ? "+" : "+-";
      this.opts.display.line(`  ${sym} ${label}: ${done} in ${formatElapsed(ms)} (id ${value.id})`);
      return { id: value.id, outputs };
    } catch (e) {
      if (e instanceof HostError && e.initFailure !== undefined) {
        // The object exists but the wait did not finish: record it, so the next run resumes instead of re-creating.
        const f = e.initFailure;
        this.store.endCreate(reg.urn);
        keepOld();
        this.record(reg, f.id, inputs, markSecretOutputs(f.properties, reg.additionalSecretOutputs), f.reasons);
        this.fail(this.failedStep(label, doing, new Error(`${f.reasons.join("; ")} (recorded in the state with id ${f.id})`)));
      }
      // The provider answered with a failure (as the engine does, the pending create is cleared); a lost host
      // (CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE: it died mid-call) leaves it pending: the object may exist.
      if (e instanceof HostError && ![1, 4, 14].includes(e.code)) {
        this.store.endCreate(reg.urn);
        this.store.save();
      }
      this.fail(this.failedStep(label, doing, e));
    }
  }

  private async update(reg: Registration, old: ResourceState, inputs: PropertyMap): Promise<RegistrationResult> {
    const label = resourceLabel(reg);
    const doing = (old.initErrors?.length ?? 0) > 0 ? "updating (finishing the last run)" : "updating";
    try {
      const { value, ms } = await this.operation(reg.urn, label, doing, (h) => h.update(old.id, reg.urn, old.outputs, inputs, { oldInputs: old.inputs }));
      const outputs = markSecretOutputs(value.properties, reg.additionalSecretOutputs);
      this.record(reg, old.id, inputs, outputs);
      this.tally.updated++;
      this.opts.display.line(`  ~ ${label}: updated in ${formatElapsed(ms)}`);
      return { id: old.id, outputs };
    } catch (e) {
      if (e instanceof HostError && e.initFailure !== undefined) {
        const f = e.initFailure;
        this.record(reg, f.id || old.id, inputs, markSecretOutputs(f.properties, reg.additionalSecretOutputs), f.reasons);
        this.fail(this.failedStep(label, doing, new Error(`${f.reasons.join("; ")} (recorded in the state)`)));
      }
      this.fail(this.failedStep(label, doing, e));
    }
  }

  private async deleteOne(r: ResourceState, doing = "deleting"): Promise<number> {
    const label = resourceLabel({ name: r.urn.split("::").slice(3).join("::"), type: r.type });
    try {
      const { ms } = await this.operation(`delete:${r.urn}:${r.id}`, label, doing, (h) => h.delete(r.id, r.urn, r.outputs, { oldInputs: r.inputs }));
      return ms;
    } catch (e) {
      this.fail(this.failedStep(label, doing, e));
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Deletes: resources gone from the program (or all, for destroy) and old versions of replaced ones

  /** What the delete phase will delete, in waves: every resource after all resources that depend on it. */
  deletePlan(destroy: boolean): ResourceState[][] {
    const gone = destroy ? this.store.state.resources : this.store.state.resources.filter((r) => !this.registered.has(r.urn));
    return deleteWaves([...this.store.state.pendingDeletes, ...gone]);
  }

  /** Preview steps of the delete phase. */
  deleteSteps(destroy: boolean): Step[] {
    const pending = new Set(this.store.state.pendingDeletes);
    return this.deletePlan(destroy)
      .flat()
      .map((r) => {
        const name = r.urn.split("::").slice(3).join("::");
        const blocked = r.protect === true ? protectedMessage("delete", r.urn) : undefined;
        // A protected resource fails the preview: nothing is applied until its protect flag is removed.
        if (blocked !== undefined) {
          this.failed = true;
          this.errors.push(`${resourceLabel({ name, type: r.type })}: ${blocked}`);
        }
        return {
          op: "delete" as const,
          urn: r.urn,
          type: r.type,
          name,
          diffs: [],
          replaces: [],
          ...(blocked !== undefined ? { blocked } : {}),
          details: pending.has(r) ? [`the old version (id ${r.id}) of a replaced resource`] : [`id ${r.id}`],
        };
      });
  }

  /** Runs the delete phase; stops after the first wave with a failure. */
  async applyDeletes(destroy: boolean): Promise<void> {
    for (const wave of this.deletePlan(destroy)) {
      if (interruptRequested()) {
        this.failed = true;
        return;
      }
      const protectedOnes = wave.filter((r) => r.protect === true);
      for (const r of protectedOnes) {
        this.failed = true;
        this.errors.push(`${resourceLabel({ name: r.urn.split("::").slice(3).join("::"), type: r.type })}: ${protectedMessage("delete", r.urn)}`);
        this.opts.display.line(`  ✗ ${this.errors[this.errors.length - 1]}`);
      }
      if (protectedOnes.length > 0) return;
      const results = await Promise.allSettled(
        wave.map(async (r) => {
          const ms = await this.deleteOne(r);
          const pendingIndex = this.store.state.pendingDeletes.indexOf(r);
          if (pendingIndex >= 0) this.store.state.pendingDeletes.splice(pendingIndex, 1);
          else this.store.remove(r.urn);
          this.store.save();
          this.tally.deleted++;
          this.opts.display.line(`  - ${resourceLabel({ name: r.urn.split("::").slice(3).join("::"), type: r.type })}: deleted in ${formatElapsed(ms)} (id ${r.id})`);
        }),
      );
      if (results.some((x) => x.status === "rejected")) return;
    }
  }
}

/** Groups resources into waves so that each resource is deleted only after every resource depending on it. */
export function deleteWaves(list: readonly ResourceState[]): ResourceState[][] {
  let remaining = [...list];
  const waves: ResourceState[][] = [];
  while (remaining.length > 0) {
    const wave = remaining.filter((r) => !remaining.some((d) => d !== r && d.urn !== r.urn && (d.dependencies.includes(r.urn) || d.parent === r.urn)));
    if (wave.length === 0) {
      // A cycle cannot come from a program; if a state file has one, delete in reverse order of creation.
      waves.push([...remaining].reverse());
      break;
    }
    waves.push(wave);
    remaining = remaining.filter((r) => !wave.includes(r));
  }
  return waves;
}

