// Spike: a trivial dynamic provider driven through the real @pulumi/pulumi dynamic-provider host, as the engine does.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  createHostWorkdir,
  HostError,
  isSecret,
  makeUrn,
  secret,
  startDynamicProviderHost,
  type HostHandle,
  type HostWorkdir,
  type PropertyMap,
} from "../support/pulumi-host";
import { providerTextOf, registerUnderMocks, serializeProvider } from "../support/serialize-provider";
import { SPIKE_IMPL_MODULE, SpikeResource, spikeProvider } from "./fixtures/spike-provider";

const TYPE = "pulumi-nodejs:dynamic/spike:Spike";
const PROJECT = "spike";
const TOKEN = "tok-SECRET-4711";
const PASSWORD = "hunter2-SECRET";
const pulumiVersion = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;

describe("dynamic-provider host harness (spike)", () => {
  let workdir: HostWorkdir | undefined;
  let host: HostHandle;
  let providerText: string;
  let programInputs: PropertyMap;
  const urn = makeUrn(TYPE, "Alpha", { project: PROJECT });

  beforeAll(async () => {
    workdir = createHostWorkdir({ [SPIKE_IMPL_MODULE]: path.join(__dirname, "fixtures", "spike-impl.js") });
    host = await startDynamicProviderHost({ cwd: workdir.dir, project: PROJECT });
  });

  afterAll(async () => {
    await host?.close();
    workdir?.remove();
  });

  it("starts the host as the engine does: port on stdout, Handshake unimplemented, plugin version", () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.pluginVersion).toBe(pulumiVersion);
    expect(host.protocol.handshakeImplemented).toBe(false);
  });

  it("serializes the shim small, requiring the implementation at run time", async () => {
    const sp = await serializeProvider(spikeProvider);
    providerText = sp.text;
    expect(sp.containsSecrets).toBe(false);
    expect(providerText).toContain(`require("${SPIKE_IMPL_MODULE}")`);
    expect(providerText).not.toContain("configuredX");
    expect(providerText.length).toBeLessThan(2048);
  });

  it("mocks receive the inputs with the same serialized __provider, and secrets wrapped", async () => {
    const regs = await registerUnderMocks(
      () => new SpikeResource("Alpha", { name: "Alpha", size: 1, region: "east", password: pulumi.secret(PASSWORD) }),
      { project: PROJECT },
    );
    expect(regs).toHaveLength(1);
    const reg = regs[0]!;
    expect(reg.type).toBe(TYPE);
    expect(reg.urn).toBe(makeUrn(TYPE, "Alpha", { project: PROJECT, stack: "test" }));
    expect(providerTextOf(reg.inputs)).toBe(providerText);
    expect(isSecret(reg.inputs.password)).toBe(true);
    programInputs = reg.inputs;
  });

  it("configure: the host answers acceptSecrets=false and no preview support", async () => {
    await host.configure({ "dbbackup:x": "hello", "dbbackup:token": secret(TOKEN), [`${PROJECT}:x`]: "from-project" });
    expect(host.protocol.acceptSecrets).toBe(false);
    expect(host.protocol.supportsPreview).toBe(false);
  });

  let checked: PropertyMap;
  it("check: returns the provider's inputs with __provider, secrets re-marked by name", async () => {
    const res = await host.check(urn, {}, programInputs);
    expect(res.failures).toEqual([]);
    checked = res.inputs;
    expect(checked.name).toBe("alpha");
    expect(checked.__provider).toBe(providerText);
    expect(isSecret(checked.password)).toBe(true);
    expect((checked.password as { value: unknown }).value).toBe(PASSWORD);
  });

  it("check: failures come back as property + reason", async () => {
    const res = await host.check(urn, {}, { ...programInputs, size: -1 });
    expect(res.failures).toEqual([{ property: "size", reason: "size must be >= 0" }]);
  });

  it("check: a thrown error surfaces as HostError UNKNOWN and the host prints it on stderr", async () => {
    const err = await host.check(urn, {}, { ...programInputs, explode: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ method: "check", codeName: "UNKNOWN", message: "check exploded on purpose" });
    const line = await host.waitForLog("check exploded on purpose");
    expect(line.source).toBe("stderr");
  });

  let created: { id: string; properties: PropertyMap };
  it("create: id and outputs, __provider added by the host, config seen (secret unwrapped), secret output re-marked", async () => {
    created = await host.create(urn, checked);
    expect(created.id).toBe("spike-alpha");
    const p = created.properties;
    expect(p.__provider).toBe(providerText);
    expect(p.configuredX).toBe("hello");
    expect(p.unqualifiedX).toBe("from-project");
    expect(p.tokenLength).toBe(TOKEN.length);
    expect(p.passwordWasPlainString).toBe(true);
    expect(isSecret(p.password)).toBe(true);
    expect(p.passwordLength).toBe(PASSWORD.length);
    expect((await host.waitForLog("created spike-alpha")).source).toBe("stdout");
  });

  it("create: an undefined output value fails the call (Struct cannot encode it)", async () => {
    const err = await host.create(urn, { ...checked, returnUndefined: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toMatch(/Unexpected struct type/);
  });

  it("create: a partial failure decodes id, properties and reasons; the host does not add __provider", async () => {
    const err = await host.create(urn, { ...checked, name: "beta", failAfterCreate: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    const e = err as HostError;
    expect(e.codeName).toBe("UNKNOWN");
    expect(e.message).toBe("spike-beta was created but never became ready");
    expect(e.initFailure).toBeDefined();
    expect(e.initFailure!.id).toBe("spike-beta");
    expect(e.initFailure!.reasons).toEqual(["spike-beta did not become ready in time"]);
    expect(e.initFailure!.properties.configuredX).toBe("hello");
    expect(isSecret(e.initFailure!.properties.password)).toBe(true);
    expect(e.initFailure!.properties.__provider).toBeUndefined();
  });

  it("diff: olds are the old outputs; replaces, changes and deleteBeforeReplace; stables are dropped by the host", async () => {
    const same = await host.diff(created.id, urn, created.properties, checked, { oldInputs: checked });
    expect(same).toMatchObject({ changes: "none", replaces: [], stables: [], diffs: [], deleteBeforeReplace: false });
    const moved = await host.diff(created.id, urn, created.properties, { ...checked, region: "west" });
    expect(moved).toMatchObject({ changes: "some", replaces: ["region"], stables: [], deleteBeforeReplace: true });
  });

  it("read: refreshed outputs and inputs, __provider kept; an empty id means gone", async () => {
    const r = await host.read(created.id, urn, created.properties, checked);
    expect(r.gone).toBe(false);
    expect(r.id).toBe(created.id);
    expect(r.properties.refreshed).toBe(true);
    expect(r.properties.__provider).toBe(providerText);
    expect(isSecret(r.properties.password)).toBe(true);
    expect(r.inputs).toEqual({ name: "alpha", size: 1, region: "east", __provider: providerText });
    const gone = await host.read("spike-missing", urn, created.properties, checked);
    expect(gone).toMatchObject({ id: "", gone: true });
  });

  it("update: the returned outputs are the whole new state", async () => {
    const news = { ...checked, size: 2 };
    const u = await host.update(created.id, urn, created.properties, news, { oldInputs: checked });
    expect(u.properties).toMatchObject({ size: 2, updatedFromSize: 1, configuredX: "hello", __provider: providerText });
    expect(isSecret(u.properties.password)).toBe(true);
  });

  it("delete: reads __provider from the outputs; a provider error surfaces as HostError", async () => {
    await host.delete(created.id, urn, created.properties, { oldInputs: checked });
    expect((await host.waitForLog("deleted spike-alpha")).source).toBe("stdout");
    const err = await host.delete("spike-other", urn, created.properties).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toBe("refusing to delete spike-other: it does not belong to alpha");
  });

  it("logs: pulumi.log goes to stdout (the host has no engine connection) and no secret was ever printed", async () => {
    await host.close();
    expect(host.engineLogCalls()).toBe(0);
    expect(host.logs.some((l) => l.message === "info: [runtime] created spike-alpha")).toBe(true);
    expect(host.transcript()).not.toContain(TOKEN);
    expect(host.transcript()).not.toContain(PASSWORD);
  });
});


describe("dynamic-provider host harness: module resolution", () => {
  let workdir: HostWorkdir | undefined;
  let host: HostHandle | undefined;

  afterAll(async () => {
    await host?.close();
    workdir?.remove();
  });

  it("resolves the shim's require() from the host's working directory only", async () => {
    workdir = createHostWorkdir();
    host = await startDynamicProviderHost({ cwd: workdir.dir, project: PROJECT });
    await host.configure({});
    const { text } = await serializeProvider(spikeProvider);
    const err = await host.check(makeUrn(TYPE, "x"), {}, { name: "x", __provider: text }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toContain(`Cannot find module '${SPIKE_IMPL_MODULE}'`);
  });
});
