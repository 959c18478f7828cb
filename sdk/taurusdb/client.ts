// Huawei Cloud TaurusDB (GaussDB for MySQL) API v3: manual backups, backup policy, restore and jobs
// (docs/api-huawei-taurusdb.md). One method per operation; inputs are checked before any request is sent and
// every response goes through zod, then from snake_case to camelCase in one place (case.ts).
import type { z } from "zod";
import { huaweiAkSkAuth, huaweiTokenAuth } from "../auth/huawei-signer";
import { InvalidInputError, OperationFailedError } from "../errors";
import { parseJson, parseWith } from "../transport/parse";
import { clientTransportOptions, Transport } from "../transport/transport";
import type { Authenticator, CallOptions, ClientTransportOptions, RequestSpec } from "../transport/types";
import { pathSegment } from "../validate";
import { camelize, snakeize, type Camelize } from "./case";
import { taurusdbErrorMapper } from "./errors";
import {
  backupPolicyResponse,
  createBackupResponse,
  deleteBackupResponse,
  instanceResponse,
  jobResponse,
  listBackupsResponse,
  offsitePolicyResponse,
  restoreResponse,
  restoreTimesResponse,
  updateBackupPolicyResponse,
  type Backup,
  type BackupPage,
  type BackupPolicy,
  type BackupPolicyUpdate,
  type BackupType,
  type CreatedBackup,
  type DeletedBackup,
  type Instance,
  type Job,
  type RestoreTimeRange,
} from "./schemas";
import * as rules from "./validate";

export const DEFAULT_TAURUSDB_PATH_PREFIX = "/v3";
/** The most a list call may ask for in one page [docs]. */
export const MAX_PAGE_SIZE = 100;

export interface TaurusDbClientOptions extends ClientTransportOptions {
  /** Origin of the API, default https://gaussdb.{region}.myhuaweicloud.com. */
  endpoint?: string;
  /** Region name, e.g. cn-north-4; required when `endpoint` is not given. */
  region?: string;
  /** "/v3" (default, current) or "/mysql/v3" (the historical prefix of seed 004). */
  pathPrefix?: string;
  /** 32 letters or digits; it becomes part of every path. */
  projectId: string;
  /** AK/SK signing (SDK-HMAC-SHA256). */
  accessKey?: string;
  secretKey?: string;
  /** Or an IAM token sent as X-Auth-Token. */
  token?: string;
}

export type { CallOptions };

export interface CreateBackupInput {
  instanceId: string;
  name: string;
  description?: string;
}

export interface ListBackupsInput {
  instanceId?: string;
  backupId?: string;
  backupType?: BackupType;
  /** Index of the first backup to return, from 0. */
  offset?: number;
  /** 1 to 100. */
  limit?: number;
  /** Only with `endTime`: backups that began in [beginTime, endTime]. */
  beginTime?: Date | number | string;
  endTime?: Date | number | string;
  name?: string;
}

/** The start_time/end_time form of the restore-time query: both instants, end not before start. */
export interface RestoreTimesBetween {
  startTime: Date | number;
  endTime: Date | number;
}

export type RestoreInput =
  | { targetInstanceId: string; sourceInstanceId: string; type: "backup"; backupId: string }
  | { targetInstanceId: string; sourceInstanceId: string; type: "timestamp"; restoreTime: Date | number };

export interface BackupPolicyInput {
  /** Retention in days, 1 to 732. */
  keepDays: number;
  /** One-hour UTC window "hh:00-HH:00", e.g. "21:00-22:00". */
  startTime: string;
  /** Days of the week, 1 = Monday … 7 = Sunday, comma-separated, e.g. "1,3,5". */
  period: string;
  /** Level-1 backups kept, 0 or 1: only while the level-1 switch is on [docs]; left out, it is not sent. */
  retentionNumBackupLevel1?: number;
}

/** The cross-region (offsite) backup policy: all five fields required [docs: UpdateBackupOffsitePolicy]. */
export interface OffsitePolicyInput {
  openAutoBackup: boolean;
  /** Only with openAutoBackup [docs]. */
  openIncrementalBackup: boolean;
  destinationProjectId: string;
  destinationRegion: string;
  /** Days, 1 to 1825. */
  keepDays: number;
}

export class TaurusDbClient {
  readonly projectId: string;
  private readonly transport: Transport;

  constructor(opts: TaurusDbClientOptions) {
    const projectSegment = rules.projectIdSegment(opts.projectId);
    this.projectId = opts.projectId;
    const prefix = pathPrefix(opts.pathPrefix);
    this.transport = new Transport({
      platform: "huawei-taurusdb",
      baseUrl: `${origin(opts)}${prefix}/${projectSegment}/`,
      auth: authenticator(opts),
      mapError: taurusdbErrorMapper,
      ...clientTransportOptions(opts),
    });
  }

  /** POST /backups/create. Never retried after an ambiguous failure: look the backup up by name first. */
  async createBackup(input: CreateBackupInput, call: CallOptions = {}): Promise<CreatedBackup> {
    const body = snakeize({
      instanceId: rules.instanceId("instanceId", input.instanceId),
      name: rules.backupName(input.name),
      description: input.description === undefined ? undefined : rules.backupDescription(input.description),
    });
    const res = await this.call({ operation: "taurusdb.createBackup", method: "POST", path: "backups/create", body }, createBackupResponse, call);
    return res.backup;
  }

  /** GET /backups: one page, newest first as the server orders them. */
  async listBackups(input: ListBackupsInput = {}, call: CallOptions = {}): Promise<BackupPage> {
    return this.call({ operation: "taurusdb.listBackups", method: "GET", path: "backups", query: listQuery(input) }, listBackupsResponse, call);
  }

  /** Every backup matching the filters, following offset/limit pages (of `limit`, default 100). */
  async listAllBackups(input: Omit<ListBackupsInput, "offset"> = {}, call: CallOptions = {}): Promise<Backup[]> {
    const limit = input.limit ?? MAX_PAGE_SIZE;
    const all: Backup[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await this.listBackups({ ...input, offset, limit }, call);
      all.push(...page.backups);
      // Stop on a short page too, so a total_count that disagrees with the pages cannot loop forever.
      if (page.backups.length < limit || all.length >= page.totalCount) return all;
    }
  }

  /** The backup with this id on this instance, or undefined when there is none. */
  async findBackup(instanceId: string, backupId: string, call: CallOptions = {}): Promise<Backup | undefined> {
    const page = await this.listBackups({ instanceId, backupId }, call);
    return page.backups.find((b) => b.id === backupId && b.instanceId === instanceId);
  }

  /** Backups of this instance with exactly this name (names are not documented as unique). */
  async findBackupsByName(instanceId: string, name: string, call: CallOptions = {}): Promise<Backup[]> {
    const found = await this.listAllBackups({ instanceId, name }, call);
    return found.filter((b) => b.name === name && b.instanceId === instanceId);
  }

  /** DELETE /backups/{id}: manual, finished backups only. A missing backup answers NOT_FOUND. */
  async deleteBackup(backupId: string, call: CallOptions = {}): Promise<DeletedBackup> {
    const id = pathSegment("backupId", backupId);
    return this.call({ operation: "taurusdb.deleteBackup", method: "DELETE", path: `backups/${id}` }, deleteBackupResponse, call);
  }

  /** POST /instances/restore into an existing instance; follow the returned job with getJob(). */
  async restore(input: RestoreInput, call: CallOptions = {}): Promise<{ jobId: string }> {
    const common = {
      targetInstanceId: rules.instanceId("targetInstanceId", input.targetInstanceId),
      sourceInstanceId: rules.instanceId("sourceInstanceId", input.sourceInstanceId),
    };
    let body: Record<string, unknown>;
    if (input.type === "backup") {
      body = snakeize({ ...common, type: "backup", backupId: rules.opaqueId("backupId", input.backupId) });
    } else if (input.type === "timestamp") {
      body = snakeize({ ...common, type: "timestamp", restoreTime: rules.restorePoint(input.restoreTime) });
    } else {
      throw new InvalidInputError("type", "must be 'backup' or 'timestamp'");
    }
    return this.call({ operation: "taurusdb.restore", method: "POST", path: "instances/restore", body }, restoreResponse, call);
  }

  /**
   * GET /instances/{id}/restore-time: restorable ranges (epoch ms), for one UTC day when `range` is a date
   * (yyyy-mm-dd), or between two instants when it is `{startTime, endTime}` (a Date or epoch ms each, sent as ms).
   */
  async getRestoreTimes(instanceId: string, range?: string | RestoreTimesBetween, call: CallOptions = {}): Promise<RestoreTimeRange[]> {
    const id = rules.instanceId("instanceId", instanceId);
    const query = restoreTimesQuery(range);
    const res = await this.call(
      { operation: "taurusdb.getRestoreTimes", method: "GET", path: `instances/${id}/restore-time`, query },
      restoreTimesResponse,
      call,
    );
    return res.restoreTimes;
  }

  async getBackupPolicy(instanceId: string, call: CallOptions = {}): Promise<BackupPolicy> {
    const id = rules.instanceId("instanceId", instanceId);
    const res = await this.call({ operation: "taurusdb.getBackupPolicy", method: "GET", path: `instances/${id}/backups/policy` }, backupPolicyResponse, call);
    return res.backupPolicy;
  }

  /** PUT /instances/{id}/backups/policy/update. Setting the same policy twice is harmless, so it may be retried. */
  async updateBackupPolicy(instanceId: string, policy: BackupPolicyInput, call: CallOptions = {}): Promise<BackupPolicyUpdate> {
    const id = rules.instanceId("instanceId", instanceId);
    const body = snakeize({
      backupPolicy: {
        keepDays: rules.intInRange("keepDays", policy.keepDays, 1, 732),
        startTime: rules.backupWindow(policy.startTime),
        period: rules.backupPeriod(policy.period),
        retentionNumBackupLevel1: policy.retentionNumBackupLevel1 === undefined ? undefined : rules.levelOneRetention(policy.retentionNumBackupLevel1),
      },
    });
    return this.call(
      { operation: "taurusdb.updateBackupPolicy", method: "PUT", path: `instances/${id}/backups/policy/update`, body, idempotent: true },
      updateBackupPolicyResponse,
      call,
    );
  }

  /** GET /instances/{id}: the instance detail (its status: ACTIVE when it is free). NOT_FOUND when there is none. */
  async getInstance(instanceId: string, call: CallOptions = {}): Promise<Instance> {
    const id = rules.instanceId("instanceId", instanceId);
    const res = await this.call({ operation: "taurusdb.getInstance", method: "GET", path: `instances/${id}` }, instanceResponse, call);
    return res.instance;
  }

  /**
   * PUT /instances/{id}/backups/offsite-policy: the cross-region policy (write-only: TaurusDB publishes no read of it).
   * A setting, not an object: sending it twice leaves one policy, so it may be retried. Fails unless `result` is SUCCESS.
   */
  async setOffsitePolicy(instanceId: string, policy: OffsitePolicyInput, call: CallOptions = {}): Promise<{ result: string }> {
    const id = rules.instanceId("instanceId", instanceId);
    const openAutoBackup = rules.bool("openAutoBackup", policy.openAutoBackup);
    const openIncrementalBackup = rules.bool("openIncrementalBackup", policy.openIncrementalBackup);
    if (openIncrementalBackup && !openAutoBackup) throw new InvalidInputError("openIncrementalBackup", "may be true only when openAutoBackup is true");
    const body = snakeize({
      backupPolicy: {
        openAutoBackup,
        openIncrementalBackup,
        destinationProjectId: rules.projectId("destinationProjectId", policy.destinationProjectId),
        destinationRegion: rules.regionName("destinationRegion", policy.destinationRegion),
        keepDays: rules.intInRange("keepDays", policy.keepDays, 1, 1825),
      },
    });
    const operation = "taurusdb.setOffsitePolicy";
    const res = await this.call({ operation, method: "PUT", path: `instances/${id}/backups/offsite-policy`, body, idempotent: true }, offsitePolicyResponse, call);
    if (res.result !== "SUCCESS") {
      throw new OperationFailedError(`TaurusDB answered result ${JSON.stringify(res.result)} to the cross-region backup policy of instance ${id}, not SUCCESS`, {
        platform: "huawei-taurusdb",
        operation,
      });
    }
    return res;
  }

  /** GET /jobs?id=. A job id just returned may answer NOT_FOUND for a few seconds: callers retry. */
  async getJob(jobId: string, call: CallOptions = {}): Promise<Job> {
    const id = rules.opaqueId("jobId", jobId);
    const res = await this.call({ operation: "taurusdb.getJob", method: "GET", path: "jobs", query: { id } }, jobResponse, call);
    return res.job;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async call<S extends z.ZodType>(spec: RequestSpec, schema: S, call: CallOptions): Promise<Camelize<z.output<S>>> {
    const res = await this.transport.request({ ...spec, ...(call.signal ? { signal: call.signal } : {}) });
    const requestId = res.headers["x-request-id"];
    const ctx = { platform: "huawei-taurusdb" as const, operation: spec.operation, httpStatus: res.status, ...(requestId ? { requestId } : {}) };
    return camelize(parseWith(schema, parseJson(res, ctx), ctx));
  }
}

function restoreTimesQuery(range: string | RestoreTimesBetween | undefined): Record<string, string | number> {
  if (range === undefined) return {};
  if (typeof range === "string") return { date: rules.calendarDate("date", range) };
  const start = rules.epochMs("startTime", range.startTime);
  const end = rules.epochMs("endTime", range.endTime);
  if (end < start) throw new InvalidInputError("endTime", "must not be before startTime");
  return { start_time: start, end_time: end };
}

function listQuery(input: ListBackupsInput): Record<string, string | number | undefined> {
  if ((input.beginTime === undefined) !== (input.endTime === undefined)) {
    throw new InvalidInputError(input.beginTime === undefined ? "beginTime" : "endTime", "beginTime and endTime go together");
  }
  if (input.backupType !== undefined && input.backupType !== "auto" && input.backupType !== "manual") {
    throw new InvalidInputError("backupType", "must be 'auto' or 'manual'");
  }
  return {
    instance_id: input.instanceId === undefined ? undefined : rules.instanceId("instanceId", input.instanceId),
    backup_id: input.backupId === undefined ? undefined : rules.opaqueId("backupId", input.backupId),
    backup_type: input.backupType,
    offset: input.offset === undefined ? undefined : rules.intInRange("offset", input.offset, 0, Number.MAX_SAFE_INTEGER),
    limit: input.limit === undefined ? undefined : rules.intInRange("limit", input.limit, 1, MAX_PAGE_SIZE),
    begin_time: input.beginTime === undefined ? undefined : rules.wireTime("beginTime", input.beginTime),
    end_time: input.endTime === undefined ? undefined : rules.wireTime("endTime", input.endTime),
    name: input.name === undefined ? undefined : rules.backupName(input.name),
  };
}

function origin(opts: TaurusDbClientOptions): string {
  if (opts.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(opts.endpoint);
    } catch {
      throw new InvalidInputError("endpoint", "must be an absolute http(s) URL");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidInputError("endpoint", "must be an http(s) URL");
    if (url.search || url.hash || url.username || url.password) {
      throw new InvalidInputError("endpoint", "must not carry a query, fragment or credentials");
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }
  if (typeof opts.region !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(opts.region)) {
    throw new InvalidInputError("region", "is required when endpoint is not given (e.g. cn-north-4)");
  }
  return huaweiEndpointFor(opts.region);
}

/** The public endpoint of a region's TaurusDB API (the provider's default for dbbackup:huaweiEndpoint too). */
export function huaweiEndpointFor(region: string): string {
  return `https://gaussdb.${region}.myhuaweicloud.com`;
}

function pathPrefix(value: string | undefined): string {
  const prefix = value ?? DEFAULT_TAURUSDB_PATH_PREFIX;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix) || prefix.split("/").some((s) => s === "." || s === "..")) {
    throw new InvalidInputError("pathPrefix", "must look like /v3 or /mysql/v3");
  }
  return prefix;
}

// Credentials go straight into the authenticator's closures; the client keeps no reference to them.
function authenticator(opts: TaurusDbClientOptions): Authenticator {
  const hasAkSk = opts.accessKey !== undefined || opts.secretKey !== undefined;
  if (hasAkSk && opts.token !== undefined) {
    throw new InvalidInputError("token", "give either accessKey/secretKey or token, not both");
  }
  if (hasAkSk) {
    return huaweiAkSkAuth({
      accessKey: opts.accessKey as string,
      secretKey: opts.secretKey as string,
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
  }
  if (opts.token !== undefined) return huaweiTokenAuth(opts.token);
  throw new InvalidInputError("accessKey", "accessKey and secretKey (or token) are required");
}
