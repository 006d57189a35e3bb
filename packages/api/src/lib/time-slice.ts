/**
 * Long loops on the API's event loop (reading a hundred thousand documents, packing them for a
 * worker thread) hand the loop back every few milliseconds, so timers, I/O and other requests
 * are never held up by one long synchronous stretch.
 */

/** Resolves on the next turn of the event loop, after pending timers and I/O (setImmediate). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Default slice: well below the 50 ms event-loop delay budget (docs/performance.md). */
export const SLICE_MS = 8;

/**
 * A time slicer: `due()` is true once `sliceMs` have passed since the slicer was made or last
 * yielded; `yield()` hands the loop back and restarts the slice. In a loop:
 * `if (slice.due()) await slice.yield();`.
 */
export function timeSlicer(sliceMs = SLICE_MS, now: () => number = () => performance.now()) {
  let since = now();
  return {
    due: () => now() - since >= sliceMs,
    yield: async () => {
      await yieldToEventLoop();
      since = now();
    },
  };
}
