// A HandlerContext for calling a resource's handlers directly (no host) against the emulator: clients built by the
// provider's own configuration code from the emulator's stack config, with overrides; progress lines collected.
import { createClients, resolveConfig } from "../../provider/config";
import type { HandlerContext } from "../../provider/types";
import { systemClock } from "../../sdk/clock";
import { emulatorConfig } from "./provider-host";
import { stripSecrets } from "./pulumi-host";

export function emulatorHandlerContext(url: string, overrides: Record<string, string> = {}, progress: string[] = []): HandlerContext {
  const config = { ...(stripSecrets(emulatorConfig(url)) as Record<string, string>), ...overrides };
  return {
    clients: createClients(resolveConfig({ get: (k) => config[k] }, {})),
    clock: systemClock,
    progress: (m) => void progress.push(m),
  };
}
