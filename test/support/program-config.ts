// A program's stack config for the functions' tests, set the way @pulumi/pulumi sets it for an inline program of the
// Automation API (pulumi.runtime.setAllConfig, which the CLI's language host does through PULUMI_CONFIG), and the
// environment fallbacks of the same settings kept out of the way while a test runs.
import * as pulumi from "@pulumi/pulumi";
import { SETTINGS } from "../../provider/config";

/** The emulator's demo credentials (as in provider-host.ts, without loading the host machinery). */
export const DEMO = {
  oceanbase: { accessKeyId: "emulator-ak", accessKeySecret: "emulator-sk", projectId: "emulator-project" },
  huawei: { accessKey: "EMULATORAK0000000000", secretKey: "emulator-huawei-sk", projectId: "0483b6b16e954cb88930a360d2c4e663", region: "emulator" },
} as const;

/** Stack config pointing OceanBase Cloud and TaurusDB at the emulator; `undefined` in overrides removes a key. */
export function programStackConfig(url: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    "dbbackup:oceanbaseEndpoint": url,
    "dbbackup:oceanbaseAccessKeyId": DEMO.oceanbase.accessKeyId,
    "dbbackup:oceanbaseAccessKeySecret": DEMO.oceanbase.accessKeySecret,
    "dbbackup:oceanbaseProjectId": DEMO.oceanbase.projectId,
    "dbbackup:huaweiEndpoint": `${url}/v3`,
    "dbbackup:huaweiRegion": DEMO.huawei.region,
    "dbbackup:huaweiProjectId": DEMO.huawei.projectId,
    "dbbackup:huaweiAccessKey": DEMO.huawei.accessKey,
    "dbbackup:huaweiSecretKey": DEMO.huawei.secretKey,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The secret keys, as `pulumi config set --secret` would mark them. */
const SECRET_KEYS = Object.values(SETTINGS)
  .filter((s) => "secret" in s)
  .map((s) => s.key);

/** Sets the program's whole stack config, as the Automation API does before it runs an inline program. */
export function setProgramConfig(config: Record<string, string>): void {
  pulumi.runtime.setAllConfig(config, SECRET_KEYS.filter((k) => k in config));
}

/**
 * Call at the top of a describe(): the settings' environment variables are unset while its tests run (restored
 * after), so a developer's own OCEANBASE_… or HW_… cannot stand in for the stack config under test.
 */
export function withoutSettingsEnvironment(): void {
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    for (const s of Object.values(SETTINGS)) {
      saved.set(s.env, process.env[s.env]);
      delete process.env[s.env];
    }
  });
  afterAll(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
