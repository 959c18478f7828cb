// When is an object gone? Refresh drops from the stack whatever read() calls gone, and delete takes "already gone" as
// done, so a not-found answer must mean the object is gone, not that the endpoint, the project or the path prefix is
// wrong (then every call answers 404). A not-found answer therefore counts only when the object's parent (its
// instance or cluster) still answers; the vendors publish no error-code table that would tell the cases apart.
import { DbBackupError, ErrorCodes } from "../sdk/errors";

export function isNotFound(e: unknown): boolean {
  return e instanceof DbBackupError && e.code === ErrorCodes.NOT_FOUND;
}

/** Resolves when the parent answers; otherwise explains why nothing can be called gone. */
export async function requireParent(parent: string, probe: () => Promise<unknown>, finding: string): Promise<void> {
  try {
    await probe();
  } catch (p) {
    const why = p instanceof Error ? p.message : String(p);
    throw new Error(
      `${finding}, but ${parent} does not answer either (${why}): check the endpoint and project settings; if ${parent} ` +
        "itself was deleted, remove this resource from the stack with `pulumi state delete`",
      { cause: p },
    );
  }
}

/** True when `e` says the object is not found and its parent answers; false for any other error. */
export async function confirmedGone(e: unknown, parent: string, probe: () => Promise<unknown>): Promise<boolean> {
  if (!isNotFound(e)) return false;
  await requireParent(parent, probe, e instanceof Error ? e.message : String(e));
  return true;
}
