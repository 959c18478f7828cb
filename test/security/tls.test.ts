// TLS verification is always on; `dbbackup:insecureSkipTlsVerifyEndpoint` turns it off for the ONE endpoint it names.
// Two HTTPS front ends on 127.0.0.1 (different ports, one self-signed certificate made here with openssl) forward to
// the emulator: by default both are refused with a network error naming TLS, before any request reaches the server
// and without a retry; named, the one endpoint answers (with a warning line per connection) and the other is still
// refused. And nothing in the sources turns verification off any other way.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { InvalidConfigError, ocpClientFrom, resolveConfig, SETTINGS, taurusDbClientFrom, type ConfigSource } from "../../provider/config";
import { ErrorCodes, NetworkError } from "../../sdk/errors";
import { EMULATOR_CREDENTIALS, REPO_ROOT } from "../support/provider-host";
import { rejection } from "../support/rejection";

const c = EMULATOR_CREDENTIALS;

/** A throwaway self-signed certificate for 127.0.0.1 (test-only; valid one day). */
function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

interface Front {
  url: string;
  /** TLS connections attempted (handshakes that failed included). */
  connections: number;
  /** Requests that got through to the emulator. */
  forwarded: number;
  close(): Promise<void>;
}

/** An HTTPS server forwarding every request, Host header included, to the emulator (as a TLS-terminating gateway). */
async function httpsFront(tls: { key: Buffer; cert: Buffer }, emulatorPort: number): Promise<Front> {
  const front: Front = { url: "", connections: 0, forwarded: 0, close: async () => undefined };
  const server = https.createServer(tls, (req, res) => {
    front.forwarded++;
    const upstream = http.request({ host: "127.0.0.1", port: emulatorPort, method: req.method, path: req.url, headers: req.headers, agent: false }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on("connection", () => front.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  front.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return front;
}

function source(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

describe("TLS certificate verification", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let ocpFront: Front;
  let huaweiFront: Front;
  let warnings: string[];
  let stderr: jest.SpyInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dbb-tls-"));
    const tls = selfSignedCertificate(dir);
    emulator = await startEmulator({ port: 0 });
    ocpFront = await httpsFront(tls, emulator.port);
    huaweiFront = await httpsFront(tls, emulator.port);
  });
  afterAll(async () => {
    await ocpFront?.close();
    await huaweiFront?.close();
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    warnings = [];
    stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    });
  });
  afterEach(() => stderr.mockRestore());

  const config = (extra: Record<string, string> = {}): Record<string, string> => ({
    "dbbackup:ocpEndpoint": ocpFront.url,
    "dbbackup:ocpAccessKeyId": c.ocp.accessKeyId,
    "dbbackup:ocpAccessKeySecret": c.ocp.accessKeySecret,
    "dbbackup:huaweiEndpoint": `${huaweiFront.url}/v3`,
    "dbbackup:huaweiProjectId": c.huawei.projectId,
    "dbbackup:huaweiAccessKey": c.huawei.accessKey,
    "dbbackup:huaweiSecretKey": c.huawei.secretKey,
    ...extra,
  });

  /** Runs `call` and expects a refusal naming TLS, with no request through and exactly one connection (no retry). */
  async function expectTlsRefusal(front: Front, call: () => Promise<unknown>): Promise<void> {
    const before = { connections: front.connections, forwarded: front.forwarded };
    const e = await rejection(call());
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).code).toBe(ErrorCodes.NETWORK);
    expect((e as NetworkError).message).toMatch(/TLS certificate verification failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    expect((e as NetworkError).message).toContain("NODE_EXTRA_CA_CERTS");
    expect({ connections: front.connections - before.connections, forwarded: front.forwarded - before.forwarded }).toEqual({ connections: 1, forwarded: 0 });
  }

  it("is on by default: both self-signed endpoints are refused, naming TLS, before anything is sent and without a retry", async () => {
    const resolved = resolveConfig(source(config()), {});
    const ocp = ocpClientFrom(resolved);
    const hw = taurusDbClientFrom(resolved);
    try {
      await expectTlsRefusal(ocpFront, () => ocp.listTasks());
      await expectTlsRefusal(huaweiFront, () => hw.listBackups());
    } finally {
      await ocp.close();
      await hw.close();
    }
    expect(warnings).toEqual([]);
  });

  it("named for the OCP endpoint: OCP answers through it, with a warning line per connection; TaurusDB's endpoint is still refused", async () => {
    const resolved = resolveConfig(source(config({ "dbbackup:insecureSkipTlsVerifyEndpoint": ocpFront.url })), {});
    const ocp = ocpClientFrom(resolved);
    const hw = taurusDbClientFrom(resolved);
    try {
      const before = ocpFront.forwarded;
      const page = await ocp.listTasks();
      expect(Array.isArray(page.contents)).toBe(true);
      await ocp.listTasks(); // the kept-alive connection: no second warning
      expect(ocpFront.forwarded - before).toBe(2);
      expect(warnings).toEqual([
        `pulumi-dbbackup: WARNING: TLS certificate verification is OFF for ${ocpFront.url}: this connection does not check who answers, ` +
          "so anyone on the network path can read or change its requests, credentials included (dbbackup:insecureSkipTlsVerifyEndpoint; unset it to verify again)\n",
      ]);
      await expectTlsRefusal(huaweiFront, () => hw.listBackups());
    } finally {
      await ocp.close();
      await hw.close();
    }
    expect(warnings).toHaveLength(1);
  });

  it("names an endpoint by its origin (a path on it is fine) and works the same for the other platform", async () => {
    const resolved = resolveConfig(source(config({ "dbbackup:insecureSkipTlsVerifyEndpoint": `${huaweiFront.url}/v3` })), {});
    const hw = taurusDbClientFrom(resolved);
    const ocp = ocpClientFrom(resolved);
    try {
      expect(Array.isArray((await hw.listBackups()).backups)).toBe(true);
      await expectTlsRefusal(ocpFront, () => ocp.listTasks());
    } finally {
      await hw.close();
      await ocp.close();
    }
    expect(warnings.map((w) => w.includes(`OFF for ${huaweiFront.url}:`))).toEqual([true]);
  });

  it.each([
    ["an endpoint that is not configured", "https://127.0.0.1:1"],
    ["an http endpoint (nothing to verify)", "http://127.0.0.1:8787"],
    ["not a URL", "all"],
  ])("refuses %s with an InvalidConfigError naming the setting, before any connection", (_what, value) => {
    const resolved = resolveConfig(source(config({ "dbbackup:ocpEndpoint": "http://127.0.0.1:8787", "dbbackup:insecureSkipTlsVerifyEndpoint": value })), {});
    for (const build of [() => ocpClientFrom(resolved), () => taurusDbClientFrom(resolved)]) {
      let error: unknown;
      try {
        build();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as InvalidConfigError).message).toBe(
        "dbbackup:insecureSkipTlsVerifyEndpoint (or DBBACKUP_INSECURE_SKIP_TLS_VERIFY_ENDPOINT) must be the URL of one of the configured https endpoints " +
          "(dbbackup:oceanbaseEndpoint, dbbackup:ocpEndpoint, dbbackup:huaweiEndpoint), and it is none of them",
      );
    }
  });

  it("the README's Security section says what the code does", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const security = readme.slice(readme.indexOf("\n## Security\n"), readme.indexOf("\n## The emulator\n"));
    const oneLine = security.replace(/\s*\n\s*/g, " ");
    for (const said of [
      `\`${SETTINGS.insecureSkipTlsVerifyEndpoint.key}\``,
      `\`${SETTINGS.insecureSkipTlsVerifyEndpoint.env}\``,
      "`pulumi-dbbackup: WARNING: TLS certificate verification is OFF for https://…`",
      "`TLS certificate verification failed (<code>)`",
      "NODE_EXTRA_CA_CERTS",
    ]) {
      expect({ said, in: oneLine.includes(said) }).toEqual({ said, in: true });
    }
  });

  it("nothing else in the sources turns verification off", () => {
    // Spelt in pieces so that this file does not find itself.
    const needles = ["reject" + "Unauthorized", "NODE_TLS_" + "REJECT_UNAUTHORIZED", "checkServer" + "Identity"];
    const hits: string[] = [];
    const walk = (rel: string): void => {
      for (const entry of fs.readdirSync(path.join(REPO_ROOT, rel), { withFileTypes: true })) {
        const child = path.join(rel, entry.name);
        if (entry.isDirectory()) {
          if (!["node_modules", "dist", ".git", ".pulumi-state", ".dev"].includes(entry.name)) walk(child);
        } else if (/\.(ts|js|mjs|cjs|json|ya?ml|sh)$/.test(entry.name)) {
          const lines = fs.readFileSync(path.join(REPO_ROOT, child), "utf8").split("\n");
          lines.forEach((line, i) => {
            if (needles.some((n) => line.includes(n))) hits.push(`${child}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    walk(".");
    const scoped = `const unverified = buildConnector({ ...connect, ${needles[0]}: false });`;
    expect(hits.map((h) => h.replace(/:\d+:/, ":"))).toEqual([`sdk/transport/transport.ts: ${scoped}`]);
  });
});
