// Runs tasks with the same key one after another inside this process. The engine creates independent resources in
// parallel in one dynamic-provider host; an OceanBase Cloud logical backup answers no id, so its handler finds the
// new backup set by comparing listings taken before and after the start call. Two starts for the same tenant in
// flight at once would each see both new sets: serialising them per tenant keeps "the one new set" unambiguous.
const tails = new Map<string, Promise<unknown>>();

export async function serially<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // The last task of a key drops the entry, so the map does not grow with every tenant ever backed up.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
