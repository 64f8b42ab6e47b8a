/**
 * Runs `work` on each item with at most `limit` at a time, and starts no more once
 * `stop()` holds (the ones under way finish). A hand-rolled pool rather than p-limit: it is
 * twenty lines, it needs the stop check that p-limit has no notion of, and p-limit is not a
 * dependency of the project (only a transitive one of the tooling), so it would add a
 * package to the function's bundle for this alone.
 * @returns how many items were worked on (all of them unless stopped)
 */
export const runBounded = async <T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean
): Promise<number> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return next;
};
