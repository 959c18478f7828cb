// Produces the `__provider` text of a dynamic provider the way a real program does, two ways:
// - serializeProvider(): the exact call pulumi.dynamic.Resource makes (@pulumi/pulumi dynamic/index.js,
//   serializeFunctionMaybeSecret: runtime.serializeFunction(() => provider, { allowSecrets: true }));
// - registerUnderMocks(): construct the real resources under pulumi.runtime.setMocks and capture the inputs the
//   resource monitor received (with `__provider`), i.e. what the engine later sends to the host's Check as `news`.

import * as pulumi from "@pulumi/pulumi";
import { isSecret, type PropertyMap } from "./pulumi-host";

export interface SerializedProvider {
  text: string;
  /** True when the provider captured a secret; pulumi.dynamic.Resource then marks `__provider` secret. */
  containsSecrets: boolean;
}

export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<SerializedProvider> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { text: sf.text, containsSecrets: sf.containsSecrets };
}

export interface MockRegistration {
  type: string;
  name: string;
  urn: string;
  /** Inputs as the monitor received them: secrets as wire secret objects, `__provider` included. */
  inputs: PropertyMap;
}

function settled<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    o.apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/**
 * Runs build() under mocks (which never call the provider) and returns what each custom resource registered.
 * Mocks are process-global runtime state: call this from one test file at a time (jest isolates files).
 */
export async function registerUnderMocks(
  build: () => pulumi.CustomResource | pulumi.CustomResource[],
  opts: { project?: string; stack?: string; preview?: boolean } = {},
): Promise<MockRegistration[]> {
  const seen: Omit<MockRegistration, "urn">[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        seen.push({ type: args.type, name: args.name, inputs: args.inputs as PropertyMap });
        return { id: args.id || `${args.name}-id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    opts.project ?? "test",
    opts.stack ?? "test",
    opts.preview ?? false,
  );
  const built = build();
  const resources = Array.isArray(built) ? built : [built];
  const urns = await Promise.all(resources.map((r) => settled(r.urn)));
  return seen.map((s) => {
    const urn = urns.find((u) => u.endsWith(`::${s.type}::${s.name}`)) ?? "";
    return { ...s, urn };
  });
}

/** The `__provider` text from registered inputs (unwrapping it when the provider captured a secret). */
export function providerTextOf(inputs: PropertyMap): string {
  const raw = inputs.__provider;
  const text = isSecret(raw) ? raw.value : raw;
  if (typeof text !== "string") throw new Error("inputs carry no __provider string");
  return text;
}
