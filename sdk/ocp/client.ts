// OceanBase Cloud Platform (OCP V4.x) backup client: the backup strategy of a cluster or a tenant, its
// schedule, the cluster's backup ability, on-demand backups (backupNow), and the asynchronous tasks every
// change starts (one task, or the task list).
import type { z } from "zod";
import { basicAuth } from "../auth/basic";
import { ocpHmacAuth } from "../auth/ocp-hmac";
import { systemClock, type Clock, type Random } from "../clock";
import { DbBackupError, ErrorCodes, InvalidInputError, OperationFailedError } from "../errors";
import { Deadline, waitFor, type WaitOptions } from "../wait";
import { apiError } from "../transport/api-error";
import { parseJson, parseWith } from "../transport/parse";
import { clientTransportOptions, Transport } from "../transport/transport";
import type { Authenticator, CallOptions, ClientTransportOptions, RawResponse } from "../transport/types";
import { pathSegment, positiveIntegerId } from "../validate";
import { assertBackupOpsSucceeded, errorEnvelopeFacts, ocpErrorMapper } from "./errors";
import { OCP_ROUTES, type StrategyTargetSegments } from "./paths";
import {
  anyDataSchema,
  backupAbilitySchema,
  backupCommonResponseSchema,
  backupStrategyInputSchema,
  backupNowInputSchema,
  backupStrategySchema,
  envelopeHeadSchema,
  MAX_TASK_PAGE_SIZE,
  successEnvelope,
  taskInstanceSchema,
  taskPageSchema,
  type OcpBackupAbility,
  type OcpBackupNowInput,
  type OcpBackupCommonResponse,
  type OcpBackupStrategy,
  type OcpBackupStrategyInput,
  type OcpTaskInstance,
  type OcpTaskPage,
} from "./schemas";

export interface OcpClientOptions extends ClientTransportOptions {
  /** The customer's own OCP server, e.g. "http://ocp.example.internal:8080" (there is no default). */
  endpoint: string;
  /** AccessKey pair (OCP-ACCESS-KEY-HMACSHA1); wins when Basic credentials are given too. */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** HTTP Basic, used when no AccessKey pair is given. */
  username?: string;
  password?: string;
}

/** A cluster-level strategy ({ clusterId }) or a tenant-level one ({ clusterId, tenantId }). Ids are positive integers. */
export interface OcpStrategyTarget {
  clusterId: number | string;
  tenantId?: number | string;
}

export type OcpCallOptions = CallOptions;

/** What a strategy change answers: the server's BackupCommonResponse plus the task ids to follow. */
export interface OcpBackupOperation extends OcpBackupCommonResponse {
  /** Every id in every result's taskIdList, in order. */
  taskIds: number[];
  traceId: string | undefined;
}

export interface WaitForTasksOptions {
  /** Deadline for all tasks together: a Deadline, or milliseconds from now. */
  deadline: Deadline | number;
  signal?: AbortSignal;
  /** Poller tuning (defaults: the poller's). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** The tasks were just started: the first look comes after the first delay, not at once. */
  justStarted?: boolean;
  /** Each new status ("task 3000041 RUNNING"), and a heartbeat while it stays (waitFor). */
  onStatus?: WaitOptions["onStatus"];
}

const PLATFORM = "ocp" as const;
/** Checks an OCP id (a positive integer, as number or digits) and returns it as an encoded path segment. */
function idSegment(field: string, value: unknown): string {
  return pathSegment(field, positiveIntegerId(field, value));
}

function targetSegments(t: OcpStrategyTarget): StrategyTargetSegments {
  if (typeof t !== "object" || t === null) throw new InvalidInputError("target", "must be an object with clusterId");
  return {
    cluster: idSegment("clusterId", t.clusterId),
    ...(t.tenantId !== undefined ? { tenant: idSegment("tenantId", t.tenantId) } : {}),
  };
}

/** Validates a body against its schema; a broken rule becomes InvalidInputError naming the property path. */
function checkedBody<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue === undefined) throw new InvalidInputError(what, "is invalid");
  const path = issue.path.map(String);
  // zod reports an unknown key on its parent object: name the key itself.
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
    throw new InvalidInputError([...path, issue.keys[0]].join("."), "is not a known property");
  }
  throw new InvalidInputError(path.join(".") || what, issue.message);
}

function checkedStrategy(input: unknown): z.output<typeof backupStrategyInputSchema> {
  return checkedBody(backupStrategyInputSchema, input, "strategy");
}

/** The task list's filter (docs/api-ocp.md#task-list); every field optional, as the API has them. */
export interface OcpTaskFilter {
  /** A keyword of the task name (OCP matches it fuzzily). */
  name?: string;
  /** RUNNING, FAILED, SUCCESSFUL; sent comma-separated. */
  status?: readonly string[];
  /** MANUAL, SYS_ONECE, SCHEDULED, SYS_SCHEDULED. */
  type?: string;
  clusterId?: number | string;
  tenantId?: number | string;
  /** From 1. */
  page?: number;
  /** 1 to 2000. */
  size?: number;
  /** e.g. "id,desc". */
  sort?: string;
}

function taskQuery(f: OcpTaskFilter): Record<string, string | number | undefined> {
  if (typeof f !== "object" || f === null) throw new InvalidInputError("filter", "must be an object");
  const positive = (field: string, v: number | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    if (v === undefined) return undefined;
    if (!Number.isSafeInteger(v) || v < 1 || v > max) throw new InvalidInputError(field, max === Number.MAX_SAFE_INTEGER ? "must be a positive integer" : `must be an integer from 1 to ${max}`);
    return v;
  };
  if (f.status !== undefined && (!Array.isArray(f.status) || f.status.some((s) => typeof s !== "string" || !/^[A-Z_]+$/.test(s)))) {
    throw new InvalidInputError("status", "must be a list of task statuses such as RUNNING, FAILED, SUCCESSFUL");
  }
  return {
    name: f.name,
    status: f.status?.join(","),
    type: f.type,
    clusterId: f.clusterId === undefined ? undefined : Number(idSegment("clusterId", f.clusterId)),
    tenantId: f.tenantId === undefined ? undefined : Number(idSegment("tenantId", f.tenantId)),
    page: positive("page", f.page),
    size: positive("size", f.size, MAX_TASK_PAGE_SIZE),
    sort: f.sort,
  };
}

function chooseAuth(o: OcpClientOptions, clock: Clock): Authenticator {
  const hasAk = o.accessKeyId !== undefined || o.accessKeySecret !== undefined;
  if (hasAk) {
    if (!o.accessKeyId) throw new InvalidInputError("accessKeyId", "is required with accessKeySecret");
    if (!o.accessKeySecret) throw new InvalidInputError("accessKeySecret", "is required with accessKeyId");
    return ocpHmacAuth({ accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, clock });
  }
  if (o.username !== undefined || o.password !== undefined) {
    if (!o.username) throw new InvalidInputError("username", "is required with password");
    if (o.password === undefined || o.password === "") throw new InvalidInputError("password", "is required with username");
    return basicAuth({ username: o.username, password: o.password });
  }
  throw new InvalidInputError("accessKeyId/accessKeySecret or username/password", "OCP needs an AccessKey pair or HTTP Basic credentials");
}

function checkEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== "string" || endpoint === "") throw new InvalidInputError("endpoint", "is required (the OCP server's URL)");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidInputError("endpoint", "must be an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidInputError("endpoint", "must be an absolute http(s) URL");
  if (url.username || url.password) throw new InvalidInputError("endpoint", "must not carry credentials");
  if (url.search || url.hash) throw new InvalidInputError("endpoint", "must not have a query or fragment");
  return endpoint;
}

export class OcpClient {
  // Secrets live in the authenticator's closures; the transport holds no credential.
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #random: Random | undefined;

  constructor(options: OcpClientOptions) {
    if (typeof options !== "object" || options === null) throw new InvalidInputError("options", "is required");
    const endpoint = checkEndpoint(options.endpoint);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random;
    const auth = chooseAuth(options, this.#clock);
    this.#transport = new Transport({
      platform: PLATFORM,
      baseUrl: endpoint,
      auth,
      mapError: ocpErrorMapper(this.#clock),
      ...clientTransportOptions(options),
      clock: this.#clock,
    });
  }

  /** Creates the backup strategy of a cluster or tenant; follow the returned taskIds with waitForTasks(). */
  async createBackupStrategy(target: OcpStrategyTarget, strategy: OcpBackupStrategyInput, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const seg = targetSegments(target);
    const body = { ...checkedStrategy(strategy), obBackupObjectList: [backupObject(target)] };
    const r = OCP_ROUTES.createStrategy;
    return this.#operation("ocp.createBackupStrategy", r.method, r.path(seg), body, opts);
  }

  /** The strategy as the server stores it, or undefined when none is configured (404 or data null). */
  async getBackupStrategy(target: OcpStrategyTarget, opts: OcpCallOptions = {}): Promise<OcpBackupStrategy | undefined> {
    const seg = targetSegments(target);
    const r = OCP_ROUTES.getStrategy;
    try {
      return await this.#call("ocp.getBackupStrategy", r.method, r.path(seg), undefined, backupStrategySchema.nullable(), opts).then(
        (env) => env.data ?? undefined,
      );
    } catch (e) {
      if (e instanceof DbBackupError && e.code === ErrorCodes.NOT_FOUND) return undefined;
      throw e;
    }
  }

  /** Replaces the strategy's settings (the body is the full strategy, as for create). */
  async modifyBackupStrategy(target: OcpStrategyTarget, strategy: OcpBackupStrategyInput, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const seg = targetSegments(target);
    const body = { ...checkedStrategy(strategy), obBackupObjectList: [backupObject(target)] };
    const r = OCP_ROUTES.modifyStrategy;
    return this.#operation("ocp.modifyBackupStrategy", r.method, r.path(seg), body, opts);
  }

  async deleteBackupStrategy(target: OcpStrategyTarget, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const seg = targetSegments(target);
    const r = OCP_ROUTES.deleteStrategy;
    return this.#operation("ocp.deleteBackupStrategy", r.method, r.path(seg), undefined, opts);
  }

  /** Pauses the cluster's backup scheduling (backupScheduleEnabled false). */
  async stopSchedule(clusterId: number | string, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const r = OCP_ROUTES.stopSchedule;
    return this.#operation("ocp.stopSchedule", r.method, r.path({ cluster: idSegment("clusterId", clusterId) }), undefined, opts);
  }

  /** Resumes the cluster's backup scheduling (backupScheduleEnabled true). */
  async startSchedule(clusterId: number | string, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const r = OCP_ROUTES.startSchedule;
    return this.#operation("ocp.startSchedule", r.method, r.path({ cluster: idSegment("clusterId", clusterId) }), undefined, opts);
  }

  async getBackupAbility(clusterId: number | string, opts: OcpCallOptions = {}): Promise<OcpBackupAbility> {
    const r = OCP_ROUTES.getBackupAbility;
    const env = await this.#call("ocp.getBackupAbility", r.method, r.path({ cluster: idSegment("clusterId", clusterId) }), undefined, backupAbilitySchema, opts);
    return env.data;
  }

  /**
   * Resolves when the cluster answers (its backup ability is asked for, and not read): an existence check, so a field
   * the server leaves out or renames never fails it.
   */
  async probeCluster(clusterId: number | string, opts: OcpCallOptions = {}): Promise<void> {
    const r = OCP_ROUTES.getBackupAbility;
    await this.#call("ocp.getBackupAbility", r.method, r.path({ cluster: idSegment("clusterId", clusterId) }), undefined, anyDataSchema, opts);
  }

  /**
   * Starts a data backup of a cluster, or of one of its tenants, now; follow the returned taskIds with waitForTasks().
   * Not idempotent: the transport never repeats it after an ambiguous failure (look the task up with listTasks).
   */
  async backupNow(target: OcpStrategyTarget, body: OcpBackupNowInput, opts: OcpCallOptions = {}): Promise<OcpBackupOperation> {
    const seg = targetSegments(target);
    const checked = checkedBody(backupNowInputSchema, body, "body");
    const r = OCP_ROUTES.backupNow;
    return this.#operation("ocp.backupNow", r.method, r.path(seg), checked, opts);
  }

  /** One page of the task list, filtered as given (the server's defaults apply to what is left out). */
  async listTasks(filter: OcpTaskFilter = {}, opts: OcpCallOptions = {}): Promise<OcpTaskPage> {
    const query = taskQuery(filter);
    const r = OCP_ROUTES.listTasks;
    const env = await this.#call("ocp.listTasks", r.method, r.path(), undefined, taskPageSchema, opts, query);
    return env.data;
  }

  async getTask(taskInstanceId: number | string, opts: OcpCallOptions = {}): Promise<OcpTaskInstance> {
    const r = OCP_ROUTES.getTask;
    const env = await this.#call("ocp.getTask", r.method, r.path(idSegment("taskInstanceId", taskInstanceId)), undefined, taskInstanceSchema, opts);
    return env.data;
  }

  /**
   * Follows every task until all are SUCCESSFUL (resolves with their final state). A FAILED task throws
   * OperationFailedError at once; the deadline throws DeadlineExceededError.
   */
  async waitForTasks(taskIds: ReadonlyArray<number | string>, opts: WaitForTasksOptions): Promise<OcpTaskInstance[]> {
    if (!Array.isArray(taskIds)) throw new InvalidInputError("taskIds", "must be an array of task ids");
    taskIds.forEach((id, i) => idSegment(`taskIds.${i}`, id));
    const finished = new Map<string, OcpTaskInstance>();
    const ids = [...new Set(taskIds.map(String))];
    const deadline = typeof opts.deadline === "number" ? Deadline.after(opts.deadline / 60_000, this.#clock) : opts.deadline;
    return waitFor(
      async () => {
        for (const id of ids) {
          if (finished.has(id)) continue;
          const task = await this.getTask(id, opts.signal ? { signal: opts.signal } : {});
          if (task.status === "FAILED") {
            throw new OperationFailedError(`ocp.waitForTasks: task ${id}${task.name ? ` (${task.name})` : ""} ended FAILED`, {
              platform: PLATFORM,
              operation: "ocp.waitForTasks",
            });
          }
          if (task.status !== "SUCCESSFUL") return { done: false, status: `task ${id} ${task.status}` };
          finished.set(id, task);
        }
        return { done: true, value: ids.map((id) => finished.get(id) as OcpTaskInstance) };
      },
      {
        description: `OCP task${ids.length === 1 ? "" : "s"} ${ids.join(", ")}`,
        deadline,
        clock: this.#clock,
        ...(this.#random ? { random: this.#random } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.initialDelayMs !== undefined ? { initialDelayMs: opts.initialDelayMs } : {}),
        ...(opts.maxDelayMs !== undefined ? { maxDelayMs: opts.maxDelayMs } : {}),
        ...(opts.justStarted !== undefined ? { justStarted: opts.justStarted } : {}),
        ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
        platform: PLATFORM,
        operation: "ocp.waitForTasks",
      },
    );
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  /** A strategy change: BackupCommonResponse, refused per object when any beSuccessful is false. */
  async #operation(operation: string, method: "POST" | "PATCH" | "DELETE", path: string, body: unknown, opts: OcpCallOptions): Promise<OcpBackupOperation> {
    const env = await this.#call(operation, method, path, body, backupCommonResponseSchema, opts);
    const requestId = env.traceId ?? undefined;
    assertBackupOpsSucceeded(env.data, { operation, httpStatus: env.status ?? 200, ...(requestId ? { requestId } : {}) });
    const taskIds = env.data.backupObjectOpsResultList.flatMap((r) => r.taskIdList ?? []);
    return { ...env.data, taskIds, traceId: requestId };
  }

  /** One request: transport (auth, retries, error mapping), then the envelope and `data` through zod. */
  async #call<S extends z.ZodType>(
    operation: string,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    body: unknown,
    data: S,
    opts: OcpCallOptions,
    query?: Record<string, string | number | undefined>,
  ): Promise<z.output<ReturnType<typeof successEnvelope<S>>>> {
    const res = await this.#transport.request({
      operation,
      method,
      path,
      ...(query !== undefined ? { query } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const json = parseJson(res, { platform: PLATFORM, operation });
    refuseUnsuccessful(json, res, operation);
    return parseWith(successEnvelope(data), json, { platform: PLATFORM, operation, httpStatus: res.status });
  }
}

function backupObject(t: OcpStrategyTarget): Record<string, unknown> {
  return t.tenantId === undefined
    ? { clusterId: Number(t.clusterId), backupDimension: "CLUSTER" }
    : { clusterId: Number(t.clusterId), tenantId: Number(t.tenantId), backupDimension: "TENANT" };
}

/** A 2xx whose envelope says successful:false is an error like any other. */
function refuseUnsuccessful(json: unknown, res: RawResponse, operation: string): void {
  const head = envelopeHeadSchema.safeParse(json);
  if (!head.success || head.data.successful) return;
  throw apiError({ platform: PLATFORM, operation, httpStatus: res.status, ...errorEnvelopeFacts(res.body) });
}
