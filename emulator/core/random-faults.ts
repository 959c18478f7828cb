// Random 5xx answers on a fraction of the requests: the background failure rate of a busy cloud API, where the
// explicit faults (faults.ts) are aimed at one request. Each authenticated request that passed the rate limit and met
// no explicit fault draws from a seeded PRNG (emulator/core/prng.ts): with probability `rate` it is answered with one
// of `statuses` (drawn too) in the family's error shape. `when` says whether the server acted first:
//   "before": the handler does not run, as the fault action "status" (a gateway that gave up before the backend);
//   "after":  the handler runs and its change is kept, then the 5xx is answered, as "status-after" (the backend acted,
//             the gateway lost the answer): the hard case for a client, whose request may have done its work;
//   "mixed":  each injected fault draws one of the two, half and half.
// Requests draw in the order they arrive, so the same seed gives the same faults to the same sequence of requests;
// with concurrent clients the sequence, and so the requests hit, may differ from run to run (the count hardly does).
// Injected answers are logged as faults { id: "random", action: "status" | "status-after" }. Off unless startEmulator's
// `randomFaults` or POST /__emulator/random-faults sets it.
import { z } from "zod";
import type { Fault } from "./faults";
import { seeded, type Prng } from "./prng";
import { FAMILIES, parseSpec } from "./rate-limit";
import type { FamilyName } from "./types";

export type RandomFaultTiming = "before" | "after" | "mixed";

/** What startEmulator's `randomFaults` and POST /__emulator/random-faults take. */
export interface RandomFaultSpec {
  /** The fraction of requests answered with a 5xx, from 0 to 1. */
  rate: number;
  /** Seed of the PRNG (default 1): the same seed and the same sequence of requests give the same faults. */
  seed?: number;
  /** Whether the server acts before the 5xx (default "before"; see the top of this file). */
  when?: RandomFaultTiming;
  /** The statuses drawn from (default 500, 502, 503, 504). */
  statuses?: number[];
  /** The families affected (default: every family). */
  families?: FamilyName[];
}

const DEFAULT_STATUSES = [500, 502, 503, 504];

const randomFaultSchema = z
  .object({
    rate: z.number().min(0).max(1),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    when: z.enum(["before", "after", "mixed"]).optional(),
    statuses: z.array(z.number().int().min(500).max(599)).min(1).optional(),
    families: z.array(z.enum(FAMILIES)).min(1).optional(),
  })
  .strict();

export function parseRandomFaultSpec(input: unknown): RandomFaultSpec {
  return parseSpec(randomFaultSchema, input, "random faults") as RandomFaultSpec;
}

export class RandomFaults {
  private spec: RandomFaultSpec | undefined;
  private prng: Prng = seeded(1);
  private counts = { drawn: 0, before: 0, after: 0 };

  /** `start`: the setting after start and reset (undefined: off). */
  constructor(private readonly start: RandomFaultSpec | undefined) {
    this.set(start === undefined ? undefined : parseRandomFaultSpec(start));
  }

  /** Replaces the setting and re-seeds the PRNG; undefined turns random faults off. */
  set(spec: RandomFaultSpec | undefined): void {
    this.spec = spec;
    this.prng = seeded(spec?.seed ?? 1);
    this.counts = { drawn: 0, before: 0, after: 0 };
  }

  reset(): void {
    this.set(this.start === undefined ? undefined : { ...this.start });
  }

  /** GET /__emulator/random-faults: the setting (null when off), the requests that drew and the faults injected. */
  snapshot(): { randomFaults: RandomFaultSpec | null; drawn: number; injected: { before: number; after: number } } {
    return {
      randomFaults: this.spec === undefined ? null : { ...this.spec },
      drawn: this.counts.drawn,
      injected: { before: this.counts.before, after: this.counts.after },
    };
  }

  /** A 5xx for this request, as a fault the pipeline applies ("status" or "status-after"), or undefined. */
  draw(family: FamilyName): Fault | undefined {
    const spec = this.spec;
    if (spec === undefined || (spec.families !== undefined && !spec.families.includes(family))) return undefined;
    this.counts.drawn++;
    if (!this.prng.chance(spec.rate)) return undefined;
    const when = spec.when ?? "before";
    const after = when === "after" || (when === "mixed" && this.prng.chance(0.5));
    this.counts[after ? "after" : "before"]++;
    return {
      id: "random",
      action: after ? "status-after" : "status",
      path: "",
      status: this.prng.pick(spec.statuses ?? DEFAULT_STATUSES),
      message: "injected random fault",
      remaining: 0,
    };
  }
}
