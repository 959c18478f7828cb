// The emulator's durable state: one JSON object { [familyName]: slice }, each slice seeded by its family.
// With a state file it survives restarts: loaded at start, rewritten atomically (temp file + rename)
// after every request that changed it and on close.
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { isPlainObject } from "./faults";
import type { Family } from "./types";

export type StateSlice = Record<string, unknown>;

export class StateStore {
  private state: Record<string, StateSlice> = {};
  private dirty = false;
  // Writes are chained so an older snapshot can never be renamed over a newer one.
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly families: readonly Family[],
    private readonly statePath: string | undefined,
  ) {}

  /** Loads the state file when there is one (seeding families it lacks), otherwise seeds every family. */
  static async open(families: readonly Family[], statePath: string | undefined, nowMs: number): Promise<StateStore> {
    const store = new StateStore(families, statePath);
    const loaded = statePath === undefined ? undefined : await readStateFile(statePath);
    for (const family of families) {
      const slice = loaded?.[family.name];
      store.state[family.name] = slice === undefined ? family.seed(nowMs) : checkSlice(family.name, slice);
    }
    if (statePath !== undefined && loaded === undefined) await store.persist();
    return store;
  }

  /** The live slice of one family (handlers mutate it in place). */
  slice(name: string): StateSlice {
    const slice = this.state[name];
    if (slice === undefined) throw new Error(`no state for family "${name}"`);
    return slice;
  }

  /** The whole state as served by GET /__emulator/objects. */
  snapshot(): Record<string, StateSlice> {
    return this.state;
  }

  /** Fresh fixtures for every family. */
  async reseed(nowMs: number): Promise<void> {
    for (const family of this.families) this.state[family.name] = family.seed(nowMs);
    await this.persist();
  }

  /** Replaces one family's slice (PUT /__emulator/objects/:family). */
  async replaceSlice(name: string, value: unknown): Promise<void> {
    if (!Object.hasOwn(this.state, name)) throw new Error(`no family named "${name}"`);
    this.state[name] = checkSlice(name, value);
    await this.persist();
  }

  markDirty(): void {
    this.dirty = true;
  }

  async persistIfDirty(): Promise<void> {
    if (this.dirty) await this.persist();
  }

  /** Writes the state file now (no-op without one). */
  persist(): Promise<void> {
    this.dirty = false;
    const target = this.statePath;
    if (target === undefined) return Promise.resolve();
    const text = JSON.stringify(this.state, null, 2) + "\n";
    const write = this.writes.then(() => writeAtomically(target, text));
    this.writes = write.catch(() => undefined);
    return write;
  }
}

async function readStateFile(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`emulator state file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(parsed)) throw new Error(`emulator state file ${file} must hold a JSON object`);
  return parsed;
}

function checkSlice(name: string, slice: unknown): StateSlice {
  if (!isPlainObject(slice)) throw new Error(`state of family "${name}" must be a JSON object`);
  return slice;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, text, "utf8");
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
