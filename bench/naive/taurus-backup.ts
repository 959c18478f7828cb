// The benchmark's baseline: a TaurusDB manual backup written as a naive dynamic provider, the way Pulumi's docs show
// one (module-scope imports, one class implementing pulumi.dynamic.ResourceProvider, configuration read in configure(),
// a pulumi.dynamic.Resource subclass handing `new Provider()` to super). It does the job of ManualBackup on
// huawei-taurusdb: Huawei's SDK-HMAC-SHA256 signing written inline, POST /v3/{project_id}/backups/create, a fixed-
// interval wait until COMPLETED, read and delete. Pulumi serializes the class (every method's text, and whatever the
// methods reference) into every resource's `__provider`: that is what bench/state.ts weighs against ours.
// Not part of the provider: nothing outside bench/ uses it.
import * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";
import { request } from "undici";

export interface NaiveBackupArgs {
  instanceId: pulumi.Input<string>;
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- written as the docs' examples are: untyped API answers */
export class TaurusBackupProvider implements pulumi.dynamic.ResourceProvider {
  private endpoint = "";
  private projectId = "";
  private accessKey = "";
  private secretKey = "";

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.endpoint = req.config.require("dbbackup:huaweiEndpoint");
    this.projectId = req.config.require("dbbackup:huaweiProjectId");
    this.accessKey = req.config.require("dbbackup:huaweiAccessKey");
    this.secretKey = req.config.require("dbbackup:huaweiSecretKey");
  }

  // Huawei API Gateway signing (SDK-HMAC-SHA256): canonical request, string to sign, HMAC.
  private async call(method: string, path: string, query: Record<string, string> = {}, body?: unknown): Promise<any> {
    const url = new URL(`${this.endpoint}/${this.projectId}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const payload = body === undefined ? "" : JSON.stringify(body);
    const date = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
    const headers: Record<string, string> = { host: url.host, "x-sdk-date": date };
    if (body !== undefined) headers["content-type"] = "application/json";
    const signed = Object.keys(headers).sort();
    const canonicalQuery = [...url.searchParams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&");
    const canonical = [
      method,
      url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`,
      canonicalQuery,
      signed.map((h) => `${h}:${headers[h]}\n`).join(""),
      signed.join(";"),
      crypto.createHash("sha256").update(payload).digest("hex"),
    ].join("\n");
    const toSign = `SDK-HMAC-SHA256\n${date}\n${crypto.createHash("sha256").update(canonical).digest("hex")}`;
    const signature = crypto.createHmac("sha256", this.secretKey).update(toSign).digest("hex");
    headers.authorization = `SDK-HMAC-SHA256 Access=${this.accessKey}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
    const res = await request(url, { method: method as "GET", headers, body: body === undefined ? undefined : payload });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`TaurusDB ${method} ${url.pathname} failed: HTTP ${res.statusCode} ${text}`);
    return JSON.parse(text);
  }

  private async find(instanceId: string, backupId: string): Promise<any> {
    const r = await this.call("GET", "/backups", { instance_id: instanceId, backup_id: backupId });
    return r.backups[0];
  }

  private outputs(args: any, backup: any): any {
    return {
      instanceId: args.instanceId,
      name: args.name,
      description: args.description,
      backupId: backup.id,
      status: backup.status,
      beginTime: backup.begin_time,
      endTime: backup.end_time,
      sizeBytes: backup.size * 1024 * 1024,
    };
  }

  async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    const replaces = ["instanceId", "name", "description"].filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces };
  }

  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    const created = await this.call("POST", "/backups/create", {}, { instance_id: inputs.instanceId, name: inputs.name, description: inputs.description });
    let backup = await this.find(inputs.instanceId, created.backup.id);
    while (backup.status === "BUILDING") {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      backup = await this.find(inputs.instanceId, created.backup.id);
    }
    if (backup.status !== "COMPLETED") throw new Error(`backup ${inputs.name} ended ${backup.status}`);
    return { id: backup.id, outs: this.outputs(inputs, backup) };
  }

  async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
    const backup = await this.find(props.instanceId, id);
    return backup === undefined ? {} : { id, props: this.outputs(props, backup) };
  }

  async delete(id: string): Promise<void> {
    await this.call("DELETE", `/backups/${id}`);
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export class NaiveTaurusBackup extends pulumi.dynamic.Resource {
  declare readonly backupId: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly sizeBytes: pulumi.Output<number>;

  constructor(name: string, args: NaiveBackupArgs, opts?: pulumi.CustomResourceOptions) {
    super(new TaurusBackupProvider(), name, { backupId: undefined, status: undefined, beginTime: undefined, endTime: undefined, sizeBytes: undefined, ...args }, opts);
  }
}
