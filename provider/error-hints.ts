// What to do about an sdk error, in the user's config keys: one table for the resources' errors (runtime.ts) and the
// functions' (functions/program-config.ts), so both name the same keys for the same cause.
import { ErrorCodes, type Platform } from "../sdk/errors";
import { SETTINGS, type ResolvedConfig, type SettingName } from "./config";

export const ENDPOINT_OF: Readonly<Record<Platform, SettingName>> = {
  "oceanbase-cloud": "oceanbaseEndpoint",
  ocp: "ocpEndpoint",
  "huawei-taurusdb": "huaweiEndpoint",
};

/** "dbbackup:key (ENV), …". */
export function settingKeys(names: readonly SettingName[]): string {
  return names.map((n) => `${SETTINGS[n].key} (${SETTINGS[n].env})`).join(", ");
}

/** The credentials of the scheme in use: on OCP an AccessKey pair wins over Basic (ocpClientFrom), so name that one. */
function credentialsOf(p: Platform, config: ResolvedConfig): SettingName[] {
  switch (p) {
    case "oceanbase-cloud":
      return ["oceanbaseAccessKeyId", "oceanbaseAccessKeySecret"];
    case "huawei-taurusdb":
      return ["huaweiAccessKey", "huaweiSecretKey"];
    case "ocp": {
      const accessKey = config.get("ocpAccessKeyId") !== undefined || config.get("ocpAccessKeySecret") !== undefined;
      return accessKey ? ["ocpAccessKeyId", "ocpAccessKeySecret"] : ["ocpUsername", "ocpPassword"];
    }
  }
}

/** What to do about an error of this code on this platform, when the code says more than the message; "" if nothing. */
export function hintFor(code: string, p: Platform | undefined, config: ResolvedConfig): string {
  switch (code) {
    case ErrorCodes.AUTH:
      return p ? `check the credentials: ${settingKeys(credentialsOf(p, config))}` : "check the credentials";
    case ErrorCodes.NETWORK:
    case ErrorCodes.REQUEST_TIMEOUT:
      return p ? `check that the endpoint ${settingKeys([ENDPOINT_OF[p]])} is right and reachable, then run again` : "check the endpoint, then run again";
    case ErrorCodes.THROTTLED:
      return "the platform is rate-limiting requests: run again later";
    case ErrorCodes.CLOCK_SKEW:
      return "the platform refused this machine's clock: synchronise it (NTP) and run again";
    default:
      return "";
  }
}
