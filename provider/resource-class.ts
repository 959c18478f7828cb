// What the three resource classes share: the type tokens' module, and how a class passes its argument and output
// names and its secret outputs to Pulumi.
import * as pulumi from "@pulumi/pulumi";

/** Module of the type tokens: `pulumi-nodejs:dynamic/dbbackup:<Type>`. */
export const RESOURCE_MODULE = "dbbackup";

/** Every input and output name (undefined unless given), so each exists as an Output property of the resource. */
export function withNames(names: readonly string[], values: object): Record<string, unknown> {
  const all: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, undefined]));
  return Object.assign(all, values);
}

export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, names: string[]): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...names] };
}

/** The arguments with each of `secretNames` that is given wrapped in pulumi.secret (encrypted in state as an input). */
export function withSecretArgs<A extends object>(args: A, secretNames: readonly (keyof A & string)[]): A {
  const out: A = { ...args };
  for (const key of secretNames) {
    const value = args?.[key];
    if (value !== undefined) Object.assign(out, { [key]: pulumi.secret(value) });
  }
  return out;
}
