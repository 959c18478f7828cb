// One spec per resource: each argument once, as a field of a TypeScript interface of the values a program gives
// (its type, whether it is optional, its doc comment), with a table of its flags that the compiler holds to exactly
// those fields (a missing or extra name does not compile). The Args type, the output properties, the argument lists
// the handlers use and the secret outputs are all derived from these two.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Props } from "./types";

export interface ArgFlags {
  /** A change replaces the resource; otherwise it updates in place. */
  replaces: boolean;
  /** Only how long the provider waits: a change updates in place and sends nothing. */
  waitOnly?: true;
  /** Held as a secret: the class wraps the value and marks the output of the same name secret. */
  secret?: true;
  /** The platform it applies to, where a resource spans several. */
  platform?: string;
  /** The platform does not report it back: a read keeps it from the state, and an import cannot know it. */
  unreported?: true;
  /** How a stored state holds it (a previous create's outputs, or an import's), for the resources that read one. */
  state?: z.ZodType;
}

/** Flags for exactly the fields of F. */
export type ArgTable<F> = { readonly [K in keyof Required<F>]: ArgFlags };
/** How a stored state holds each of exactly the output fields of O (outputs beyond the arguments). */
export type OutputTable<O> = { readonly [K in keyof Required<O>]: z.ZodType };

/** What a program passes: every field a pulumi.Input, optional where the field is (doc comments carry over). */
export type InputsOf<F> = { [K in keyof F]: pulumi.Input<F[K]> };
/** The resource's output properties: every argument and output. */
export type OutputsOf<F> = { readonly [K in keyof F]-?: pulumi.Output<pulumi.Unwrap<F[K]>> };

/** The names of a table, in its order. */
export function namesOf<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}

/** The names whose flags satisfy `which`. */
export function argsWhere<F>(table: ArgTable<F>, which: (flags: ArgFlags) => boolean): (keyof F & string)[] {
  return namesOf(table).filter((n) => which(table[n] as ArgFlags)) as (keyof F & string)[];
}

type StateOf<A, O> = { [K in keyof A]?: A[K] extends { state: z.ZodType } ? z.output<A[K]["state"]> : never } & {
  [K in keyof O]?: O[K] extends z.ZodType ? z.output<O[K]> : never;
};

/**
 * Reads a stored state (outputs written by this or an earlier version, or by an import) by the spec's state types:
 * every field optional, and a field of the wrong type (hand-edited, older) read as absent rather than fatal.
 */
export function parseStoredState<A extends Record<string, ArgFlags>, O extends Record<string, z.ZodType>>(args: A, outputs: O, props: Props): StateOf<A, O> {
  const out: Record<string, unknown> = {};
  const schemas: [string, z.ZodType | undefined][] = [...Object.entries(args).map(([k, f]) => [k, f.state] as [string, z.ZodType | undefined]), ...Object.entries(outputs)];
  for (const [key, schema] of schemas) {
    const v = props[key];
    if (schema === undefined || v === undefined || v === null) continue;
    const r = schema.safeParse(v);
    if (r.success) out[key] = r.data;
  }
  return out as StateOf<A, O>;
}
