// The offline runner's state file (.pulumi-offline/<project>-<stack>.json): what the engine's checkpoint holds for
// each resource (urn, type, id, inputs, outputs, dependencies, init errors), the replaced resources still to delete,
// and the stack outputs. Secrets are encrypted (secrets-crypto.ts); the file is rewritten atomically after each step.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PropertyMap } from "./properties";
import {
  checkValue,
  containsEncrypted,
  createCipher,
  decryptSecrets,
  encryptSecrets,
  newSalt,
  SecretsError,
  verifyCheckValue,
  type SecretsCipher,
} from "./secrets-crypto";

export interface ResourceState {
  urn: string;
  type: string;
  id: string;
  /** The checked inputs (wire form; __provider included). */
  inputs: PropertyMap;
  /** The provider's outputs (wire form; __provider included). */
  outputs: PropertyMap;
  /** URNs this resource depends on (property dependencies and dependsOn): deletes go dependents first. */
  dependencies: string[];
  parent?: string;
  /** Set when the last create/update ended in a partial failure; the next run updates the resource to finish. */
  initErrors?: string[];
  protect?: boolean;
}

/** A create sent (or about to be sent) whose result is not recorded yet: after a crash the object may exist. */
export interface PendingOperation {
  urn: string;
  type: string;
  name: string;
  op: "creating";
  startedAt: string;
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: ResourceState[];
  /** Resources replaced create-before-delete whose old version is still to be deleted. */
  pendingDeletes: ResourceState[];
  /** Creates in flight, written before the host is called and cleared once their result is recorded. */
  pendingOperations: PendingOperation[];
  outputs: PropertyMap;
}

interface StateFile extends StackState {
  updatedAt: string;
  /** scrypt salt and passphrase check, present once a secret was stored. */
  secrets?: { salt: string; check: string };
}

function emptyState(project: string, stack: string): StackState {
  return { version: 1, project, stack, resources: [], pendingDeletes: [], pendingOperations: [], outputs: {} };
}

export const NO_PASSPHRASE =
  "the state holds secrets, which are encrypted with a passphrase: set PULUMI_CONFIG_PASSPHRASE (npm start sets a default for the demo stack)";

export class StateStore {
  private cipher: SecretsCipher | undefined;
  private secretsMeta: { salt: string; check: string } | undefined;

  private constructor(
    readonly file: string,
    readonly state: StackState,
    private readonly passphrase: string | undefined,
    meta: { salt: string; check: string } | undefined,
  ) {
    this.secretsMeta = meta;
  }

  /** Loads the state file (or starts empty). A wrong passphrase is refused here, before anything runs. */
  static open(file: string, project: string, stack: string, passphrase: string | undefined): StateStore {
    if (!fs.existsSync(file)) return new StateStore(file, emptyState(project, stack), passphrase, undefined);
    let raw: StateFile;
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8")) as StateFile;
    } catch (e) {
      throw new Error(`the state file ${file} is not valid JSON (${(e as Error).message}): move it away to start afresh`);
    }
    if (raw.version !== 1 || !Array.isArray(raw.resources)) throw new Error(`the state file ${file} is not a pulumi-dbbackup offline state (version 1)`);
    if (raw.project !== project || raw.stack !== stack) {
      throw new Error(`the state file ${file} belongs to ${raw.project}/${raw.stack}, not ${project}/${stack}`);
    }
    const store = new StateStore(file, emptyState(project, stack), passphrase, raw.secrets);
    if (raw.secrets !== undefined && passphrase !== undefined) verifyCheckValue(store.getCipher(), raw.secrets.check);
    const body = { resources: raw.resources, pendingDeletes: raw.pendingDeletes ?? [], outputs: raw.outputs ?? {} };
    if (containsEncrypted(body) && passphrase === undefined) throw new SecretsError(NO_PASSPHRASE);
    const plain = decryptSecrets(body, () => store.getCipher()) as typeof body;
    Object.assign(store.state, plain, { pendingOperations: Array.isArray(raw.pendingOperations) ? raw.pendingOperations : [] });
    return store;
  }

  private getCipher(): SecretsCipher {
    if (this.cipher !== undefined) return this.cipher;
    if (this.passphrase === undefined) throw new SecretsError(NO_PASSPHRASE);
    if (this.secretsMeta === undefined) {
      const salt = newSalt();
      this.cipher = createCipher(this.passphrase, salt);
      this.secretsMeta = { salt: salt.toString("base64"), check: checkValue(this.cipher) };
    } else {
      this.cipher = createCipher(this.passphrase, Buffer.from(this.secretsMeta.salt, "base64"));
    }
    return this.cipher;
  }

  get(urn: string): ResourceState | undefined {
    return this.state.resources.find((r) => r.urn === urn);
  }

  /** Replaces (or adds) the resource with this URN, keeping its position. */
  put(resource: ResourceState): void {
    const i = this.state.resources.findIndex((r) => r.urn === resource.urn);
    if (i >= 0) this.state.resources[i] = resource;
    else this.state.resources.push(resource);
  }

  /** Records that a create of this resource is about to be sent (written at once). */
  beginCreate(reg: { urn: string; type: string; name: string }): void {
    this.state.pendingOperations.push({ urn: reg.urn, type: reg.type, name: reg.name, op: "creating", startedAt: new Date().toISOString() });
    this.save();
  }

  /** Forgets the pending create of this URN (its result is recorded, or the provider answered that it failed). */
  endCreate(urn: string): void {
    this.state.pendingOperations = this.state.pendingOperations.filter((o) => o.urn !== urn);
  }

  remove(urn: string): void {
    this.state.resources = this.state.resources.filter((r) => r.urn !== urn);
  }

  /** Writes the file atomically (temp file + rename), secrets encrypted. */
  save(): void {
    const body = encryptSecrets(
      { resources: this.state.resources, pendingDeletes: this.state.pendingDeletes, outputs: this.state.outputs },
      () => this.getCipher(),
    ) as Pick<StackState, "resources" | "pendingDeletes" | "outputs">;
    const file: StateFile = {
      version: 1,
      project: this.state.project,
      stack: this.state.stack,
      updatedAt: new Date().toISOString(),
      ...(this.secretsMeta ? { secrets: this.secretsMeta } : {}),
      ...body,
      pendingOperations: this.state.pendingOperations,
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
