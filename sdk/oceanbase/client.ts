// OceanBase Cloud multi-cloud API v2 client (docs/api-oceanbase-cloud.md): physical and logical backups, backup sets,
// restorable windows, tenant restore, tenants and instances. HTTP Digest auth; every call is tracked by a
// fresh requestId and, when configured, the project header.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { digestAuth } from "../auth/digest";
import { InvalidInputError } from "../errors";
import { parseJson, parseWith } from "../transport/parse";
import { clientTransportOptions, Transport } from "../transport/transport";
import type { CallOptions, ClientTransportOptions, HttpMethod } from "../transport/types";
import { pathSegment } from "../validate";
import { oceanbaseErrorMapper, PLATFORM, unsuccessfulAnswerError } from "./errors";
import {
  checkId,
  checkObTime,
  checkPage,
  checkRestoreTenant,
  checkStartBackup,
  nonEmptyString,
  optionalBoolean,
  requireObject,
  type RestoreTenantInput,
  type StartBackupInput,
} from "./inputs";
import {
  anyDataSchema,
  backupSetPageSchema,
  backupSetSchema,
  deleteTenantSchema,
  envelopeHeadSchema,
  instanceSchema,
  logicalStartSchema,
  physicalStartSchema,
  restorableTenantListSchema,
  restoreResultSchema,
  successEnvelope,
  tenantPageSchema,
  tenantSchema,
  type ObBackupSet,
  type ObBackupSetPage,
  type ObInstance,
  type ObRestorableTenant,
  type ObTenant,
  type ObTenantPage,
  type ObTenantSummary,
} from "./schemas";
import { modifyBackupStrategyBody, type ModifyBackupStrategyInput } from "./strategy";

export const DEFAULT_OCEANBASE_ENDPOINT = "https://api-cloud.oceanbase.com";

export interface OceanBaseCloudClientOptions extends ClientTransportOptions {
  /** Default https://api-cloud.oceanbase.com (China: api-cloud-cn…, global: g-api-cloud…). */
  endpoint?: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Sent as X-Ob-Project-Id on every call; required by restoreTenant. */
  projectId?: string;
  /** Digest client-nonce source (tests). */
  digestCnonce?: () => string;
}

export type { CallOptions };

export interface StartBackupResult {
  /** Physical backups: the task id, which is also the new backup set's backupSetId. Logical: undefined. */
  backupTaskId: string | undefined;
  requestId: string | undefined;
}

export interface ListBackupSetsInput {
  instanceId: string;
  /** ISO-8601 UTC ("2026-01-13T05:58:34Z"). */
  startTime?: string;
  endTime?: string;
  pageNumber?: number;
  pageSize?: number;
  checkBackupSetDownloadEnable?: boolean;
}

export interface GetBackupSetInput {
  instanceId: string;
  backupTaskId: string;
  checkBackupSetDownloadEnable?: boolean;
}

export interface ListRestorableTenantsInput {
  instanceId: string;
  tenantId?: string;
  backupSetId?: string;
  restoreObjectType?: "tenant";
  fromRemote?: boolean;
}

export interface ListTenantsInput {
  instanceId: string;
  pageNumber?: number;
  pageSize?: number;
  /** Fuzzy match on the tenant name (server side). */
  tenantName?: string;
}

export interface TenantRef {
  instanceId: string;
  tenantId: string;
}

export interface RestoreTenantResult {
  requestId: string | undefined;
}

type Query = Record<string, string | number | boolean | undefined>;

interface Call<S extends z.ZodType> {
  operation: string;
  method: HttpMethod;
  path: string;
  query?: Query;
  body?: unknown;
  schema: S;
  /** Safe to send again after an ambiguous failure (the transport then retries it). */
  idempotent?: boolean;
  options?: CallOptions;
}

// listAll helpers ask for the largest page and stop after this many pages, whatever `total` says.
const MAX_PAGES = 10_000;

export class OceanBaseCloudClient {
  // The secret lives only in the digest authenticator's closure; nothing here holds it.
  readonly #transport: Transport;
  readonly #projectId: string | undefined;

  constructor(options: OceanBaseCloudClientOptions) {
    const o = requireObject("options", options);
    const accessKeyId = nonEmptyString("accessKeyId", o.accessKeyId);
    const accessKeySecret = nonEmptyString("accessKeySecret", o.accessKeySecret);
    if (options.projectId !== undefined) checkId("projectId", options.projectId);
    this.#projectId = options.projectId;
    this.#transport = new Transport({
      platform: PLATFORM,
      baseUrl: options.endpoint ?? DEFAULT_OCEANBASE_ENDPOINT,
      auth: digestAuth({ username: accessKeyId, password: accessKeySecret, ...(options.digestCnonce ? { cnonce: options.digestCnonce } : {}) }),
      mapError: oceanbaseErrorMapper,
      ...clientTransportOptions(options),
    });
  }

  /** Starts a physical (tenant) or logical (database/table) backup [seed 000]. Never retried after an ambiguous failure. */
  async startBackup(input: StartBackupInput, options?: CallOptions): Promise<StartBackupResult> {
    const checked = checkStartBackup(input);
    const schema = checked.physical ? physicalStartSchema : logicalStartSchema;
    const { data, requestId } = await this.#call({
      operation: "oceanbase.startBackup",
      method: "POST",
      path: `/api/v2/instances/${checked.instanceSegment}/backup/data/start`,
      body: checked.body,
      schema,
      options,
    });
    return { backupTaskId: data?.backupTaskId ?? undefined, requestId };
  }

  /** One page of backup sets [seed 001]. */
  async listBackupSets(input: ListBackupSetsInput, options?: CallOptions): Promise<ObBackupSetPage> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    const start = input.startTime === undefined ? undefined : checkObTime("startTime", input.startTime);
    const end = input.endTime === undefined ? undefined : checkObTime("endTime", input.endTime);
    if (start !== undefined && end !== undefined && start > end) throw new InvalidInputError("endTime", "must not be before startTime");
    const page = checkPage(input.pageNumber, input.pageSize);
    const check = optionalBoolean("checkBackupSetDownloadEnable", input.checkBackupSetDownloadEnable);
    const { data } = await this.#call({
      operation: "oceanbase.listBackupSets",
      method: "GET",
      path: `/api/v2/instances/${instance}/backup/data/sets`,
      query: { startTime: input.startTime, endTime: input.endTime, ...page, checkBackupSetDownloadEnable: check },
      schema: backupSetPageSchema,
      options,
    });
    return data;
  }

  /** Every backup set matching the filters, following the pages. */
  iterateBackupSets(input: Omit<ListBackupSetsInput, "pageNumber">, options?: CallOptions): AsyncGenerator<ObBackupSet> {
    return paginate((pageNumber, pageSize) => this.listBackupSets({ ...input, pageNumber, pageSize }, options), input.pageSize);
  }

  async listAllBackupSets(input: Omit<ListBackupSetsInput, "pageNumber">, options?: CallOptions): Promise<ObBackupSet[]> {
    return collect(this.iterateBackupSets(input, options));
  }

  /** One backup set (or task) by id [docs]. */
  async getBackupSet(input: GetBackupSetInput, options?: CallOptions): Promise<ObBackupSet> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    const id = pathSegment("backupTaskId", o.backupTaskId);
    const check = optionalBoolean("checkBackupSetDownloadEnable", input.checkBackupSetDownloadEnable);
    const { data } = await this.#call({
      operation: "oceanbase.getBackupSet",
      method: "GET",
      path: `/api/v2/instances/${instance}/backup/data/sets/${id}`,
      query: { checkBackupSetDownloadEnable: check },
      schema: backupSetSchema,
      options,
    });
    return data;
  }

  /** Tenants with backups on the instance and their restorable time windows [docs]. */
  async listRestorableTenants(input: ListRestorableTenantsInput, options?: CallOptions): Promise<ObRestorableTenant[]> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    if (input.tenantId !== undefined) checkId("tenantId", input.tenantId);
    if (input.backupSetId !== undefined) checkId("backupSetId", input.backupSetId);
    if (input.restoreObjectType !== undefined && input.restoreObjectType !== "tenant") {
      throw new InvalidInputError("restoreObjectType", "must be 'tenant'");
    }
    const fromRemote = optionalBoolean("fromRemote", input.fromRemote);
    const { data } = await this.#call({
      operation: "oceanbase.listRestorableTenants",
      method: "GET",
      path: `/api/v2/instances/${instance}/backup/restore/tenants`,
      query: { tenantId: input.tenantId, backupSetId: input.backupSetId, restoreObjectType: input.restoreObjectType, fromRemote },
      schema: restorableTenantListSchema,
      options,
    });
    return data;
  }

  /**
   * Restores a tenant from backup into a new tenant [seed 003]. Answers nothing to follow: watch the target
   * instance's tenant list for targetTenantName. Needs the client's projectId (X-Ob-Project-Id).
   */
  async restoreTenant(input: RestoreTenantInput, options?: CallOptions): Promise<RestoreTenantResult> {
    const checked = checkRestoreTenant(input);
    if (this.#projectId === undefined) {
      throw new InvalidInputError("projectId", "is required to restore a tenant (sent as X-Ob-Project-Id): set it in the client options");
    }
    const { requestId } = await this.#call({
      operation: "oceanbase.restoreTenant",
      method: "POST",
      path: `/api/v2/instances/${checked.instanceSegment}/backup/restore`,
      body: checked.body,
      schema: restoreResultSchema,
      options,
    });
    return { requestId };
  }

  /** One page of the instance's tenants [docs]. */
  async listTenants(input: ListTenantsInput, options?: CallOptions): Promise<ObTenantPage> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    const page = checkPage(input.pageNumber, input.pageSize);
    if (input.tenantName !== undefined) nonEmptyString("tenantName", input.tenantName);
    const { data } = await this.#call({
      operation: "oceanbase.listTenants",
      method: "GET",
      path: `/api/v2/instances/${instance}/tenants`,
      query: { ...page, tenantName: input.tenantName },
      schema: tenantPageSchema,
      options,
    });
    return data;
  }

  iterateTenants(input: Omit<ListTenantsInput, "pageNumber">, options?: CallOptions): AsyncGenerator<ObTenantSummary> {
    return paginate((pageNumber, pageSize) => this.listTenants({ ...input, pageNumber, pageSize }, options), input.pageSize);
  }

  async listAllTenants(input: Omit<ListTenantsInput, "pageNumber">, options?: CallOptions): Promise<ObTenantSummary[]> {
    return collect(this.iterateTenants(input, options));
  }

  async getTenant(input: TenantRef, options?: CallOptions): Promise<ObTenant> {
    const { instance, tenant } = tenantSegments(input);
    const { data } = await this.#call({
      operation: "oceanbase.getTenant",
      method: "GET",
      path: `/api/v2/instances/${instance}/tenants/${tenant}`,
      schema: tenantSchema,
      options,
    });
    return data;
  }

  /** Starts deleting a tenant (it goes DELETING, then disappears). */
  async deleteTenant(input: TenantRef, options?: CallOptions): Promise<{ tenantId: string }> {
    const { instance, tenant } = tenantSegments(input);
    const { data } = await this.#call({
      operation: "oceanbase.deleteTenant",
      method: "DELETE",
      path: `/api/v2/instances/${instance}/tenants/${tenant}`,
      schema: deleteTenantSchema,
      options,
    });
    return { tenantId: data?.tenantId ?? input.tenantId };
  }

  async describeInstance(input: { instanceId: string }, options?: CallOptions): Promise<ObInstance> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    const { data } = await this.#call({
      operation: "oceanbase.describeInstance",
      method: "GET",
      path: `/api/v2/instances/${instance}`,
      schema: instanceSchema,
      options,
    });
    return data;
  }

  /**
   * Resolves when the instance answers (a success envelope): an existence check, which reads nothing of the
   * description, so a field the platform leaves out or renames never fails it.
   */
  async probeInstance(input: { instanceId: string }, options?: CallOptions): Promise<void> {
    const o = requireObject("input", input);
    const instance = pathSegment("instanceId", o.instanceId);
    await this.#call({ operation: "oceanbase.describeInstance", method: "GET", path: `/api/v2/instances/${instance}`, schema: anyDataSchema, options });
  }

  /**
   * Applies a backup strategy to the instance (ModifyBackupStrategy [docs]). Every instance has one, so this sets, never
   * creates: sending the same body again leaves the same strategy, so it is marked safe to retry after a lost answer.
   * The platform publishes no call that reads a strategy back.
   */
  async modifyBackupStrategy(input: ModifyBackupStrategyInput, options?: CallOptions): Promise<{ requestId: string | undefined }> {
    const { instanceSegment, body } = modifyBackupStrategyBody(input);
    const { requestId } = await this.#call({
      operation: "oceanbase.modifyBackupStrategy",
      method: "POST",
      path: `/api/v2/instances/${instanceSegment}/backup/strategy`,
      query: { action: "ModifyBackupStrategy" },
      body,
      schema: anyDataSchema,
      idempotent: true,
      options,
    });
    return { requestId };
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /** Sends one call and parses the success envelope; a `success: false` answer becomes an ApiError. */
  async #call<S extends z.ZodType>(c: Call<S>): Promise<{ data: z.output<S>; requestId: string | undefined }> {
    const res = await this.#transport.request({
      operation: c.operation,
      method: c.method,
      path: c.path,
      // One id per call: the transport's retries of this call repeat it, which is what "tracking" wants.
      query: { requestId: randomUUID(), ...c.query },
      ...(this.#projectId !== undefined ? { headers: { "x-ob-project-id": this.#projectId } } : {}),
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.idempotent !== undefined ? { idempotent: c.idempotent } : {}),
      ...(c.options?.signal ? { signal: c.options.signal } : {}),
    });
    const ctx = { platform: PLATFORM, operation: c.operation, httpStatus: res.status };
    const json = parseJson(res, ctx);
    const head = parseWith(envelopeHeadSchema, json, ctx);
    if (!head.success) throw unsuccessfulAnswerError(json, res.status, c.operation);
    // zod cannot infer an object's output through a generic member: the shape is the envelope's, by construction.
    const env = parseWith(successEnvelope(c.schema), json, ctx) as { data: z.output<S>; requestId?: string | null };
    return { data: env.data, requestId: env.requestId ?? undefined };
  }
}

function tenantSegments(input: TenantRef): { instance: string; tenant: string } {
  const o = requireObject("input", input);
  return { instance: pathSegment("instanceId", o.instanceId), tenant: pathSegment("tenantId", o.tenantId) };
}

/** Follows pageNumber 1, 2, … until `total` items came back or a page is empty. */
async function* paginate<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<{ dataList: T[]; total: number }>,
  pageSize = 100,
): AsyncGenerator<T> {
  let seen = 0;
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await fetchPage(pageNumber, pageSize);
    yield* page.dataList;
    seen += page.dataList.length;
    if (page.dataList.length === 0 || seen >= page.total) return;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
