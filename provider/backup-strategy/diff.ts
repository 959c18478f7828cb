// BackupStrategy's diff rules: the platform and the target (clusterId, tenantId; instanceId) replace, everything else
// updates in place; both sides are compared in canonical form, so a second run of an unchanged program is empty. Never
// calls the cloud. A state without `platform` is an OCP one (written before the platform argument existed).
// OCP:
//   - Storage accessKeySecret values count only where both sides hold one: OCP never returns them, so a state
//     made by import cannot know them (the next change that PATCHes writes the program's secret into state).
//   - waitForCompletion / timeoutMinutes: an in-place change whose update() touches nothing in OCP; compared only
//     when the old state has them (an imported state does not, and any value fits it).
//   - A last change whose task ended FAILED is a change: the next update sends the settings again.
// OceanBase Cloud and TaurusDB (cloud-diff.ts): the same for their settings; onDelete is an in-place change that sends
// nothing.
import { normaliseInputs, platformIn } from "./args";
import { diffCloudStrategy } from "./cloud-diff";
import { BODY_KEYS, stableJson } from "./normalise";
import { withoutSecretsUnknownIn } from "./secrets";
import type { DiffResult, Props } from "../types";

const REPLACING = ["clusterId", "tenantId"] as const;
const WAITING = ["waitForCompletion", "timeoutMinutes"] as const;

/** The top-level arguments whose canonical values differ (target and body; waiting settings separately). */
export function changedArguments(olds: Props, news: Props): { replacing: string[]; body: string[]; waiting: string[] } {
  const o0 = normaliseInputs(olds);
  const n0 = normaliseInputs(news);
  const o = withoutSecretsUnknownIn(o0, n0);
  const n = withoutSecretsUnknownIn(n0, o0);
  const differs = (k: string): boolean => stableJson(o[k]) !== stableJson(n[k]);
  return {
    replacing: REPLACING.filter(differs),
    body: BODY_KEYS.filter(differs),
    waiting: WAITING.filter((k) => olds[k] !== undefined && olds[k] !== null && differs(k)),
  };
}

export function diffStrategy(olds: Props, news: Props): DiffResult {
  const before = platformIn(olds);
  const after = platformIn(news);
  // Another platform (or one not known yet) is another strategy altogether.
  if (before !== after) return { changes: true, replaces: ["platform"], diffs: ["platform"] };
  if (after === "oceanbase-cloud" || after === "huawei-taurusdb") return diffCloudStrategy(after, olds, news);
  return diffOcp(olds, news);
}

function diffOcp(olds: Props, news: Props): DiffResult {
  const c = changedArguments(olds, news);
  const diffs = [...c.replacing, ...c.body, ...c.waiting];
  if (olds["taskStatus"] === "FAILED") diffs.push("taskStatus");
  return { changes: diffs.length > 0, replaces: c.replacing, diffs };
}
