// npm start's emulator: started when every configured endpoint is local (127.0.0.1 / localhost) and on one port,
// reused when one already answers /__emulator/health there, refused clearly when something else holds the port.
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { SETTINGS } from "../../provider/config";
import type { Project } from "./project";

/** Short waits for the demo (the emulator's defaults model real platforms: minutes). */
export const DEMO_DURATIONS: Record<string, number> = {
  "oceanbase.backupBeginMs": 1_000,
  "oceanbase.backupMs": 3_000,
  "oceanbase.restoreCreateMs": 1_000,
  "oceanbase.restoreMs": 5_000,
  "oceanbase.tenantDeleteMs": 2_000,
  "ocp.taskMs": 2_000,
  "taurusdb.backupMs": 3_000,
  "taurusdb.jobVisibleAfterMs": 500,
  "taurusdb.jobPendingMs": 500,
  "taurusdb.restoreMs": 5_000,
};

/** The endpoint settings (config key and the environment variable read when the key is not set). */
const ENDPOINTS = [SETTINGS.oceanbaseEndpoint, SETTINGS.ocpEndpoint, SETTINGS.huaweiEndpoint];

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export type EmulatorNeed =
  | { kind: "none"; reason: string }
  | { kind: "local"; host: string; port: number; url: string };

/** Whether the stack's endpoints call for a local emulator, and where. */
export function emulatorNeed(project: Project, env: NodeJS.ProcessEnv = process.env): EmulatorNeed {
  const urls: URL[] = [];
  for (const { key, env: envVar } of ENDPOINTS) {
    const raw = project.config[key] ?? env[envVar];
    if (raw === undefined || raw === "") continue;
    try {
      urls.push(new URL(raw));
    } catch {
      return { kind: "none", reason: `${key} (${raw}) is not a URL` };
    }
  }
  if (urls.length === 0) return { kind: "none", reason: "no endpoint is configured" };
  const remote = urls.filter((u) => !LOCAL_HOSTS.has(u.hostname));
  if (remote.length > 0) return { kind: "none", reason: `${remote.map((u) => u.host).join(", ")} ${remote.length === 1 ? "is" : "are"} not local` };
  const ports = new Set(urls.map((u) => u.port || (u.protocol === "https:" ? "443" : "80")));
  if (ports.size > 1 || urls.some((u) => u.protocol !== "http:")) {
    return { kind: "none", reason: `the local endpoints do not share one http port (${urls.map((u) => u.host).join(", ")})` };
  }
  const first = urls[0] as URL;
  const port = Number([...ports][0]);
  return { kind: "local", host: first.hostname === "[::1]" ? "::1" : first.hostname === "localhost" ? "127.0.0.1" : first.hostname, port, url: `http://${first.host}` };
}

export interface LocalEmulator {
  url: string;
  /** True when this process started it (and stops it in stop()). */
  startedHere: boolean;
  statePath?: string;
  stop(): Promise<void>;
}

async function health(url: string): Promise<"ours" | "other" | "down"> {
  try {
    const res = await fetch(`${url}/__emulator/health`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return "other";
    const body = (await res.json().catch(() => undefined)) as { ok?: unknown } | undefined;
    return body?.ok === true ? "ours" : "other";
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED" ? "down" : "other";
  }
}

/** Reuses the emulator at need.url, or starts one there (state kept in stateDir/emulator-state.json). */
export async function ensureEmulator(need: Extract<EmulatorNeed, { kind: "local" }>, stateDir: string): Promise<LocalEmulator> {
  const found = await health(need.url);
  if (found === "ours") return { url: need.url, startedHere: false, stop: async () => undefined };
  const taken = (): Error =>
    new Error(`port ${need.port} is in use by something that is not the pulumi-dbbackup emulator: stop it, or point the stack's endpoints at another port`);
  if (found === "other") throw taken();
  const statePath = path.join(stateDir, "emulator-state.json");
  // The emulator writes its state file but does not create the directory.
  fs.mkdirSync(stateDir, { recursive: true });
  let running: RunningEmulator;
  try {
    running = await startEmulator({ port: need.port, host: need.host, statePath, durations: DEMO_DURATIONS });
  } catch (e) {
    if ((e as { code?: string }).code === "EADDRINUSE") throw taken();
    throw e;
  }
  return { url: need.url, startedHere: true, statePath, stop: () => running.close() };
}
