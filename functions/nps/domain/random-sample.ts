/**
 * A uniform random sample of `size` items (a partial Fisher–Yates shuffle), with the random
 * source a parameter so a test fixes it and the campaign passes Math.random or a seeded
 * generator. The input is not changed; the order of the sample is the shuffle's.
 */
export const randomSample = <T extends object | string | number>(
  items: readonly T[],
  size: number,
  random: () => number = Math.random
): T[] => {
  const pool = [...items];
  const count = Math.max(0, Math.min(size, pool.length));
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    const picked = pool[j];
    const here = pool[i];
    if (picked === undefined || here === undefined) break;
    pool[i] = picked;
    pool[j] = here;
  }
  return pool.slice(0, count);
};
