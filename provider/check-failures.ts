// check()'s one way to collect broken rules: every failure with its property path ("databaseTables[0].tables",
// 'obBackupScheduleConfig.dayAndDataBackupModelMap["9"]') and the rule, all of them, not only the first.
import { InvalidInputError } from "../sdk/errors";
import type { CheckFailure } from "./types";

/** A property path from its segments: names joined by ".", array indexes as [0], other keys as ["9"]. */
export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

export class Failures {
  readonly list: CheckFailure[] = [];

  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** Runs one rule; an InvalidInputError (the sdk's rules throw them) becomes a failure at its field. */
  run<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      this.add(e.field, e.rule);
      return undefined;
    }
  }

  /** Records an sdk rule's verdict; true when it passed (undefined). */
  passed(e: InvalidInputError | undefined): boolean {
    if (e === undefined) return true;
    this.add(e.field, e.rule);
    return false;
  }

  get count(): number {
    return this.list.length;
  }
}
