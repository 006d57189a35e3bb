/** Runs `fn` while holding an exclusive lock named `name`. */
export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** An in-process mutex: calls with the same name run one after another. */
export function createLocalLock(): LockFn {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    try {
      return await run;
    } finally {
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * A lock shared by every tab of this origin (Web Locks API), so that only one tab at a time
 * exchanges the refresh token. Browsers without it get a per-tab lock.
 */
export function createBrowserLock(): LockFn {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManagerLike }) | undefined)?.locks;
  if (locks && typeof locks.request === 'function') {
    return <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T>;
  }
  return createLocalLock();
}
