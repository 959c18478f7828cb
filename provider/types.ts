// The contract between the serialized shim (which only knows a resource kind and a method name), the
// runtime (configuration, clients, partial failures) and the three resources' handlers.
// Handlers are plain async functions of (inputs, context): testable without Pulumi.
import type { Clock } from "../sdk/clock";
import type { OceanBaseCloudClient } from "../sdk/oceanbase/client";
import type { OcpClient } from "../sdk/ocp/client";
import type { TaurusDbClient } from "../sdk/taurusdb/client";

export type ResourceKind = "BackupStrategy" | "ManualBackup" | "RestoredTenant";

/** Property bags as the dynamic provider receives and returns them (plain JSON values, no secrets wrapper). */
export type Props = Record<string, unknown>;

export interface CheckFailure {
  /** Property path, e.g. "obBackupScheduleConfig.backupScheduleTime" or "databaseTables[0].tables". */
  property: string;
  /** The rule that was broken, e.g. "must be an OffsetTime like 02:00:00.000+08:00". */
  reason: string;
}

export interface CheckResult {
  /** Normalised inputs (defaults applied), or the raw news when there are failures. */
  inputs: Props;
  failures: CheckFailure[];
}

export interface DiffResult {
  changes: boolean;
  /** Top-level property names whose change forces a replacement. */
  replaces: string[];
  /** Every top-level property that changed (replace or not). */
  diffs: string[];
  deleteBeforeReplace?: boolean;
}

export interface CreateResult {
  id: string;
  outs: Props;
}

export interface ReadResult {
  id: string;
  /** The outputs as the cloud says they are now. */
  props: Props;
  /** The inputs that would produce these outputs (so `pulumi import` and refresh yield an empty next diff). */
  inputs: Props;
}

export interface UpdateResult {
  /** ALL outputs: the host writes exactly these (missing keys are wiped from state). */
  outs: Props;
}

/** Lazily built, per configuration; creating one whose credentials are missing throws MissingConfigError. */
export interface Clients {
  oceanbase(): OceanBaseCloudClient;
  ocp(): OcpClient;
  taurusdb(): TaurusDbClient;
}

export interface HandlerContext {
  clients: Clients;
  clock: Clock;
  /** One line of progress for the user (resource, status, elapsed); never carries a secret. */
  progress(message: string): void;
}

export interface ResourceHandlers {
  /** Validates and normalises; never sends a request. Fails for every broken rule, with its property path. */
  check(olds: Props, news: Props, ctx: HandlerContext): Promise<CheckResult>;
  /**
   * Optional read-only checks that need the cloud (RestoredTenant: restoreTime inside a restorable window), run by the
   * runtime's check after check() passed and the configuration is complete; olds: the previous inputs ({} when new),
   * inputs: check()'s. Returns more failures (none: the inputs stand).
   */
  verify?(olds: Props, inputs: Props, ctx: HandlerContext): Promise<CheckFailure[]>;
  diff(id: string, olds: Props, news: Props, ctx: HandlerContext): Promise<DiffResult>;
  create(inputs: Props, ctx: HandlerContext): Promise<CreateResult>;
  /** Undefined when the object no longer exists (it drops out of state on refresh). */
  read(id: string, props: Props, ctx: HandlerContext): Promise<ReadResult | undefined>;
  update(id: string, olds: Props, news: Props, ctx: HandlerContext): Promise<UpdateResult>;
  /** Succeeds when the object is already gone. */
  delete(id: string, props: Props, ctx: HandlerContext): Promise<void>;
}
