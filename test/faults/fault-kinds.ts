// The faults the suite injects, each as the emulator's fault specs for one site (per route and per call), plus the
// two that are set up otherwise: stale Digest nonces (a short nonce lifetime) and an operation that ends FAILED.
import type { FaultSpec } from "../support/emulator";
import { HTTP_TIMEOUT_MS } from "./session";
import type { Site, SiteName, Target } from "./targets";

export interface FaultKind {
  name: string;
  /** Where it applies (undefined: everywhere). */
  applies?(target: Target, site: SiteName, method: string): boolean;
  /** The fault specs for one route of the site. */
  specs?(site: Site, target: Target): FaultSpec[];
  /** Emulator durations for the scenario (stale nonces). */
  durations?: Record<string, number>;
  /** The scenario makes the first new object end failed. */
  failFirst?: boolean;
  /** Real ms a request may still act after the client gave up on it (latency): the checks wait that long first. */
  lateMs?: number;
}

const mutating = (method: string): boolean => method !== "GET";
const at = (site: Site, rest: Omit<FaultSpec, "path" | "method">): FaultSpec => ({ method: site.method, path: site.path, ...rest });

/** A refusal under HTTP 200, in each family's own envelope (the provider must not read it as success). */
function unsuccessfulBody(target: Target): unknown {
  switch (target.platform) {
    case "oceanbase-cloud":
      return { success: false, errorCode: "InjectedRefusal", errorMessage: "injected fault", requestId: "fault-suite" };
    case "ocp":
      return { successful: false, status: 500, traceId: "fault-suite", error: { code: 60500, message: "injected fault", target: null, subErrors: [] } };
    case "huawei-taurusdb":
      return undefined;
  }
}

export const FAULT_KINDS: readonly FaultKind[] = [
  { name: "500 ×2", specs: (s) => [at(s, { action: "status", status: 500, times: 2 })] },
  { name: "502 ×2", applies: (_t, _s, m) => mutating(m), specs: (s) => [at(s, { action: "status", status: 502, times: 2 })] },
  { name: "503 ×3", specs: (s) => [at(s, { action: "status", status: 503, times: 3 })] },
  { name: "429 Retry-After", specs: (s) => [at(s, { action: "status", status: 429, retryAfterSeconds: 1 })] },
  { name: "latency past timeout", specs: (s) => [at(s, { action: "latency", latencyMs: HTTP_TIMEOUT_MS + 600 })], lateMs: 1000 },
  { name: "reset before acting", applies: (_t, _s, m) => mutating(m), specs: (s) => [at(s, { action: "reset-before" })] },
  { name: "reset after acting", specs: (s) => [at(s, { action: "reset-after" })] },
  { name: "502 after acting", applies: (_t, _s, m) => mutating(m), specs: (s) => [at(s, { action: "status-after", status: 502 })] },
  { name: "truncated JSON 200", specs: (s) => [at(s, { action: "malformed" })] },
  { name: "non-JSON 200", specs: (s) => [at(s, { action: "garbage" })] },
  {
    name: "success:false 200",
    applies: (t) => unsuccessfulBody(t) !== undefined,
    specs: (s, t) => [at(s, { action: "status", status: 200, body: unsuccessfulBody(t) })],
  },
  {
    name: "beSuccessful:false 200",
    applies: (t, _s, m) => t.name === "BackupStrategy/ocp" && (m === "POST" || m === "PATCH"),
    specs: (s) => [
      at(s, {
        action: "status",
        status: 200,
        body: {
          data: {
            obBackupTaskType: "FAULT",
            backupObjectOpsResultList: [{ obBackupObjectList: [], beSuccessful: false, taskIdList: [], errorCode: "OB_BACKUP_INJECTED", hint: "injected fault" }],
          },
          successful: true,
          status: 200,
          traceId: "fault-suite",
        },
      }),
    ],
  },
  {
    name: "Huawei busy 409 ×2",
    applies: (t, _s, m) => t.huaweiBusy && mutating(m),
    specs: (s) => [at(s, { action: "status", status: 409, code: "DBS.200019", message: "Another operation is being performed on the DB instance.", times: 2 })],
  },
];

/** Not tied to a route: once per operation. */
export const STALE_NONCES: FaultKind = { name: "Digest stale nonces", applies: (t) => t.digest, durations: { "oceanbase.nonceTtlMs": 8000 } };
export const ENDS_FAILED: FaultKind = { name: "ends FAILED", applies: (t) => t.failFirst !== undefined, failFirst: true };
