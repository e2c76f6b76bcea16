// Makes requests that a quick server would handle one after another overlap, as on a busy server or
// several instances: calls of one method of a live store are held until `count` of them have
// arrived (or `timeoutMs` has passed, for a wave that turned out smaller), then all go on at once.
// Only the moment changes; each call still runs the real method on the real database.

type Method = (...args: never[]) => Promise<unknown>;

/** Holds calls of `target[method]` until `count` have arrived; the returned function puts it back. */
export function callTogether<T extends Record<K, Method>, K extends keyof T>(
  target: T,
  method: K,
  count: number,
  timeoutMs = 1000,
): () => void {
  const original = target[method];
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, timeoutMs);
  target[method] = (async (...args: Parameters<T[K]>) => {
    if (++arrived === count) release();
    await all;
    return original.apply(target, args);
  }) as T[K];
  return () => {
    clearTimeout(timer);
    target[method] = original;
  };
}
