// Awaits a promise that must reject and hands back what it rejected with, so a test can assert on it.
import { DbBackupError } from "../../sdk/errors";

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-Error: ${String(e)}`);
  }
  throw new Error("expected a rejection");
}

/** As rejection(), and the error must be one of the sdk's typed errors. */
export async function caught(p: Promise<unknown>): Promise<DbBackupError> {
  const e = await rejection(p);
  if (e instanceof DbBackupError) return e;
  throw e;
}
